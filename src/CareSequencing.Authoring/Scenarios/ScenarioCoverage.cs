using System.Globalization;

namespace CareSequencing.Authoring.Scenarios;

/// <summary>
/// Which rules and interaction entries the scenarios reach. A rule is covered when a scenario's
/// advice holds a proposal or alert from it (a blocked or declined proposal counts: the rule
/// fired); an interaction entry is exercised when a scenario's advice holds its alert. A draft
/// rule counts only through scenarios with <c>includeDraftRules: true</c>. Retired rules never run
/// and are listed apart.
/// </summary>
public static class ScenarioCoverage
{
    /// <summary>Coverage from scenarios already run (e.g. by <see cref="ScenarioRunner.Run"/>).</summary>
    /// <param name="ruleSet">The rules the scenarios ran against.</param>
    /// <param name="results">The scenario results; those without advice are ignored.</param>
    /// <returns>The coverage of every rule and entry of <paramref name="ruleSet"/>.</returns>
    public static CoverageReport Compute(CompiledRuleSet ruleSet, IEnumerable<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Compute(ruleSet, results.Where(r => r.Advice is not null).Select(r => (r.Scenario, r.Advice!)));
    }

    /// <summary>Coverage from scenarios evaluated here, without reading or writing snapshots.</summary>
    /// <param name="ruleSet">The rules to evaluate against.</param>
    /// <param name="scenarios">The scenarios.</param>
    /// <returns>The coverage of every rule and entry of <paramref name="ruleSet"/>.</returns>
    public static CoverageReport Compute(CompiledRuleSet ruleSet, IEnumerable<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(scenarios);
        return Compute(ruleSet, scenarios.Select(s => (s, ScenarioRunner.Evaluate(ruleSet, s))));
    }

    private static CoverageReport Compute(CompiledRuleSet ruleSet, IEnumerable<(Scenario Scenario, Advice Advice)> runs)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var items = ruleSet.Rules
            .Select(r => (r.Definition.Id, Pack: r.Pack.Reference.Id, Kind: RuleKind.Rule, Status: AuthoringNames.Lifecycle(r.Definition.Status), r.Definition.Location))
            .Concat(ruleSet.Interactions
                .Select(i => (i.Entry.Id, Pack: i.Pack.Reference.Id, Kind: RuleKind.InteractionEntry, Status: AuthoringNames.Lifecycle(i.Entry.Status), i.Entry.Location)))
            .ToList();
        var coveredBy = items.ToDictionary(i => i.Id, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var statusOf = items.ToDictionary(i => i.Id, i => i.Status, StringComparer.Ordinal);

        var scenarioCount = 0;
        foreach (var (scenario, advice) in runs)
        {
            scenarioCount++;
            var fired = advice.Proposals.Select(p => p.RuleId).Concat(advice.Alerts.SelectMany(a => a.Merged.Select(m => m.RuleId).Prepend(a.RuleId)));
            foreach (var id in fired)
            {
                if (!coveredBy.TryGetValue(id, out var names)) continue;
                // The engine runs drafts only when asked; stated here so coverage never depends on that detail.
                if (statusOf[id] == RuleLifecycle.Draft && !scenario.IncludeDraftRules) continue;
                names.Add(scenario.Name);
            }
        }

        var coverage = items
            .Select(i => new RuleCoverage(i.Id, i.Pack, i.Kind, i.Status, i.Location, [.. coveredBy[i.Id]]))
            .OrderBy(c => c.PackId, StringComparer.Ordinal)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        return new CoverageReport(coverage, scenarioCount);
    }
}

/// <summary>Coverage of one rule or interaction entry.</summary>
public sealed class RuleCoverage
{
    internal RuleCoverage(string id, string packId, RuleKind kind, RuleLifecycle status, SourceLocation location, IReadOnlyList<string> coveredBy)
    {
        Id = id;
        PackId = packId;
        Kind = kind;
        Status = status;
        Location = location;
        CoveredBy = coveredBy;
    }

