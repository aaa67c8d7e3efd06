using System.Globalization;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing.Authoring.Scenarios;

/// <summary>
/// A rule author's test: a patient, a fixed evaluation time and language, optional expectations,
/// and (beside the file) the approved advice, <c>NAME.verified.json</c>.
/// </summary>
public sealed class Scenario
{
    internal Scenario(string name, string path, string? description, DateTimeOffset evaluatedAt, string language,
        bool includeDraftRules, PatientContext patient, ScenarioExpectations expect)
    {
        Name = name;
        Path = path;
        Description = description;
        EvaluatedAt = evaluatedAt;
        Language = language;
        IncludeDraftRules = includeDraftRules;
        Patient = patient;
        Expect = expect;
    }

    /// <summary>Pack folder name and file name, e.g. <c>drug-interactions/ssri-tramadol</c>.</summary>
    public string Name { get; }

    /// <summary>Path of the scenario file.</summary>
    public string Path { get; }

    /// <summary>What the scenario checks.</summary>
    public string? Description { get; }

    /// <summary>The fixed clock of the evaluation.</summary>
    public DateTimeOffset EvaluatedAt { get; }

    /// <summary>Language of the advice.</summary>
    public string Language { get; }

    /// <summary>Whether draft rules run.</summary>
    public bool IncludeDraftRules { get; }

    /// <summary>The patient.</summary>
    public PatientContext Patient { get; }

    /// <summary>Checks made in addition to the snapshot.</summary>
    public ScenarioExpectations Expect { get; }

    /// <summary>Where the approved advice is kept.</summary>
    public string VerifiedPath => System.IO.Path.ChangeExtension(Path, null) + ".verified.json";

    /// <summary>Where a differing advice is written for review.</summary>
    public string ReceivedPath => System.IO.Path.ChangeExtension(Path, null) + ".received.json";

    /// <summary>The scenario's name.</summary>
    public override string ToString() => Name;

    /// <summary>The default clock when a scenario gives none, so snapshots never depend on today.</summary>
    public static readonly DateTimeOffset DefaultEvaluatedAt = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Reads a scenario file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">The name to give it.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="FormatException">The file is not a valid scenario; the message has line and column.</exception>
    public static Scenario Read(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        YNode? root;
        try
        {
            root = YamlTreeReader.Read(File.ReadAllText(path));
        }
        catch (YamlTreeException ex)
        {
            throw new ScenarioFormatException(path, ex.Line, ex.Column, new("diag.scenario-yaml", ex.Code, ex.Text));
        }
        if (root is not YMapping map) throw Error(path, root, new("scenario.not-mapping"));

        string? description = null;
        var evaluatedAt = DefaultEvaluatedAt;
        var language = "en";
        var includeDraft = false;
        PatientContext? patient = null;
        var expect = ScenarioExpectations.None;
        foreach (var (key, value) in map.Entries)
        {
            switch (key.Value)
            {
                case "description":
                    description = value is YScalar d ? d.Value : throw Error(path, value, new("scenario.key-text", "description"));
                    break;
                case "evaluatedAt":
                    if (value is not YScalar s || !DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out evaluatedAt))
                        throw Error(path, value, new("scenario.evaluated-at"));
                    break;
                case "language":
                    language = value is YScalar { Value: "en" or "fr" } l ? l.Value : throw Error(path, value, new("scenario.language"));
                    break;
                case "includeDraftRules":
                    includeDraft = value switch
                    {
                        YScalar { Value: "true" } => true,
                        YScalar { Value: "false" } => false,
                        _ => throw Error(path, value, new("scenario.include-draft")),
                    };
                    break;
                case "patient":
                    patient = value is YMapping p ? PatientContextReader.FromNode(p) : throw Error(path, value, new("scenario.key-mapping", "patient"));
                    break;
                case "expect":
                    expect = value is YMapping e ? ScenarioExpectations.Read(path, e) : throw Error(path, value, new("scenario.key-mapping", "expect"));
                    break;
                default:
                    throw Error(path, key, new("scenario.unknown-key", key.Value));
            }
        }
        if (patient is null) throw Error(path, map, new("scenario.needs-patient"));
        return new Scenario(name, path, description, evaluatedAt, language, includeDraft, patient, expect);
    }

    internal static ScenarioFormatException Error(string path, YNode? node, MessageText message) =>
        new(path, node?.Line ?? 1, node?.Column ?? 1, message);
}

/// <summary>A scenario file that is not a valid scenario: English message <c>path(line,col): message</c>, and the sentence to render in another language.</summary>
internal sealed class ScenarioFormatException(string path, int line, int column, MessageText text)
    : FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}({line},{column}): {text}"))
{
    public string Path { get; } = path;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public MessageText Text { get; } = text;

    /// <summary><c>path(line,col): message</c> with the message in <paramref name="language"/>.</summary>
    public string Localized(string language) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path}({Line},{Column}): {Text.Render(language)}");
}

/// <summary>Expectations a scenario states explicitly, checked before the snapshot.</summary>
public sealed class ScenarioExpectations
{
    internal static readonly ScenarioExpectations None = new([], [], [], []);

    internal ScenarioExpectations(IReadOnlyList<string> proposals, IReadOnlyList<string> alerts, IReadOnlyList<string> absent,
        IReadOnlyList<ExpectationMention> mentions)
    {
        Proposals = proposals;
        Alerts = alerts;
        Absent = absent;
        Mentions = mentions;
    }

    /// <summary>Every id or action the expectations name, where they name it, for the linter.</summary>
    internal IReadOnlyList<ExpectationMention> Mentions { get; }

    /// <summary>Action codes that must be proposed (status proposed).</summary>
    public IReadOnlyList<string> Proposals { get; }

    /// <summary>Rule ids that must raise an alert.</summary>
    public IReadOnlyList<string> Alerts { get; }

    /// <summary>Rule ids that must not appear, as proposal or alert.</summary>
    public IReadOnlyList<string> Absent { get; }

    internal static ScenarioExpectations Read(string path, YMapping map)
    {
        List<string> proposals = [], alerts = [], absent = [];
        List<ExpectationMention> mentions = [];
        foreach (var (key, value) in map.Entries)
        {
            var target = key.Value switch
            {
                "proposals" => proposals,
                "alerts" => alerts,
                "absent" => absent,
                _ => throw Scenario.Error(path, key, new("scenario.unknown-expect-key", key.Value)),
            };
            if (value is not YSequence list) throw Scenario.Error(path, value, new("scenario.expect-list", key.Value));
            foreach (var node in list.Items)
            {
                if (node is not YScalar item) throw Scenario.Error(path, node, new("scenario.expect-text", key.Value));
                target.Add(item.Value);
                mentions.Add(new(item.Value, IsAction: ReferenceEquals(target, proposals), new SourceLocation(path, item.Line, item.Column)));
            }
        }
        return new ScenarioExpectations(proposals, alerts, absent, mentions);
    }
}

/// <summary>A rule id (or, for <c>expect.proposals</c>, an action) named by a scenario, and where.</summary>
internal sealed record ExpectationMention(string Value, bool IsAction, SourceLocation Location);
