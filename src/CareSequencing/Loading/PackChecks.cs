using CareSequencing.Model;

namespace CareSequencing.Loading;

/// <summary>
/// Checks that need a whole pack rather than one file: a rule that repeats another of its pack, and,
/// when the host gives the ATC codes that exist, a code that names no substance. They were the
/// linter's alone; the loader runs them too, so a pack <c>validate</c> rejects never loads.
/// </summary>
internal static class PackChecks
{
    /// <summary>Adds the pack's errors to <paramref name="diagnostics"/>; false when there is any.</summary>
    public static bool Check(RulePack pack, AtcVocabulary? knownAtcCodes, DiagnosticBag diagnostics)
    {
        var clean = CheckDuplicateRules(pack, diagnostics);
        if (knownAtcCodes is not null) clean &= CheckCodes(pack, knownAtcCodes, diagnostics);
        return clean;
    }

    /// <summary>The key two rules share when they have the same condition (ignoring white space) and the same outcome.</summary>
    public static string DuplicateKey(RuleDefinition rule)
    {
        var outcome = rule.Proposal is { } p ? "proposal " + p.Action : $"alert {rule.Alert!.Severity} {string.Join(",", rule.Alert.Codes)}";
        return string.Concat(rule.Condition.Where(c => !char.IsWhiteSpace(c))) + "\n" + outcome;
    }

    private static bool CheckDuplicateRules(RulePack pack, DiagnosticBag diagnostics)
    {
        var clean = true;
        var seen = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        foreach (var rule in pack.Rules.OrderBy(r => r.Location.File, StringComparer.Ordinal).ThenBy(r => r.Location.Line))
        {
            if (rule.Status == RuleStatus.Retired) continue;
            var key = DuplicateKey(rule);
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Add(new(DiagnosticCodes.DuplicateRule, DiagnosticSeverity.Error,
                    new MessageText("lint.duplicate-rule", rule.Id, first.Id, first.Location), rule.Location, rule.Id,
                    new MessageText("hint.duplicate-rule")));
                clean = false;
            }
            else seen[key] = rule;
        }
        return clean;
    }

    private static bool CheckCodes(RulePack pack, AtcVocabulary atc, DiagnosticBag diagnostics)
    {
        var clean = true;
        foreach (var usage in pack.Codes)
        {
            // An ambiguous three-character code the ATC list does not know is read as an ICD-10 category.
            if (usage.System != CodeSystem.Atc || atc.ContainsNormalized(usage.Code)) continue;
            diagnostics.Add(new(DiagnosticCodes.UnknownCode, DiagnosticSeverity.Error,
                new MessageText("lint.unknown-atc", usage.Code, atc.SourceName), usage.Location, usage.RuleId,
                new MessageText("hint.unknown-atc")));
            clean = false;
        }
        return clean;
    }
}
