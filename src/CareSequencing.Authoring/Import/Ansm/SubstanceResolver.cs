using System.Text.RegularExpressions;

namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>How one thésaurus name was mapped to ATC, or why it was not.</summary>
/// <param name="Name">The name as the thésaurus spells it.</param>
/// <param name="Codes">ATC codes, ordinal order; empty when unmapped.</param>
/// <param name="Method"><c>supplement</c>, <c>worldvista:NAME</c>, <c>who-name:NAME</c>, or <c>unmapped</c>.</param>
/// <param name="Note">The supplement's justification, the reason it is unmapped, or what was left out.</param>
internal sealed record SubstanceMapping(string Name, IReadOnlyList<string> Codes, string Method, string Note)
{
    public bool IsMapped => Codes.Count > 0;
}

/// <summary>
/// Maps thésaurus substance names to WHO ATC codes. In order: the reviewed supplement table (which
/// wins, so a reviewer can correct any automatic mapping); the WorldVistA name table, keeping only
/// codes the WHO index has; the WHO index by name, trying the name and its French → INN respellings.
/// Codes of the dermatological (D) and sensory-organ (S) groups found by name are left out: the
/// thésaurus concerns the systemic substance, and a skin or eye preparation of it is another code.
/// </summary>
internal sealed partial class SubstanceResolver
{
    private readonly WhoAtcIndex _who;
    private readonly IReadOnlyDictionary<string, SupplementRow> _supplement;
    private readonly Dictionary<string, SortedSet<string>> _worldVista;
    private readonly Dictionary<string, SubstanceMapping> _cache = new(StringComparer.Ordinal);

    internal sealed record SupplementRow(int Line, string Name, IReadOnlyList<string> Codes, string Note);

    public SubstanceResolver(WhoAtcIndex who, IReadOnlyDictionary<string, SupplementRow> supplement, Dictionary<string, SortedSet<string>> worldVista)
    {
        _who = who;
        _supplement = supplement;
        _worldVista = worldVista;
    }

