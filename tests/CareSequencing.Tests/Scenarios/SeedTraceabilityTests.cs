using System.Text.RegularExpressions;
using CareSequencing.Model;

namespace CareSequencing.Tests.Scenarios;

/// <summary>
/// docs/seed-traceability.md against the seeds and the shipped packs (issue 17, point 1): the document
/// must not drift from the rules, nor the rules' seed citations from the seeds' words.
/// </summary>
public sealed partial class SeedTraceabilityTests
{
    private static readonly string[] TracedPacks = ["care-sequencing", "therapy-compatibility", "double-diagnosis"];

    private static string SeedFolder => Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "..", "shared", "seeds"));

    private static readonly Lazy<IReadOnlyList<TraceRow>> Rows = new(() =>
        Parse(File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "seed-traceability.md"))));

    private static readonly Lazy<IReadOnlyList<RulePack>> Packs = new(() =>
        RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow().PackModels);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Seeds = new(() =>
        Directory.GetFiles(SeedFolder, "*.txt").ToDictionary(f => Path.GetFileName(f)[..3], f => Collapse(File.ReadAllText(f)), StringComparer.Ordinal));

    [Fact]
    public void Document_RuleIds_ExistInShippedPacksWithTheStatusWritten()
    {
        var status = Packs.Value.SelectMany(p => p.Rules.Cast<RuleBase>().Concat(p.Interactions))
            .ToDictionary(r => r.Id, r => r.Status, StringComparer.Ordinal);

        var problems = Rows.Value.SelectMany(row => row.Rules.Select(r => (row.Id, r.Id, r.Draft)))
            .Where(r => !status.TryGetValue(r.Item2, out var s) || (s == RuleStatus.Draft) != r.Draft)
            .Select(r => $"{r.Item1}: {r.Item2}{(r.Draft ? " (draft)" : "")}")
            .ToList();

        Assert.NotEmpty(Rows.Value.SelectMany(r => r.Rules));
        Assert.Empty(problems);
    }

    [Fact]
    public void ShippedPacks_EveryRuleOfTheTracedPacks_AppearsInTheDocument()
    {
        var listed = Rows.Value.SelectMany(r => r.Rules).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        var missing = TracedRules().Select(r => r.Id).Where(id => !listed.Contains(id)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void ShippedPacks_EveryRuleOfTheTracedPacks_CitesASeedPassageFoundVerbatimInTheSeed()
    {
        var problems = new List<string>();
        foreach (var rule in TracedRules())
        {
            // A pack-level source may name a seed without quoting it; one source at least must quote it.
            var citations = rule.Sources.Select(s => SeedCitation().Match(s.Citation)).Where(m => m.Success).ToList();
            if (!citations.Any(m => Quotes(m.Value).Count > 0)) problems.Add($"{rule.Id}: no source quotes a seed passage");
            foreach (var match in citations)
            {
                var seed = match.Groups["seed"].Value;
                problems.AddRange(Quotes(match.Value).Where(q => !OccursIn(seed, q)).Select(q => $"{rule.Id}: «{q}» not in seed {seed}"));
            }
        }

        Assert.Equal(TracedPacks.Length, Packs.Value.Count(p => TracedPacks.Contains(p.Reference.Id)));
        Assert.Empty(problems);
    }

    [Fact]
    public void Document_PhaseTable_HasTheFivePhasesOfSeed000EachCovered()
    {
        string[] phases = ["Diagnostic et évaluation initiale", "Traitement médicamenteux", "Éducation thérapeutique", "Accompagnement psychologique", "Suivi et réévaluation"];
        var rows = Rows.Value.Where(r => r.Id.StartsWith("000-P", StringComparison.Ordinal)).ToList();

        Assert.Equal(phases, rows.Select(r => r.Quotes[0]));
        Assert.All(rows, r => Assert.True(r.Rules.Count > 0 || r.Reason.Length > 0, r.Id));
    }

    [Fact]
    public void Document_PsychotherapyTable_HasEveryModalityOfSeed000EachCovered()
    {
        string[] modalities = ["TCC", "Thérapie cognitivo-comportementale", "Psychanalyse", "Somatanalyse", "Intégrative", "Thérapies humanistes"];
        var rows = Rows.Value.Where(r => r.Id.StartsWith("000-T", StringComparison.Ordinal)).ToList();

        Assert.All(modalities, m => Assert.Contains(rows, r => r.Quotes[0].StartsWith(m, StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.True(r.Rules.Count > 0 || r.Reason.Length > 0, r.Id));
    }

    [Fact]
    public void Document_EveryRow_HasRulesOrAStatedReasonAndAUniqueId()
    {
        Assert.All(Rows.Value, r => Assert.True(r.Kind == "rules" ? r.Rules.Count > 0 : r.Reason.Length > 0, r.Id));
        Assert.Equal(Rows.Value.Count, Rows.Value.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Rows.Value.Where(r => r.Kind == "todo"), r => Assert.StartsWith("not yet implemented", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Document_EveryQuote_OccursVerbatimInItsSeed()
    {
        var missing = Rows.Value.SelectMany(r => r.Quotes.Select(q => (r.Id, q)))
            .Where(x => !OccursIn(x.Id[..3], x.q))
            .Select(x => $"{x.Id}: «{x.q}»")
            .ToList();

        Assert.Equal(5, Rows.Value.Select(r => r.Id[..3]).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("Examens cliniques, psychométrie, entretiens", true)]
    [InlineData("Examens   cliniques,\npsychométrie, entretiens", true)]
    [InlineData("Examens cliniques, psychometrie, entretiens", false)]
    [InlineData("examens cliniques, psychométrie, entretiens", false)]
    public void OccursIn_QuoteOfSeed000_MatchesOnlyWithWhitespaceCollapsed(string quote, bool expected) =>
        Assert.Equal(expected, OccursIn("000", quote));

    [Fact]
    public void Parse_RowWithAnUnknownCoverageOrNoQuote_IsRejected()
    {
        const string Header = "| id | quotes | recommendation | coverage |\n|---|---|---|---|\n";

        Assert.Throws<FormatException>(() => Parse(Header + "| 000-R1 | «x» | y | maybe: later |"));
        Assert.Throws<FormatException>(() => Parse(Header + "| 000-R1 | no quote | y | none: why |"));
        var row = Assert.Single(Parse(Header + "| 000-R1 | «a» «b» | y | rules: seq.x, seq.y (draft) |"));
        Assert.Equal(new[] { "a", "b" }, row.Quotes);
        Assert.Equal(new[] { new TraceRule("seq.x", false), new TraceRule("seq.y", true) }, row.Rules);
    }

    private static IEnumerable<RuleDefinition> TracedRules() =>
        Packs.Value.Where(p => TracedPacks.Contains(p.Reference.Id)).SelectMany(p => p.Rules);

    private static bool OccursIn(string seed, string quote) => Seeds.Value[seed].Contains(Collapse(quote), StringComparison.Ordinal);

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    private static List<string> Quotes(string text) => [.. Quote().Matches(text).Select(m => m.Groups[1].Value)];

    /// <summary>Reads every row whose first cell is a traceability id; a malformed one throws, so a typo cannot hide a row.</summary>
    private static List<TraceRow> Parse(string markdown)
    {
        var rows = new List<TraceRow>();
        foreach (var line in markdown.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (!RowStart().IsMatch(line)) continue;
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var coverage = Coverage().Match(cells[^1]);
            var quotes = Quotes(cells[1]);
            if (cells.Length != 4 || !coverage.Success || quotes.Count == 0) throw new FormatException("Malformed traceability row: " + cells[0]);
            var kind = coverage.Groups["kind"].Value;
            var body = coverage.Groups["body"].Value.Trim();
            var rules = kind == "rules"
                ? body.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(r => r.EndsWith(" (draft)", StringComparison.Ordinal) ? new TraceRule(r[..^8], true) : new TraceRule(r, false)).ToList()
                : [];
            rows.Add(new TraceRow(cells[0], quotes, kind, kind == "rules" ? "" : body, rules));
        }
        return rows;
    }

    private sealed record TraceRow(string Id, IReadOnlyList<string> Quotes, string Kind, string Reason, IReadOnlyList<TraceRule> Rules);

    private sealed record TraceRule(string Id, bool Draft);

    [GeneratedRegex(@"^\| \d{3}-[PTR]\d+ \|")]
    private static partial Regex RowStart();

    [GeneratedRegex(@"^(?<kind>rules|none|todo): (?<body>.+)$")]
    private static partial Regex Coverage();

    [GeneratedRegex(@"«\s*([^«»]+?)\s*»")]
    private static partial Regex Quote();

    [GeneratedRegex(@"Document source (?<seed>\d{3}).*")]
    private static partial Regex SeedCitation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
