using System.Globalization;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Compilation;
using CareSequencing.Model;
using CareSequencing.Presentation;

namespace CareSequencing.Authoring.Diff;

/// <summary>
/// Compares two versions of rule packs for a reviewer: per pack, the version change, the rules and
/// interaction entries added, removed and changed (with the fields that differ), and the scenarios
/// whose advice changes when NEW's scenarios run against OLD's rules and NEW's.
/// </summary>
/// <remarks>
/// OLD's advice is computed with OLD's rules but labelled with NEW's pack identity (version,
/// release date), and the advice's pack list is left out of the comparison: a version bump or an
/// added pack alone changes no scenario, so what remains is what a clinician would see change.
/// Version and identity changes are reported per pack instead.
/// </remarks>
public static class PackDiff
{
    /// <summary>Compares two loaded rule sets; scenarios are read from each NEW pack's <c>scenarios/</c> folder.</summary>
    /// <param name="oldRules">The previous version.</param>
    /// <param name="newRules">The version under review.</param>
    /// <returns>The differences, pack by pack in ordinal id order.</returns>
    /// <exception cref="FormatException">A NEW scenario file is not a valid scenario.</exception>
    public static RuleSetDiff Compare(CompiledRuleSet oldRules, CompiledRuleSet newRules)
    {
        ArgumentNullException.ThrowIfNull(oldRules);
        ArgumentNullException.ThrowIfNull(newRules);
        var oldPacks = oldRules.PackModels.ToDictionary(p => p.Reference.Id, StringComparer.Ordinal);
        var newPacks = newRules.PackModels.ToDictionary(p => p.Reference.Id, StringComparer.Ordinal);
        var oldRelabelled = Relabel(oldRules, newRules);

        var packs = oldPacks.Keys.Union(newPacks.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => ComparePack(id, oldPacks.GetValueOrDefault(id), newPacks.GetValueOrDefault(id), oldRelabelled, newRules))
            .ToList();
        return new RuleSetDiff(packs);
    }

    private static PackChanges ComparePack(string id, RulePack? old, RulePack? @new, CompiledRuleSet oldRules, CompiledRuleSet newRules)
    {
        var oldItems = Items(old);
        var newItems = Items(@new);
        var added = newItems.Where(n => !oldItems.ContainsKey(n.Key)).Select(n => n.Value.Summary).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var removed = oldItems.Where(o => !newItems.ContainsKey(o.Key)).Select(o => o.Value.Summary).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var changed = newItems.Where(n => oldItems.ContainsKey(n.Key))
            .Select(n => new RuleChange(n.Key, n.Value.Summary.Kind, RuleFields.Compare(oldItems[n.Key].Fields, n.Value.Fields)))
            .Where(c => c.Fields.Count > 0)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var manifest = old is not null && @new is not null ? RuleFields.Compare(RuleFields.Of(old), RuleFields.Of(@new)) : [];
        var scenarios = @new is null
            ? new ScenarioChanges(0, [], ScenarioNames(old), [])
            : CompareScenarios(old, @new, oldRules, newRules);
        return new PackChanges(id, old?.Reference, @new?.Reference, manifest, added, removed, changed, scenarios, Warnings(old, @new));
    }

    private static Dictionary<string, (RuleSummary Summary, IReadOnlyList<(string Field, string Value)> Fields)> Items(RulePack? pack)
    {
        var items = new Dictionary<string, (RuleSummary, IReadOnlyList<(string, string)>)>(StringComparer.Ordinal);
        if (pack is null) return items;
        foreach (var rule in pack.Rules)
            items[rule.Id] = (new RuleSummary(rule.Id, RuleKind.Rule, AuthoringNames.Lifecycle(rule.Status)), RuleFields.Of(rule));
        foreach (var entry in pack.Interactions)
            items[entry.Id] = (new RuleSummary(entry.Id, RuleKind.InteractionEntry, AuthoringNames.Lifecycle(entry.Status)), RuleFields.Of(entry));
        return items;
    }

    private static ScenarioChanges CompareScenarios(RulePack? old, RulePack @new, CompiledRuleSet oldRules, CompiledRuleSet newRules)
    {
        var scenarios = ScenarioRunner.Discover(@new.Directory);
        var oldNames = ScenarioNames(old);
        var newNames = scenarios.Select(s => s.Name).ToList();
        var changed = new List<ScenarioAdviceChange>();
        foreach (var scenario in scenarios)
        {
            var before = ComparableAdvice(oldRules, scenario);
            var after = ComparableAdvice(newRules, scenario);
            if (!string.Equals(before.Text, after.Text, StringComparison.Ordinal))
                changed.Add(new(scenario.Name, Summarize(before.Advice, after.Advice), LineDiff.Unified(before.Text, after.Text)));
        }
        return new ScenarioChanges(scenarios.Count, changed,
            [.. oldNames.Except(newNames, StringComparer.Ordinal)],
            [.. newNames.Except(oldNames, StringComparer.Ordinal)]);
    }

    private static List<string> ScenarioNames(RulePack? pack) =>
        pack is null ? [] : [.. ScenarioRunner.DiscoverFiles(pack.Directory).Select(f => f.Name)];

