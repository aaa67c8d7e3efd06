using CareSequencing.Compilation;
using CareSequencing.Model;

namespace CareSequencing.Evaluation;

/// <summary>
/// Checks the patient's active medications against the interaction tables through the ATC index:
/// the cost depends on the patient's medications and their ancestors, not on the table's size.
/// </summary>
internal static class InteractionChecker
{
    public static IEnumerable<RankedAlert> Check(CompiledRuleSet ruleSet, PatientFacts facts, DateOnly asOf, EvaluationSettings settings, string language,
        RuleFaults? faults = null)
    {
        if (ruleSet.Interactions.IsEmpty || facts.Medications.Count < 2) return [];

        // Every (entry, side, medication) the index yields, then grouped by entry in entry order.
        List<(int Entry, bool IsA, int Medication)>? hits = null;
        for (var m = 0; m < facts.Medications.Count; m++)
        {
            var medication = facts.Medications[m];
            foreach (var key in ClinicalCodes.AtcAncestorsAndSelf(medication.Code))
            {
                if (!ruleSet.InteractionIndex.TryGetValue(key, out var sides)) continue;
                foreach (var side in sides)
                {
                    var entry = ruleSet.Interactions[side.Index].Entry;
                    if (!(side.IsA ? entry.A : entry.B).AcceptsForm(medication.Form, medication.IsOral)) continue;
                    (hits ??= []).Add((side.Index, side.IsA, m));
                }
            }
        }
        if (hits is null) return [];
        hits.Sort();

        List<RankedAlert>? alerts = null;
        for (var start = 0; start < hits.Count;)
        {
            var index = hits[start].Entry;
            var end = start;
            while (end < hits.Count && hits[end].Entry == index) end++;
            // Medications on each side (sorted by the tuple order: side B first, then A, each by index),
            // so a medication reached through two ancestors is a repeat of the one just added.
            List<int>? a = null, b = null;
            for (var i = start; i < end; i++)
            {
                var list = hits[i].IsA ? (a ??= []) : (b ??= []);
                if (list.Count == 0 || list[^1] != hits[i].Medication) list.Add(hits[i].Medication);
            }
            start = end;
            // Two different substances are needed: one drug matching both sides is not an interaction,
            // even when it is listed twice (as CountMedications counts a substance once).
            if (a is null || b is null || !HasTwoSubstances(facts, a, b)) continue;
            var interaction = ruleSet.Interactions[index];
            var entry = interaction.Entry;
            if (!AdviceEngine.IsRunnable(entry.Status, entry.Effective, asOf, settings)) continue;
            // An entry has no expression, but the alert it builds must not take the other entries down either.
            try
            {
                (alerts ??= []).Add(Build(interaction, facts, a, b, language));
            }
            catch (Exception ex) when (faults is not null && RuleFaults.IsIsolated(ex))
            {
                faults.Add(entry.Id, interaction.Pack.Reference, ex, settings);
            }
        }
        if (alerts is null) return [];
        return alerts.Count > 1 ? Merge(alerts) : alerts;
    }