    /// <summary>The WorldVistA table, <c>ATC Code\tDrug Name</c>; lines that are notes rather than a code and a name are skipped.</summary>
    public static Dictionary<string, SortedSet<string>> ReadWorldVista(string path)
    {
        var table = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var row in DelimitedText.ReadTsv(path))
        {
            if (row.Cells.Count < 2) continue;
            var code = row[0].Trim();
            var name = row[1].Trim();
            if (code.Length == 0 || name.Length == 0) continue;
            if (!table.TryGetValue(name, out var set)) table[name] = set = new(StringComparer.Ordinal);
            set.Add(code);
        }
        return table;
    }

    /// <summary>The supplement, <c>ansm_name\tatc_codes\twho_atc_name\tnote</c>; a code the WHO index lacks is an error of the table.</summary>
    public static IReadOnlyDictionary<string, SupplementRow> ReadSupplement(string name, IEnumerable<string> lines, WhoAtcIndex who)
    {
        var rows = new Dictionary<string, SupplementRow>(StringComparer.Ordinal);
        var line = 0;
        foreach (var raw in lines)
        {
            line++;
            if (line == 1 || raw.Length == 0 || raw.StartsWith('#')) continue;
            var cells = raw.TrimEnd('\r').Split('\t');
            if (cells.Length < 4) throw new FormatException($"{name}:{line}: expected 4 tab-separated columns");
            var codes = cells[1].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToArray();
            foreach (var code in codes)
            {
                if (!who.Contains(code)) throw new FormatException($"{name}:{line}: {code} is not in the WHO ATC index {who.FileName}");
            }
            if (codes.Length == 0 && cells[3].Trim().Length == 0) throw new FormatException($"{name}:{line}: a row without codes must say why");
            if (!rows.TryAdd(cells[0].Trim(), new SupplementRow(line, cells[0].Trim(), codes, cells[3].Trim())))
                throw new FormatException($"{name}:{line}: {cells[0].Trim()} is listed twice");
        }
        return rows;
    }

    public SubstanceMapping Resolve(string name)
    {
        if (_cache.TryGetValue(name, out var known)) return known;
        var mapping = Map(name);
        _cache[name] = mapping;
        return mapping;
    }

    /// <summary>Every name resolved so far, ordinal order.</summary>
    public IEnumerable<SubstanceMapping> Resolved => _cache.Values.OrderBy(m => m.Name, StringComparer.Ordinal);

    private SubstanceMapping Map(string name)
    {
        if (_supplement.TryGetValue(name, out var row))
            return new SubstanceMapping(name, row.Codes, row.Codes.Count > 0 ? "supplement" : "unmapped", row.Note);

        var stale = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var candidate in Respellings(name))
        {
            if (_worldVista.TryGetValue(candidate, out var listed))
            {
                foreach (var code in listed.Where(c => !_who.Contains(c))) stale.Add(code);
                var valid = Systemic(listed.Where(_who.Contains), out var leftOut);
                if (valid.Count > 0) return new SubstanceMapping(name, valid, "worldvista:" + candidate, Note(stale, leftOut));
            }
            var byName = Systemic(_who.SubstanceCodes(candidate), out var topical);
            if (byName.Count > 0) return new SubstanceMapping(name, byName, "who-name:" + candidate, Note(stale, topical));
        }
        return new SubstanceMapping(name, [], "unmapped", stale.Count > 0
            ? $"no valid ATC code: the WorldVistA codes {string.Join(" ", stale)} are not in the WHO index"
            : "no ATC code found for the name (WorldVistA table, WHO index by name and French → INN respellings)");
    }

    private static List<string> Systemic(IEnumerable<string> codes, out List<string> leftOut)
    {
        var kept = new List<string>();
        leftOut = [];
        foreach (var code in codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            (code[0] is 'D' or 'S' ? leftOut : kept).Add(code);
        }
        if (kept.Count == 0 && leftOut.Count > 0)
        {
            // Only a topical code exists: it is the substance itself, so keep it rather than lose the row.
            kept = leftOut;
            leftOut = [];
        }
        return kept;
    }

    private static string Note(SortedSet<string> stale, List<string> leftOut)
    {
        var parts = new List<string>();
        if (stale.Count > 0) parts.Add($"WorldVistA codes not in the WHO index, dropped: {string.Join(" ", stale)}");
        if (leftOut.Count > 0) parts.Add($"topical codes left out: {string.Join(" ", leftOut)}");
        return string.Join("; ", parts);
    }

    /// <summary>
    /// The name, then its respellings: French acid names (<c>ACIDE VALPROIQUE</c> → <c>VALPROIC ACID</c>),
    /// the French final <c>-E</c> (<c>CLARITHROMYCINE</c> → <c>CLARITHROMYCIN</c>), a salt or qualifier in
    /// parentheses dropped, and the French salt words (<c>SODIQUE</c> → <c>SODIUM</c>).
    /// </summary>
    internal static IEnumerable<string> Respellings(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in Candidates(name))
        {
            if (candidate.Length > 0 && seen.Add(candidate)) yield return candidate;
        }
    }

    private static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        if (AcidPattern().Match(name) is { Success: true } acid) yield return acid.Groups[1].Value + "IC ACID";
        var bare = ParenthesisPattern().Replace(name, "").Trim();
        foreach (var form in new[] { name, bare })
        {
            yield return form;
            if (form.EndsWith('E')) yield return form[..^1];
            var salt = SaltPattern().Replace(form, m => Salts[m.Groups[1].Value]);
            if (!string.Equals(salt, form, StringComparison.Ordinal))
            {
                yield return salt;
                yield return SaltEndingPattern().Replace(salt, "$1");
            }
        }
    }

    private static readonly Dictionary<string, string> Salts = new(StringComparer.Ordinal)
    {
        ["SODIQUE"] = "SODIUM", ["CALCIQUE"] = "CALCIUM", ["POTASSIQUE"] = "POTASSIUM", ["MAGNESIEN"] = "MAGNESIUM",
    };

    [GeneratedRegex("^ACIDE ([A-Z]+)IQUE$", RegexOptions.CultureInvariant)]
    private static partial Regex AcidPattern();

    [GeneratedRegex(@"\s*\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParenthesisPattern();

    [GeneratedRegex(@"\b(SODIQUE|CALCIQUE|POTASSIQUE|MAGNESIEN)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SaltPattern();

    // "DALTEPARINE SODIUM" → "DALTEPARIN SODIUM": the French -E before the salt word.
    [GeneratedRegex(@"E( (SODIUM|CALCIUM|POTASSIUM|MAGNESIUM))$", RegexOptions.CultureInvariant)]
    private static partial Regex SaltEndingPattern();
}
