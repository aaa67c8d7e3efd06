using System.Text;
using CareSequencing.Model;

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

    /// <summary>Writes the diff in English.</summary>
    /// <param name="diff">The diff.</param>
    /// <returns>The text.</returns>
    public static string Write(RuleSetDiff diff) => Write(diff, Languages.Fallback);

    /// <summary>Writes the diff with its headings and summaries in <paramref name="language"/> (<c>en</c>, <c>fr</c>; English for any other).</summary>
    /// <param name="diff">The diff.</param>
    /// <param name="language">The language of the report.</param>
    /// <returns>The text.</returns>
    public static string Write(RuleSetDiff diff, string language)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        foreach (var pack in diff.Packs) WritePack(text, pack, language);

        var count = (PackChangeStatus status) => diff.Packs.Count(p => p.Status == status);
        var scenarios = diff.Packs.Sum(p => p.Scenarios.AdviceChanged.Count);
        text.Append(MessageCatalog.Get("diff.summary", language, diff.Packs.Count, count(PackChangeStatus.Changed), count(PackChangeStatus.Added),
            count(PackChangeStatus.Removed), count(PackChangeStatus.Unchanged), scenarios, diff.Warnings.Count)).Append('\n');
        return text.ToString();
    }

    private static void WritePack(StringBuilder text, PackChanges pack, string language)
    {
        string L(string key, params object?[] args) => MessageCatalog.Get(key, language, args);
        text.Append(pack.Id).Append(' ').Append(pack.Status switch
        {
            PackChangeStatus.Added => L("diff.pack-added", pack.New!.Version),
            PackChangeStatus.Removed => L("diff.pack-removed", pack.Old!.Version),
            PackChangeStatus.Unchanged => L("diff.pack-unchanged", pack.New!.Version),
            _ when pack.Old!.Version == pack.New!.Version => L("diff.pack-version-unchanged", pack.New.Version),
            _ => $"{pack.Old.Version} -> {pack.New.Version}" + (pack.ContentChanged ? string.Empty : L("diff.content-unchanged")),
        }).Append('\n');

        foreach (var warning in pack.Warnings) text.Append(L("diff.warning", warning.Code, warning.GetMessage(language))).Append('\n');
        if (pack.Status is PackChangeStatus.Added or PackChangeStatus.Removed)
        {
            var rules = pack.Status == PackChangeStatus.Added ? pack.Added : pack.Removed;
            text.Append(L("diff.rule-counts", rules.Count(r => r.Kind == RuleKind.Rule), rules.Count(r => r.Kind == RuleKind.InteractionEntry))).Append('\n');
        }
        else
        {
            foreach (var rule in pack.Added) text.Append(L("diff.added", rule)).Append('\n');
            foreach (var rule in pack.Removed) text.Append(L("diff.removed", rule)).Append('\n');
            foreach (var rule in pack.Changed)
                text.Append(L("diff.changed", rule.Id, AuthoringNames.Of(rule.Kind), string.Join("; ", rule.Fields.Select(Describe)))).Append('\n');
            if (pack.Manifest.Count > 0) text.Append(L("diff.manifest", string.Join("; ", pack.Manifest.Select(Describe)))).Append('\n');
            if (pack.ContentChanged && pack.Added.Count + pack.Removed.Count + pack.Changed.Count + pack.Manifest.Count == 0)
                text.Append(L("diff.layout-only")).Append('\n');
        }

        var scenarios = pack.Scenarios;
        if (pack.New is not null)
        {
            text.Append(L("diff.scenarios", scenarios.Compared, scenarios.AdviceChanged.Count)).Append('\n');
        }
        // One rule change often alters many scenarios the same way (e.g. the same warning): show that diff once.
        foreach (var group in scenarios.AdviceChanged.GroupBy(c => (c.Summary, c.Diff)))
        {
            var names = group.Select(c => c.Name).ToList();
            text.Append("    ").Append(string.Join(", ", names.Take(MaxNamesPerGroup)));
            if (names.Count > MaxNamesPerGroup) text.Append(L("diff.more-names", names.Count - MaxNamesPerGroup));
            if (names.Count > 1) text.Append(L("diff.same-change", names.Count));
            text.Append(": ").Append(group.Key.Summary).Append('\n');
            var lines = group.Key.Diff.TrimEnd('\n').Split('\n');
            foreach (var line in lines.Take(MaxDiffLines)) text.Append("      ").Append(line).Append('\n');
            if (lines.Length > MaxDiffLines)
                text.Append(L("diff.more-lines", lines.Length - MaxDiffLines)).Append('\n');
        }
        if (scenarios.OnlyInNew.Count > 0) text.Append(L("diff.only-in-new", string.Join(", ", scenarios.OnlyInNew))).Append('\n');
        if (scenarios.OnlyInOld.Count > 0) text.Append(L("diff.only-in-old", string.Join(", ", scenarios.OnlyInOld))).Append('\n');
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

}
