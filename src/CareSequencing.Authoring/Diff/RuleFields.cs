using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CareSequencing.Model;
using CareSequencing.Presentation;

namespace CareSequencing.Authoring.Diff;

/// <summary>
/// Flattens a rule, an interaction entry or a manifest into (field, value) pairs named as the YAML
/// writes them, with values normalised so that only meaningful edits compare unequal: code lists
/// as sets, conditions with line breaks folded, dates in ISO form. File and line are not fields:
/// moving a rule within its pack is not a change.
/// </summary>
internal static partial class RuleFields
{
    [GeneratedRegex(@"\s*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    public static IReadOnlyList<(string Field, string Value)> Of(RuleDefinition rule)
    {
        var fields = new List<(string, string)>();
        Add(fields, "kind", AuthoringNames.Of(RuleKind.Rule));
        Add(fields, "family", Names.Family(rule.Family));
        Add(fields, "status", AuthoringNames.Of(AuthoringNames.Lifecycle(rule.Status)));
        Text(fields, "title", rule.Title);
        Add(fields, "effective", Effective(rule.Effective));
        Add(fields, "revised", Date(rule.Revised));
        Add(fields, "when", LineBreak().Replace(rule.Condition, " ").Trim());
        if (rule.Proposal is { } proposal)
        {
            Add(fields, "outcome", "proposal");
            Add(fields, "proposal.action", proposal.Action);
            Add(fields, "proposal.priority", proposal.Priority.ToString(CultureInfo.InvariantCulture));
            Add(fields, "proposal.therapy", proposal.Therapy);
            Add(fields, "proposal.codes", Set(proposal.Codes));
            Add(fields, "proposal.phases", Set(proposal.Phases));
            Text(fields, "proposal.text", proposal.Text);
        }
        if (rule.Alert is { } alert)
        {
            Add(fields, "outcome", "alert");
            Add(fields, "alert.severity", Names.Severity(alert.Severity));
            Add(fields, "alert.codes", Set(alert.Codes));
            Add(fields, "alert.actions", Set(alert.Actions));
            Text(fields, "alert.text", alert.Text);
            Text(fields, "alert.management", alert.Management);
        }
        Add(fields, "sources", Sources(rule.Sources));
        return fields;
    }

    public static IReadOnlyList<(string Field, string Value)> Of(InteractionEntry entry)
    {
        var fields = new List<(string, string)>();
        Add(fields, "kind", AuthoringNames.Of(RuleKind.InteractionEntry));
        Add(fields, "status", AuthoringNames.Of(AuthoringNames.Lifecycle(entry.Status)));
        Text(fields, "title", entry.Title);
        Add(fields, "effective", Effective(entry.Effective));
        Add(fields, "revised", Date(entry.Revised));
        Side(fields, "a", entry.A);
        Side(fields, "b", entry.B);
        Add(fields, "severity", Names.Severity(entry.Severity));
        Text(fields, "mechanism", entry.Mechanism);
        Text(fields, "management", entry.Management);
        Add(fields, "sources", Sources(entry.Sources));
        return fields;
    }

    /// <summary>Manifest fields a clinician sees with every rule; the version is compared on its own.</summary>
    public static IReadOnlyList<(string Field, string Value)> Of(RulePack pack)
    {
        var fields = new List<(string, string)>();
        Text(fields, "title", pack.Title);
        Text(fields, "description", pack.Description);
        Add(fields, "publisher", pack.Publisher);
        Add(fields, "developer", pack.Developer);
        Add(fields, "funding", pack.Funding);
        Add(fields, "releaseDate", Date(pack.ReleaseDate));
        return fields;
    }

    /// <summary>
    /// The fields that differ, in NEW's order then OLD-only fields. When the kind or the outcome
    /// (proposal/alert) changed, the fields under the old and new outcome are left out: "outcome:
    /// proposal → alert" says it, and every sub-field differing would bury it.
    /// </summary>
    public static IReadOnlyList<FieldChange> Compare(IReadOnlyList<(string Field, string Value)> old, IReadOnlyList<(string Field, string Value)> @new)
    {
        var oldValues = old.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        var newValues = @new.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        var order = @new.Select(f => f.Field).Concat(old.Select(f => f.Field).Where(f => !newValues.ContainsKey(f))).ToList();

        var changes = new List<FieldChange>();
        foreach (var field in order)
        {
            var before = oldValues.GetValueOrDefault(field);
            var after = newValues.GetValueOrDefault(field);
            if (!string.Equals(before, after, StringComparison.Ordinal)) changes.Add(new(field, before, after));
        }

        var kindChanged = changes.Any(c => c.Field == "kind");
        var outcomeChanged = changes.Any(c => c.Field == "outcome");
        return [.. changes.Where(c =>
            !(kindChanged && c.Field != "kind" && (!oldValues.ContainsKey(c.Field) || !newValues.ContainsKey(c.Field)))
            && !(outcomeChanged && (c.Field.StartsWith("proposal.", StringComparison.Ordinal) || c.Field.StartsWith("alert.", StringComparison.Ordinal))))];
    }

    private static void Add(List<(string, string)> fields, string name, string? value)
    {
        if (value is not null) fields.Add((name, value));
    }

    private static void Text(List<(string, string)> fields, string name, LocalizedText text)
    {
        foreach (var (language, value) in text.Values) fields.Add(($"{name}.{language}", value));
    }

    private static void Side(List<(string, string)> fields, string name, InteractionSide side)
    {
        Add(fields, name + ".codes", Set(side.Codes));
        Add(fields, name + ".forms", Set(side.Forms));
        Text(fields, name + ".label", side.Label);
    }

    private static string? Set(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? null : "[" + string.Join(", ", values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "]";

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Effective(EffectivePeriod period) => period.From is null && period.Until is null ? null
        : $"{Date(period.From) ?? "(open)"}..{Date(period.Until) ?? "(open)"}";

    // Order is kept: explanations list sources in the order the rule gives them.
    private static string? Sources(ImmutableArray<SourceAttribution> sources) => sources.IsDefaultOrEmpty ? null
        : string.Join("; ", sources.Select(s => string.Join(" | ",
            new[] { s.Citation, s.Url, s.Publisher, s.Year?.ToString(CultureInfo.InvariantCulture) }.Where(p => p is not null))));
}
