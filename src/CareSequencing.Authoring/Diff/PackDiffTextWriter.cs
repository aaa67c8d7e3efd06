using System.Globalization;
using System.Text;

namespace CareSequencing.Authoring.Diff;

/// <summary>Writes a <see cref="RuleSetDiff"/> as text for a reviewer's terminal. Plain ASCII punctuation, LF line endings.</summary>
public static class PackDiffTextWriter
{
    /// <summary>Values longer than this are named, not shown (texts, citations, long conditions).</summary>
    private const int MaxInlineValue = 60;

    /// <summary>A scenario's diff is cut after this many lines; the JSON output has all of it.</summary>
    private const int MaxDiffLines = 16;

    /// <summary>Scenarios with the very same change are listed on one line, up to this many names.</summary>
    private const int MaxNamesPerGroup = 6;

    /// <summary>Writes the diff.</summary>
    /// <param name="diff">The diff.</param>
    /// <returns>The text.</returns>
    public static string Write(RuleSetDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        foreach (var pack in diff.Packs) WritePack(text, pack);

        var count = (PackChangeStatus status) => diff.Packs.Count(p => p.Status == status);
        var scenarios = diff.Packs.Sum(p => p.Scenarios.AdviceChanged.Count);
        text.Append(Invariant($"{diff.Packs.Count} pack(s): {count(PackChangeStatus.Changed)} changed, {count(PackChangeStatus.Added)} added, {count(PackChangeStatus.Removed)} removed, {count(PackChangeStatus.Unchanged)} unchanged; "))
            .Append(Invariant($"{scenarios} scenario(s) with changed advice; {diff.Warnings.Count} warning(s)\n"));
        return text.ToString();
    }

    private static void WritePack(StringBuilder text, PackChanges pack)
    {
        text.Append(pack.Id).Append(' ').Append(pack.Status switch
        {
            PackChangeStatus.Added => $"{pack.New!.Version} (added)",
            PackChangeStatus.Removed => $"{pack.Old!.Version} (removed)",
            PackChangeStatus.Unchanged => $"{pack.New!.Version} (unchanged)",
            _ when pack.Old!.Version == pack.New!.Version => $"{pack.New.Version} (version unchanged, content changed)",
            _ => $"{pack.Old.Version} -> {pack.New.Version}" + (pack.ContentChanged ? string.Empty : " (content unchanged)"),
        }).Append('\n');

        foreach (var warning in pack.Warnings) text.Append("  warning ").Append(warning.Code).Append(": ").Append(warning.Message).Append('\n');
        if (pack.Status is PackChangeStatus.Added or PackChangeStatus.Removed)
        {
            var rules = pack.Status == PackChangeStatus.Added ? pack.Added : pack.Removed;
            text.Append(Invariant($"  {rules.Count(r => r.Kind == RuleKind.Rule)} rule(s), {rules.Count(r => r.Kind == RuleKind.InteractionEntry)} interaction entr(ies)\n"));
        }
        else
        {
            foreach (var rule in pack.Added) text.Append("  added:   ").Append(rule).Append('\n');
            foreach (var rule in pack.Removed) text.Append("  removed: ").Append(rule).Append('\n');
            foreach (var rule in pack.Changed)
                text.Append("  changed: ").Append(rule.Id).Append(" (").Append(AuthoringNames.Of(rule.Kind)).Append("): ")
                    .Append(string.Join("; ", rule.Fields.Select(Describe))).Append('\n');
            if (pack.Manifest.Count > 0) text.Append("  manifest: ").Append(string.Join("; ", pack.Manifest.Select(Describe))).Append('\n');
            if (pack.ContentChanged && pack.Added.Count + pack.Removed.Count + pack.Changed.Count + pack.Manifest.Count == 0)
                text.Append("  no rule or manifest field differs: the files changed in comments, layout, file names or unused sources\n");
        }

        var scenarios = pack.Scenarios;
        if (pack.New is not null)
        {
            text.Append(Invariant($"  scenarios: {scenarios.Compared} run against OLD and NEW rules, {scenarios.AdviceChanged.Count} with changed advice\n"));
        }
        // One rule change often alters many scenarios the same way (e.g. the same warning): show that diff once.
        foreach (var group in scenarios.AdviceChanged.GroupBy(c => (c.Summary, c.Diff)))
        {
            var names = group.Select(c => c.Name).ToList();
            text.Append("    ").Append(string.Join(", ", names.Take(MaxNamesPerGroup)));
            if (names.Count > MaxNamesPerGroup) text.Append(Invariant($" and {names.Count - MaxNamesPerGroup} more"));
            if (names.Count > 1) text.Append(Invariant($" ({names.Count} scenarios, same change)"));
            text.Append(": ").Append(group.Key.Summary).Append('\n');
            var lines = group.Key.Diff.TrimEnd('\n').Split('\n');
            foreach (var line in lines.Take(MaxDiffLines)) text.Append("      ").Append(line).Append('\n');
            if (lines.Length > MaxDiffLines)
                text.Append(Invariant($"      ... {lines.Length - MaxDiffLines} more line(s); --format json has the whole diff\n"));
        }
        if (scenarios.OnlyInNew.Count > 0) text.Append("  scenarios only in NEW: ").Append(string.Join(", ", scenarios.OnlyInNew)).Append('\n');
        if (scenarios.OnlyInOld.Count > 0) text.Append("  scenarios only in OLD: ").Append(string.Join(", ", scenarios.OnlyInOld)).Append('\n');
    }

    /// <summary><c>severity major -> contraindicated</c> when both values are short, else the field's name and what happened.</summary>
    internal static string Describe(FieldChange change) => (change.OldValue, change.NewValue) switch
    {
        (null, { } added) => Short(added) ? $"{change.Field} added ({added})" : $"{change.Field} added",
        ({ } removed, null) => Short(removed) ? $"{change.Field} removed ({removed})" : $"{change.Field} removed",
        ({ } before, { } after) when Short(before) && Short(after) => $"{change.Field} {before} -> {after}",
        _ => change.Field,
    };

    private static bool Short(string value) => value.Length <= MaxInlineValue && !value.Contains('\n', StringComparison.Ordinal);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
