using System.Text;
using System.Text.Json;
using CareSequencing.Presentation;

namespace CareSequencing.Authoring.Diff;

/// <summary>
/// Writes a <see cref="RuleSetDiff"/> as JSON for tools (camelCase, fixed property order, lists in
/// the diff's ordinal order): the same two folders always give byte-identical JSON.
/// </summary>
public static class PackDiffJsonWriter
{
    /// <summary>Serialises the diff.</summary>
    /// <param name="diff">The diff.</param>
    /// <returns>Indented JSON, LF line endings.</returns>
    public static string Write(RuleSetDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return DeterministicJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("packs");
            foreach (var pack in diff.Packs) WritePack(json, pack);
            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (var warning in diff.Warnings) WriteWarning(json, warning);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WritePack(Utf8JsonWriter json, PackChanges pack)
    {
        json.WriteStartObject();
        json.WriteString("id", pack.Id);
        json.WriteString("status", pack.Status.ToString().ToLowerInvariant());
        json.WriteString("oldVersion", pack.Old?.Version);
        json.WriteString("newVersion", pack.New?.Version);
        json.WriteString("oldSha256", pack.Old?.Sha256);
        json.WriteString("newSha256", pack.New?.Sha256);
        json.WriteBoolean("contentChanged", pack.ContentChanged);
        WriteFields(json, "manifest", pack.Manifest);
        WriteRules(json, "added", pack.Added);
        WriteRules(json, "removed", pack.Removed);
        json.WriteStartArray("changed");
        foreach (var rule in pack.Changed)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("kind", AuthoringNames.Of(rule.Kind));
            WriteFields(json, "fields", rule.Fields);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("scenarios");
        json.WriteNumber("compared", pack.Scenarios.Compared);
        json.WriteStartArray("adviceChanged");
        foreach (var change in pack.Scenarios.AdviceChanged)
        {
            json.WriteStartObject();
            json.WriteString("name", change.Name);
            json.WriteString("summary", change.Summary);
            json.WriteString("diff", change.Diff);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, "onlyInOld", pack.Scenarios.OnlyInOld);
        WriteStrings(json, "onlyInNew", pack.Scenarios.OnlyInNew);
        json.WriteEndObject();

        json.WriteStartArray("warnings");
        foreach (var warning in pack.Warnings) WriteWarning(json, warning);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRules(Utf8JsonWriter json, string name, IReadOnlyList<RuleSummary> rules)
    {
        json.WriteStartArray(name);
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("kind", AuthoringNames.Of(rule.Kind));
            json.WriteString("status", AuthoringNames.Of(rule.Status));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteFields(Utf8JsonWriter json, string name, IReadOnlyList<FieldChange> fields)
    {
        json.WriteStartArray(name);
        foreach (var field in fields)
        {
            json.WriteStartObject();
            json.WriteString("field", field.Field);
            json.WriteString("old", field.OldValue);
            json.WriteString("new", field.NewValue);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void WriteWarning(Utf8JsonWriter json, PackDiffWarning warning)
    {
        json.WriteStartObject();
        json.WriteString("pack", warning.PackId);
        json.WriteString("code", warning.Code);
        json.WriteString("message", warning.Message);
        json.WriteEndObject();
    }
}