    /// <summary>
    /// Entries that fired for exactly the same medications (an imported national entry and a hand-written
    /// one, or two class rows of one table) become one alert: the most severe one
    /// carries the others' sources and assumptions and names them in <see cref="Alert.Merged"/>, so the
    /// clinician reads one alert at the highest severity rather than several for one combination.
    /// </summary>
    private static List<RankedAlert> Merge(List<RankedAlert> alerts)
    {
        var groups = new Dictionary<string, List<RankedAlert>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var alert in alerts)
        {
            var key = string.Join('+', alert.Alert.Codes.Order(StringComparer.Ordinal));
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }
            group.Add(alert);
        }
        if (groups.Count == alerts.Count) return alerts;

        var merged = new List<RankedAlert>(groups.Count);
        foreach (var key in order)
        {
            var group = groups[key];
            if (group.Count == 1)
            {
                merged.Add(group[0]);
                continue;
            }
            // Most severe first; at equal severity a hand-written entry (written in both languages, often
            // more specific) before an imported table's; then rule id.
            group.Sort((x, y) => x.Alert.Severity != y.Alert.Severity ? x.Alert.Severity.CompareTo(y.Alert.Severity)
                : x.FromImportedTable != y.FromImportedTable ? x.FromImportedTable.CompareTo(y.FromImportedTable)
                : string.CompareOrdinal(x.Alert.RuleId, y.Alert.RuleId));
            var kept = group[0];
            var others = group.Skip(1).Select(r => r.Alert).ToList();
            var e = kept.Alert.Explanation;
            var sources = group.SelectMany(r => r.Alert.Explanation.Sources).Distinct().ToArray();
            var assumptions = group.SelectMany(r => r.Alert.Explanation.Assumptions).Distinct(StringComparer.Ordinal).ToArray();
            var explanation = new Explanation(e.RuleId, e.RuleTitle, e.Pack, e.Text, e.MatchedFacts, sources, e.WhyNot, e.Attributes, assumptions);
            var alert = new Alert(kept.Alert.RuleId, kept.Alert.Family, kept.Alert.Severity, kept.Alert.Codes, kept.Alert.Title,
                kept.Alert.Management, explanation,
                [.. others.Select(o => new MergedAlert(o.RuleId, o.Explanation.Pack, o.Severity, o.Title))]);
            merged.Add(kept with
            {
                Alert = alert,
                CodePatterns = [.. group.SelectMany(r => r.CodePatterns).Distinct(StringComparer.Ordinal)],
            });
        }
        return merged;
    }

    /// <summary>
    /// Some medication of side A differs from some medication of side B. That fails only when every
    /// medication of both sides is one and the same substance, which a single pass checks (a pair
    /// loop would be quadratic in a long medication list).
    /// </summary>
    private static bool HasTwoSubstances(PatientFacts facts, List<int> a, List<int> b)
    {
        var first = facts.Medications[a[0]].Code;
        foreach (var i in a)
        {
            if (!string.Equals(facts.Medications[i].Code, first, StringComparison.Ordinal)) return true;
        }
        foreach (var j in b)
        {
            if (!string.Equals(facts.Medications[j].Code, first, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static RankedAlert Build(CompiledInteraction interaction, PatientFacts facts, List<int> a, List<int> b, string language)
    {
        var entry = interaction.Entry;
        var aNames = a.Select(i => facts.Medications[i].Display).ToList();
        var bNames = b.Select(i => facts.Medications[i].Display).ToList();
        var values = new FixedPlaceholderValues(string.Join(", ", aNames), string.Join(", ", bNames),
            string.Join(", ", aNames.Concat(bNames).Distinct(StringComparer.Ordinal)));
        MatchedFact[] matched =
        [
            new("medication", interaction.AQuery, aNames),
            new("medication", interaction.BQuery, bNames),
        ];
        var codes = a.Concat(b).Select(i => facts.Medications[i].Code).Distinct(StringComparer.Ordinal).ToArray();
        // A side narrowed by form matched a medication with no form recorded: say what was assumed.
        List<string>? assumptions = null;
        foreach (var (indexes, side) in new[] { (a, entry.A), (b, entry.B) })
        {
            foreach (var i in indexes)
            {
                var medication = facts.Medications[i];
                if (side.RequiresAssumedForm(medication.Form))
                    (assumptions ??= []).Add(MessageCatalog.Get("assumed-form", language, medication.Display, string.Join(" / ", side.Forms)));
            }
        }
        var explanation = new Explanation(entry.Id, entry.Title.Get(language), interaction.Pack.Reference,
            ExplanationBuilder.Fill(entry.Mechanism.Get(language), values), matched, entry.Sources, [], interaction.Attributes,
            assumptions is null ? null : [.. assumptions.Distinct(StringComparer.Ordinal)]);
        var alert = new Alert(entry.Id, RuleFamily.Interaction, entry.Severity, codes, entry.Title.Get(language),
            ExplanationBuilder.Fill(entry.Management.Get(language), values), explanation);
        return new RankedAlert(alert, interaction.CodePatterns, [], interaction.Pack.SampledCoverage);
    }

    /// <summary>
    /// Prospective check: the interaction entries a medication with <paramref name="code"/> would
    /// trigger against the patient's current medications, so a proposal to start it can be held back.
    /// </summary>
    public static IEnumerable<CompiledInteraction> WouldInteract(CompiledRuleSet ruleSet, PatientFacts facts, string code, DateOnly asOf, EvaluationSettings settings)
    {
        var found = new SortedSet<int>();
        foreach (var key in ClinicalCodes.AtcAncestorsAndSelf(code))
        {
            if (!ruleSet.InteractionIndex.TryGetValue(key, out var sides)) continue;
            foreach (var side in sides)
            {
                var entry = ruleSet.Interactions[side.Index].Entry;
                var other = side.IsA ? entry.B : entry.A;
                if (facts.Medications.Any(m => !string.Equals(m.Code, code, StringComparison.Ordinal)
                        && other.Codes.Any(p => m.Code.StartsWith(p, StringComparison.Ordinal))
                        && other.AcceptsForm(m.Form, m.IsOral))
                    && AdviceEngine.IsRunnable(entry.Status, entry.Effective, asOf, settings))
                {
                    found.Add(side.Index);
                }
            }
        }
        return found.Select(i => ruleSet.Interactions[i]);
    }
}
