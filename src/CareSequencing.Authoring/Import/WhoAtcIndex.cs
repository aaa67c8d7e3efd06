using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CareSequencing.Authoring.Import;

/// <summary>
/// The WHO ATC/DDD index as the imports use it: the authority on which codes exist and what they are
/// called. Read from a file the user supplies (its licence is non-commercial, so it is never shipped).
/// </summary>
internal sealed partial class WhoAtcIndex
{
    private readonly FrozenDictionary<string, string> _names;
    private readonly FrozenDictionary<string, string[]> _byName;
    private readonly Dictionary<string, (int Line, SortedSet<string> Routes)> _rows = new(StringComparer.Ordinal);

    private WhoAtcIndex(string fileName, FrozenDictionary<string, string> names, FrozenDictionary<string, string[]> byName)
    {
        FileName = fileName;
        _names = names;
        _byName = byName;
    }

    /// <summary>The line of a code's first row in the file (0 when unknown).</summary>
    public int LineOf(string code) => _rows.TryGetValue(code, out var row) ? row.Line : 0;

    /// <summary>The administration routes of a code's DDDs (<c>O</c>, <c>P</c>, <c>Inhal.powder</c>...), ordinal order; empty when it has no DDD.</summary>
    public IReadOnlyCollection<string> RoutesOf(string code) => _rows.TryGetValue(code, out var row) ? row.Routes : [];

    /// <summary>The file name, which carries the edition (e.g. <c>who-atc-ddd-2026-04-25...csv</c>).</summary>
    public string FileName { get; }

    /// <summary>The edition date found in the file name, or the file name itself.</summary>
    public string Edition => EditionPattern().Match(FileName) is { Success: true } m ? m.Value : FileName;

    public int Count => _names.Count;

    public bool Contains(string code) => _names.ContainsKey(code);

    public string? NameOf(string code) => _names.GetValueOrDefault(code);

    /// <summary>Level-5 codes (7 characters) whose WHO name is <paramref name="name"/>, compared without case; ordinal order.</summary>
    public IReadOnlyList<string> SubstanceCodes(string name) => _byName.TryGetValue(name.ToUpperInvariant(), out var codes) ? codes : [];

    /// <summary>Reads <c>atc_code,atc_name,...</c> (the WHO CSV); a code repeated for several DDD rows is one code.</summary>
    public static WhoAtcIndex Load(string path)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var rows = new Dictionary<string, (int Line, SortedSet<string> Routes)>(StringComparer.Ordinal);
        foreach (var row in DelimitedText.ReadCsv(path))
        {
            var code = row[0].Trim();
            var name = row[1].Trim();
            if (!CodePattern().IsMatch(code))
                throw new FormatException($"{Path.GetFileName(path)}:{row.Line}: not an ATC code in the first column");
            names.TryAdd(code, name);
            if (!rows.TryGetValue(code, out var seen)) rows[code] = seen = (row.Line, new SortedSet<string>(StringComparer.Ordinal));
            if (row[4].Trim() is { Length: > 0 } route && route != "NA") seen.Routes.Add(route);
            if (code.Length == 7)
            {
                if (!byName.TryGetValue(name.ToUpperInvariant(), out var set)) byName[name.ToUpperInvariant()] = set = new(StringComparer.Ordinal);
                set.Add(code);
            }
        }
        if (names.Count == 0) throw new FormatException($"{Path.GetFileName(path)}: no ATC code");
        var index = new WhoAtcIndex(Path.GetFileName(path), names.ToFrozenDictionary(StringComparer.Ordinal),
            byName.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
        foreach (var (code, row) in rows) index._rows[code] = row;
        return index;
    }

    [GeneratedRegex("^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex EditionPattern();
}
