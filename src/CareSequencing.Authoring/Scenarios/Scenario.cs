using System.Globalization;
using CareSequencing.Loading;

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
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}({ex.Line},{ex.Column}): {ex.Code}: {ex.Message}"));
        }
        if (root is not YMapping map) throw Error(path, root, "a scenario is a mapping with 'patient'");

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
                    description = value is YScalar d ? d.Value : throw Error(path, value, "'description' must be text");
                    break;
                case "evaluatedAt":
                    if (value is not YScalar s || !DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out evaluatedAt))
                        throw Error(path, value, "'evaluatedAt' must be an ISO 8601 date-time, e.g. 2026-11-23T09:00:00Z");
                    break;
                case "language":
                    language = value is YScalar { Value: "en" or "fr" } l ? l.Value : throw Error(path, value, "'language' must be en or fr");
                    break;
                case "includeDraftRules":
                    includeDraft = value switch
                    {
                        YScalar { Value: "true" } => true,
                        YScalar { Value: "false" } => false,
                        _ => throw Error(path, value, "'includeDraftRules' must be true or false"),
                    };
                    break;
                case "patient":
                    patient = value is YMapping p ? PatientContextReader.FromNode(p) : throw Error(path, value, "'patient' must be a mapping");
                    break;
                case "expect":
                    expect = value is YMapping e ? ScenarioExpectations.Read(path, e) : throw Error(path, value, "'expect' must be a mapping");
                    break;
                default:
                    throw Error(path, key, $"unknown key '{key.Value}' (allowed: description, evaluatedAt, language, includeDraftRules, patient, expect)");
            }
        }
        if (patient is null) throw Error(path, map, "a scenario needs 'patient'");
        return new Scenario(name, path, description, evaluatedAt, language, includeDraft, patient, expect);
    }

    internal static FormatException Error(string path, YNode? node, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}({node?.Line ?? 1},{node?.Column ?? 1}): {message}"));
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
                _ => throw Scenario.Error(path, key, $"unknown key '{key.Value}' in 'expect' (allowed: proposals, alerts, absent)"),
            };
            if (value is not YSequence list) throw Scenario.Error(path, value, $"'expect.{key.Value}' must be a list");
            foreach (var node in list.Items)
            {
                if (node is not YScalar item) throw Scenario.Error(path, node, $"'expect.{key.Value}' lists ids or actions, as text");
                target.Add(item.Value);
                mentions.Add(new(item.Value, IsAction: ReferenceEquals(target, proposals), new SourceLocation(path, item.Line, item.Column)));
            }
        }
        return new ScenarioExpectations(proposals, alerts, absent, mentions);
    }
}

/// <summary>A rule id (or, for <c>expect.proposals</c>, an action) named by a scenario, and where.</summary>
internal sealed record ExpectationMention(string Value, bool IsAction, SourceLocation Location);