    /// <summary>The rule or entry id.</summary>
    public string Id { get; }

    /// <summary>The pack it belongs to.</summary>
    public string PackId { get; }

    /// <summary>Expression rule or interaction entry.</summary>
    public RuleKind Kind { get; }

    /// <summary>Its status in the pack.</summary>
    public RuleLifecycle Status { get; }

    /// <summary>Where it is written.</summary>
    public SourceLocation Location { get; }

    /// <summary>Names of the scenarios that fire it, in ordinal order.</summary>
    public IReadOnlyList<string> CoveredBy { get; }

    /// <summary>True when at least one scenario fires it.</summary>
    public bool IsCovered => CoveredBy.Count > 0;

    /// <summary><c>id (kind, status)</c>.</summary>
    public override string ToString() => $"{Id} ({AuthoringNames.Of(Kind)}, {AuthoringNames.Of(Status)})";
}

/// <summary>Covered and total counts of one group of rules.</summary>
/// <param name="Covered">How many a scenario fires.</param>
/// <param name="Total">How many there are.</param>
public sealed record CoverageCount(int Covered, int Total)
{
    /// <summary><c>covered/total</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Covered}/{Total}");
}

/// <summary>What <see cref="ScenarioCoverage"/> found. Immutable; every list in ordinal (pack, kind, id) order.</summary>
public sealed class CoverageReport
{
    internal CoverageReport(IReadOnlyList<RuleCoverage> rules, int scenarioCount)
    {
        Rules = rules;
        ScenarioCount = scenarioCount;
        Uncovered = [.. rules.Where(r => r.Status != RuleLifecycle.Retired && !r.IsCovered)];
        Retired = [.. rules.Where(r => r.Status == RuleLifecycle.Retired)];
        ActiveRules = Count(rules, RuleKind.Rule, RuleLifecycle.Active);
        ActiveEntries = Count(rules, RuleKind.InteractionEntry, RuleLifecycle.Active);
        DraftRules = Count(rules, RuleKind.Rule, RuleLifecycle.Draft);
        DraftEntries = Count(rules, RuleKind.InteractionEntry, RuleLifecycle.Draft);
    }

    /// <summary>Every rule and entry of the rule set, with the scenarios that fire it.</summary>
    public IReadOnlyList<RuleCoverage> Rules { get; }

    /// <summary>How many scenarios were counted.</summary>
    public int ScenarioCount { get; }

    /// <summary>Active and draft rules and entries that no scenario fires.</summary>
    public IReadOnlyList<RuleCoverage> Uncovered { get; }

    /// <summary>Retired rules and entries: they never run, so no scenario is expected to fire them.</summary>
    public IReadOnlyList<RuleCoverage> Retired { get; }

    /// <summary>Active expression rules.</summary>
    public CoverageCount ActiveRules { get; }

    /// <summary>Active interaction entries.</summary>
    public CoverageCount ActiveEntries { get; }

    /// <summary>Draft expression rules (covered only by scenarios that include drafts).</summary>
    public CoverageCount DraftRules { get; }

    /// <summary>Draft interaction entries (covered only by scenarios that include drafts).</summary>
    public CoverageCount DraftEntries { get; }

    /// <summary>True when an active rule or entry has no scenario: what a strict run fails on.</summary>
    public bool HasUncoveredActive => Uncovered.Any(r => r.Status == RuleLifecycle.Active);

    /// <summary>One line, e.g. <c>coverage: 57/58 rules, 74/75 interaction entries; draft: 1/1 rules, 0/0 entries; retired: 0</c> (active counts first).</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"coverage: {ActiveRules} rules, {ActiveEntries} interaction entries; draft: {DraftRules} rules, {DraftEntries} entries; retired: {Retired.Count}");

    private static CoverageCount Count(IReadOnlyList<RuleCoverage> rules, RuleKind kind, RuleLifecycle status)
    {
        var group = rules.Where(r => r.Kind == kind && r.Status == status).ToList();
        return new(group.Count(r => r.IsCovered), group.Count);
    }
}
