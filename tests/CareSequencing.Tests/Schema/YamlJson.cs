using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Schema;

/// <summary>
/// Turns a YAML file into the JSON value an editor validates against a schema. The loader reads
/// every scalar as text; an editor (yaml-language-server, YAML 1.2 core schema) types plain
/// scalars first, so <c>priority: 80</c> is a number, <c>1.0.0</c> and <c>2026-11-23</c> are
/// strings and <c>true</c> is a boolean. Quoted and block scalars are always strings.
/// Parsing uses the loader's own YamlDotNet-based reader, so both see the same document.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>Converts YAML text; a duplicate key or a syntax error throws, as the editor reports either before any schema.</summary>
    /// <exception cref="InvalidDataException">The text is not YAML the editor would validate.</exception>
    public static JsonNode? Convert(string text)
    {
        YNode? root;
        try
        {
            root = YamlTreeReader.Read(text);
        }
        catch (YamlTreeException ex)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"({ex.Line},{ex.Column}): {ex.Code}: {ex.Message}"), ex);
        }
        return root is null ? null : ToJson(root);
    }

    private static JsonNode? ToJson(YNode node) => node switch
    {
        YScalar scalar => Scalar(scalar),
        YSequence sequence => new JsonArray([.. sequence.Items.Select(ToJson)]),
        YMapping mapping => Mapping(mapping),
        _ => throw new InvalidDataException($"Unexpected node {node.Kind}."),
    };

    private static JsonObject Mapping(YMapping mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Entries)
        {
            if (result.ContainsKey(key.Value))
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"({key.Line},{key.Column}): duplicate key '{key.Value}'."));
            result[key.Value] = ToJson(value);
        }
        return result;
    }

    private static JsonValue? Scalar(YScalar scalar)
    {
        if (!scalar.IsPlain) return JsonValue.Create(scalar.Value);
        var text = scalar.Value;
        if (scalar.IsNull) return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (DecimalInteger().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? JsonValue.Create(whole)
                : JsonValue.Create(decimal.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }
        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(text[2..]))
            return JsonValue.Create(System.Convert.ToInt64(text[2..], 8));
        if (text.StartsWith("0x", StringComparison.Ordinal) && HexDigits().IsMatch(text[2..]))
            return JsonValue.Create(long.Parse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        if (Float().IsMatch(text))
            return JsonValue.Create(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (InfinityOrNaN().IsMatch(text))
            throw new InvalidDataException($"({scalar.Line},{scalar.Column}): '{text}' has no JSON value.");
        return JsonValue.Create(text);
    }

    // The YAML 1.2 core schema's tag resolution for plain scalars (yaml.org/spec/1.2.2, 10.3.2).
    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalDigits();

    [GeneratedRegex("^[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex InfinityOrNaN();
}
