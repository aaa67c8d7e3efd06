using System.Collections.Immutable;
using CareSequencing.Model;

namespace CareSequencing.Loading;

/// <summary>
/// Bounds what one pack can put in one advice. An advice shows each rule or interaction entry at most once
/// (one proposal or one alert; merged alerts carry the others' sources instead of showing them), so the pack's
/// share of any advice is at most the sum, over its rules and entries, of the pack text each can show. That sum
/// is counted here after aliases are expanded and sources cited by id are resolved, so neither an anchor reused
/// thousands of times nor one long source cited by every rule gets around it.
/// </summary>
internal static class AdviceText
{
    public static void Check(ImmutableArray<RuleDefinition>.Builder rules, ImmutableArray<InteractionEntry>.Builder interactions,
        DiagnosticBag diagnostics, int maxChars)
    {
        long total = 0;
        // In reading order, so the diagnostic points at the first rule or entry that crosses the limit.
        var items = rules.Select(r => (Rule: (RuleBase)r, Chars: Of(r)))
            .Concat(interactions.Select(i => (Rule: (RuleBase)i, Chars: Of(i))))
            .OrderBy(x => x.Rule.Location.File, StringComparer.Ordinal).ThenBy(x => x.Rule.Location.Line).ThenBy(x => x.Rule.Location.Column);
        foreach (var (rule, chars) in items)
        {
            total += chars;
            if (total <= maxChars) continue;
            diagnostics.Add(new(DiagnosticCodes.LimitExceeded, DiagnosticSeverity.Error,
                new MessageText("diag.pack-too-much-advice-text", maxChars, PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxAdviceCharsPerPack))),
                rule.Location, rule.Id));
            return;
        }
    }

    /// <summary>The characters of pack text one rule can show in an advice: every string it carries, the longest language of each text.</summary>
    public static long Of(RuleDefinition rule) =>
        Common(rule)
        + (rule.Proposal is { } p ? p.Action.Length + (p.Therapy?.Length ?? 0) + Sum(p.Codes) + Sum(p.Phases) + Longest(p.Text) : 0)
        + (rule.Alert is { } a ? Sum(a.Codes) + Sum(a.Actions) + Longest(a.Text) + Longest(a.Management) : 0);

    /// <summary>The same for one interaction entry.</summary>
    public static long Of(InteractionEntry entry) =>
        Common(entry) + Side(entry.A) + Side(entry.B) + Longest(entry.Mechanism) + Longest(entry.Management);

    private static long Common(RuleBase rule) =>
        rule.Id.Length + Longest(rule.Title)
        + rule.Sources.Sum(s => (long)s.Citation.Length + (s.Url?.Length ?? 0) + (s.Publisher?.Length ?? 0));

    private static long Side(InteractionSide side) => Sum(side.Codes) + Longest(side.Label) + Sum(side.Forms);

    private static long Sum(ImmutableArray<string> values) => values.IsDefault ? 0 : values.Sum(v => (long)v.Length);

    private static long Longest(LocalizedText? text) => text is null || text.Values.Count == 0 ? 0 : text.Values.Values.Max(v => v.Length);
}
