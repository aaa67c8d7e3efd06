using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CareSequencing.Authoring.Validation;

/// <summary>
/// A list of the codes a code system knows (e.g. the ATC codes of the WHO index), read from a text
/// file: one code per line, optionally followed by a tab or comma and a name; lines starting with
/// <c>#</c> are comments. The WHO index itself is not redistributable, so the project ships only the
/// codes its packs use, checked against it; a host with a licensed copy can point at the whole index.
/// </summary>
public sealed partial class CodeReference
{
    private readonly FrozenDictionary<string, string> _names;

    private CodeReference(string name, FrozenDictionary<string, string> names)
    {
        Name = name;
        _names = names;
    }

    /// <summary>What to call the list in messages, usually its file name.</summary>
    public string Name { get; }

    /// <summary>How many codes the list holds.</summary>
    public int Count => _names.Count;

    /// <summary>Whether the list holds <paramref name="code"/> exactly.</summary>
    public bool Contains(string code) => _names.ContainsKey(code);

    /// <summary>The name recorded with <paramref name="code"/>, or <see langword="null"/>.</summary>
    public string? NameOf(string code) => _names.TryGetValue(code, out var name) && name.Length > 0 ? name : null;

    /// <summary>Reads a list from a file (UTF-8). A CSV header line whose first cell is not a code is skipped.</summary>
    public static CodeReference Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(Path.GetFileName(path), File.ReadAllLines(path));
    }

    /// <summary>Builds a list from lines in the file format described on the type.</summary>
    public static CodeReference Parse(string name, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var separator = line.IndexOfAny(['\t', ',']);
            var code = (separator < 0 ? line : line[..separator]).Trim().Trim('"');
            if (!CodePattern().IsMatch(code)) continue; // a header such as atc_code,atc_name
            names.TryAdd(code, separator < 0 ? "" : NameField(line[(separator + 1)..], line[separator]));
        }
        return new CodeReference(name, names.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The field after the code: to the end of a TSV line, or one CSV field (quoted or not).</summary>
    private static string NameField(string rest, char separator)
    {
        if (separator == '\t') return rest.Trim();
        if (rest.StartsWith('"'))
        {
            var close = rest.IndexOf("\",", 1, StringComparison.Ordinal);
            return (close < 0 ? rest[1..].TrimEnd('"') : rest[1..close]).Replace("\"\"", "\"", StringComparison.Ordinal);
        }
        var comma = rest.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? rest : rest[..comma]).Trim();
    }

    [GeneratedRegex(@"^[A-Z][0-9A-Z.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