    /// <summary>The snapshot text without the pack list; an evaluation failure becomes the text, so the reviewer sees it.</summary>
    private static (string Text, Advice? Advice) ComparableAdvice(CompiledRuleSet rules, Scenario scenario)
    {
        try
        {
            var advice = ScenarioRunner.Evaluate(rules, scenario);
            var text = ScenarioRunner.Snapshot(new Advice(advice.PatientId, advice.EvaluatedAt, advice.AsOf, advice.Language, [],
                advice.Proposals, advice.Alerts, advice.Warnings));
            return (text.Replace(EmptyPackList, string.Empty, StringComparison.Ordinal), advice);
        }
        catch (RuleEvaluationException ex)
        {
            return ("evaluation failed: " + ex.Message + "\n", null);
        }
    }

    private const string EmptyPackList = "  \"packs\": [],\n";

    /// <summary>
    /// One line a reviewer can scan: proposals (<c>rule:action</c>) and alerts (rule) that appear
    /// (<c>+</c>), disappear (<c>-</c>) or change status, rank, score or severity (<c>~</c>), and
    /// whether the warnings differ, e.g. <c>alerts ~ix.a severity major -> contraindicated</c>.
    /// </summary>
    private static string Summarize(Advice? before, Advice? after)
    {
        if (before is null || after is null)
            return "evaluation failed against " + (before, after) switch { (null, null) => "OLD and NEW", (null, _) => "OLD", _ => "NEW" };
        var parts = new List<string>();
        Part("proposals",
            before.Proposals.ToDictionary(p => $"{p.RuleId}:{p.Action}", StringComparer.Ordinal),
            after.Proposals.ToDictionary(p => $"{p.RuleId}:{p.Action}", StringComparer.Ordinal),
            (o, n) => Changes(
                ("status", Names.Status(o.Status), Names.Status(n.Status)),
                ("rank", Number(o.Rank), Number(n.Rank)),
                ("score", Number(o.Score.Total), Number(n.Score.Total))));
        Part("alerts",
            before.Alerts.GroupBy(a => a.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            after.Alerts.GroupBy(a => a.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            (o, n) => Changes(("severity", Names.Severity(o.Severity), Names.Severity(n.Severity))));
        if (!before.Warnings.SequenceEqual(after.Warnings)) parts.Add("warnings differ");
        return parts.Count > 0 ? string.Join("; ", parts) : "same proposals and alerts; texts or explanations differ";

        void Part<T>(string name, Dictionary<string, T> old, Dictionary<string, T> @new, Func<T, T, string?> changed)
        {
            var items = @new.Keys.Where(k => !old.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => "+" + k)
                .Concat(old.Keys.Where(k => !@new.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => "-" + k))
                .Concat(@new.Keys.Where(old.ContainsKey).Order(StringComparer.Ordinal)
                    .Select(k => (Key: k, Change: changed(old[k], @new[k]))).Where(c => c.Change is not null).Select(c => $"~{c.Key} {c.Change}"))
                .ToList();
            if (items.Count > 0) parts.Add(name + " " + string.Join(" ", items));
        }

        static string? Changes(params (string Name, string Old, string New)[] values)
        {
            var changed = values.Where(v => !string.Equals(v.Old, v.New, StringComparison.Ordinal)).Select(v => $"{v.Name} {v.Old} -> {v.New}").ToList();
            return changed.Count > 0 ? string.Join(", ", changed) : null;
        }

        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static List<PackDiffWarning> Warnings(RulePack? old, RulePack? @new)
    {
        var warnings = new List<PackDiffWarning>();
        if (old is null || @new is null) return warnings;
        var (o, n) = (old.Reference, @new.Reference);
        var order = SemanticVersion.Compare(n.Version, o.Version);
        if (order < 0)
        {
            warnings.Add(new(n.Id, PackDiffWarningKind.VersionLowered, new MessageText("diff.version-lowered", o.Version, n.Version)));
        }
        else if (string.Equals(o.Version, n.Version, StringComparison.Ordinal) && !string.Equals(o.Sha256, n.Sha256, StringComparison.Ordinal))
        {
            warnings.Add(new(n.Id, PackDiffWarningKind.VersionNotBumped,
                new MessageText("diff.version-not-bumped", o.Sha256[..12], n.Sha256[..12], n.Version, n.Id)));
        }
        return warnings;
    }

    /// <summary>OLD's rules under NEW's identity for every pack both sides have (see the remarks on <see cref="PackDiff"/>).</summary>
    private static CompiledRuleSet Relabel(CompiledRuleSet old, CompiledRuleSet @new)
    {
        var identities = @new.PackModels.ToDictionary(p => p.Reference.Id, StringComparer.Ordinal);
        var relabelled = new Dictionary<RulePack, RulePack>(ReferenceEqualityComparer.Instance);
        foreach (var pack in old.PackModels)
        {
            relabelled[pack] = identities.TryGetValue(pack.Reference.Id, out var current)
                ? pack with { Reference = current.Reference, ReleaseDate = current.ReleaseDate }
                : pack;
        }
        return new CompiledRuleSet(
            [.. old.PackModels.Select(p => relabelled[p])],
            [.. old.Rules.Select(r => new CompiledRule(r.Definition, relabelled[r.Pack], r.Condition))],
            [.. old.Interactions.Select(i => new CompiledInteraction(i.Entry, relabelled[i.Pack]))]);
    }
}
