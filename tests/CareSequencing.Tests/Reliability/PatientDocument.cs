using System.Globalization;
using System.Text;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// A patient file as a tree, rendered to block YAML or to JSON, together with what the generator
/// broke on purpose: the (code, path) warnings the library must give for it.
/// </summary>
internal abstract record Doc
{
    public static Doc Null { get; } = new DocScalar(null);

    public static Doc Text(string value) => new DocScalar(value);
}

/// <summary>A scalar; <see langword="null"/> is YAML/JSON null.</summary>
internal sealed record DocScalar(string? Value) : Doc;

internal sealed record DocList(IReadOnlyList<Doc> Items) : Doc;

internal sealed record DocMap(IReadOnlyList<(string Key, Doc Value)> Entries) : Doc;

/// <summary>A generated patient file and the warnings it must produce.</summary>
/// <param name="Root">The document.</param>
/// <param name="Expected">Warnings that must be present, as <c>code@path</c>.</param>
/// <param name="Unchecked">Indexes of medications whose interactions cannot be checked.</param>
/// <param name="AgeKnown">A usable age or birth date is present (else CSQ3006 may appear).</param>
/// <param name="PhaseKnown">A usable current phase is present (else CSQ3006 may appear).</param>
internal sealed record GeneratedPatient(DocMap Root, IReadOnlyList<string> Expected, IReadOnlyList<int> Unchecked, bool AgeKnown, bool PhaseKnown)
{
    public override string ToString() => PatientRendering.Yaml(Root);
}

internal static class PatientRendering
{
    public static string Yaml(Doc doc)
    {
        var builder = new StringBuilder();
        WriteYaml(builder, doc, 0, inList: false);
        return builder.ToString();
    }

    public static string Json(Doc doc)
    {
        var builder = new StringBuilder();
        WriteJson(builder, doc);
        return builder.ToString();
    }

    private static void WriteYaml(StringBuilder builder, Doc doc, int indent, bool inList)
    {
        switch (doc)
        {
            case DocScalar scalar:
                builder.Append(YamlScalar(scalar.Value)).Append('\n');
                break;
            case DocList { Items.Count: 0 }:
                builder.Append("[]\n");
                break;
            case DocMap { Entries.Count: 0 }:
                builder.Append("{}\n");
                break;
            case DocList list:
                if (indent > 0 || inList) builder.Append('\n');
                foreach (var item in list.Items)
                {
                    builder.Append(' ', indent).Append("- ");
                    WriteNested(builder, item, indent + 2, inList: true);
                }
                break;
            case DocMap map:
                var first = true;
                if (!inList && indent > 0) builder.Append('\n');
                foreach (var (key, value) in map.Entries)
                {
                    // The first entry of a mapping inside a list item continues the "- " line.
                    if (!(inList && first)) builder.Append(' ', indent);
                    first = false;
                    builder.Append(YamlScalar(key)).Append(':');
                    if (value is DocScalar or DocList { Items.Count: 0 } or DocMap { Entries.Count: 0 }) builder.Append(' ');
                    WriteNested(builder, value, indent + 2, inList: false);
                }
                break;
        }
    }

    private static void WriteNested(StringBuilder builder, Doc doc, int indent, bool inList)
    {
        if (doc is DocList { Items.Count: > 0 } && !inList)
        {
            WriteYaml(builder, doc, indent, inList: false);
            return;
        }
        if (doc is DocList { Items.Count: > 0 } && inList)
        {
            // A list directly inside a list item: flow style keeps the indentation simple.
            builder.Append(Json(doc)).Append('\n');
            return;
        }
        WriteYaml(builder, doc, indent, inList);
    }

    private static string YamlScalar(string? value)
    {
        if (value is null) return "~";
        if (value.Length > 0 && value.Length < 80 && IsPlainSafe(value)) return value;
        return Quoted(value);
    }

    // Letters, digits and a few marks, not starting with one YAML treats specially, and not a null word.
    private static bool IsPlainSafe(string value)
    {
        if (value is "null" or "Null" or "NULL" or "~" || !char.IsAsciiLetterOrDigit(value[0]) || value[^1] == ' ') return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '/' or ' ')) return false;
        }
        return true;
    }

    /// <summary>A double-quoted scalar, valid in both YAML and JSON.</summary>
    private static string Quoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') builder.Append('\\').Append(c);
            else if (c < 0x20 || c is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c))
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    private static void WriteJson(StringBuilder builder, Doc doc)
    {
        switch (doc)
        {
            case DocScalar { Value: null }:
                builder.Append("null");
                break;
            case DocScalar scalar:
                builder.Append(Quoted(scalar.Value));
                break;
            case DocList list:
                builder.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    WriteJson(builder, list.Items[i]);
                }
                builder.Append(']');
                break;
            case DocMap map:
                builder.Append('{');
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    builder.Append(Quoted(map.Entries[i].Key)).Append(": ");
                    WriteJson(builder, map.Entries[i].Value);
                }
                builder.Append('}');
                break;
        }
    }
}
