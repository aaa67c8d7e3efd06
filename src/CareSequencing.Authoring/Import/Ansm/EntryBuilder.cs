using System.Globalization;
using System.Text;

namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>Turns one thésaurus row into an interaction entry's YAML, or reports why it cannot.</summary>
internal sealed class EntryBuilder
{
    private readonly AnsmThesaurusData _data;
    private readonly WhoAtcIndex _who;
    private readonly SubstanceResolver _resolver;
    private readonly IReadOnlyDictionary<string, string> _classNames;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _classesUsed = new(StringComparer.Ordinal);

    public EntryBuilder(AnsmThesaurusData data, WhoAtcIndex who, SubstanceResolver resolver, IReadOnlyDictionary<string, string> classNames)
    {
        _data = data;
        _who = who;
        _resolver = resolver;
        _classNames = classNames;
    }

    private sealed record Side(IReadOnlyList<string> Codes, string En, string Fr, string? Reason);

    public AnsmThesaurusImport.Entry? Build(AnsmPair pair, List<UnmappedItem> unmapped)
    {
        var item = $"{pair.First} + {pair.Second}";
        var (levels, rest) = AnsmLevels.Parse(pair.Description);
        var conduct = Conduct(pair, rest);
        if (levels.Count == 0)
        {
            unmapped.Add(new("row", _data.PairsFile, pair.Line, item, "", "no ANSM level at the start of the text"));
            return null;
        }
        var a = ResolveSide(pair.First);
        var b = ResolveSide(pair.Second);
        if (a.Reason is not null || b.Reason is not null)
        {
            var reasons = new List<string>();
            if (a.Reason is not null) reasons.Add($"side 1 {pair.First}: {a.Reason}");
            if (b.Reason is not null) reasons.Add($"side 2 {pair.Second}: {b.Reason}");
            unmapped.Add(new("row", _data.PairsFile, pair.Line, item, AnsmLevels.Abbreviation(levels[0]), string.Join("; ", reasons)));
            return null;
        }

        var id = $"ix.ansm.{AnsmThesaurusImport.Slug(pair.First)}.{AnsmThesaurusImport.Slug(pair.Second)}";
        if (!_ids.Add(id))
        {
            id += "-l" + pair.Line.ToString(CultureInfo.InvariantCulture);
            _ids.Add(id);
        }
        var severity = AnsmLevels.SeverityWord(AnsmLevels.Severity(levels[0]));
        var (mechanismEn, mechanismFr) = AnsmImportText.Mechanism(levels, pair.Mechanism);
        var (managementEn, managementFr) = AnsmImportText.Management(levels, conduct);
        var (month, year) = AnsmThesaurusImport.EditionWords(_data.Edition);

        var sb = new StringBuilder();
        sb.Append("  - id: ").Append(YamlText.Bare(id)).Append('\n');
        sb.Append("    status: active\n");
        sb.Append("    a: { codes: ").Append(YamlText.List(a.Codes)).Append(", label: ").Append(YamlText.Localized(a.En, a.Fr)).Append(" }\n");
        sb.Append("    b: { codes: ").Append(YamlText.List(b.Codes)).Append(", label: ").Append(YamlText.Localized(b.En, b.Fr)).Append(" }\n");
        sb.Append("    severity: ").Append(severity).Append('\n');
        sb.Append("    mechanism:\n      en: ").Append(YamlText.Quote(mechanismEn)).Append("\n      fr: ").Append(YamlText.Quote(mechanismFr)).Append('\n');
        sb.Append("    management:\n      en: ").Append(YamlText.Quote(managementEn)).Append("\n      fr: ").Append(YamlText.Quote(managementFr)).Append('\n');
        sb.Append("    sources:\n");
        sb.Append("      - citation: ").Append(YamlText.Quote(
            $"ANSM. Thésaurus des interactions médicamenteuses, {month.Fr} {year}: {pair.First} + {pair.Second} ({AnsmImportText.FrenchLevels(levels)}). Row at line {pair.Line.ToString(CultureInfo.InvariantCulture)} of {_data.PairsFile} (structured copy by scossin/IMthesaurusANSM).")).Append('\n');
        sb.Append("        url: https://ansm.sante.fr/documents/reference/thesaurus-des-interactions-medicamenteuses-1\n");
        sb.Append("        publisher: ").Append(YamlText.Quote("Agence nationale de sécurité du médicament et des produits de santé (ANSM)")).Append('\n');
        sb.Append("        year: ").Append(year.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append('\n');
        var letter = AnsmThesaurusImport.Slug(pair.First)[..1];
        return new AnsmThesaurusImport.Entry(id, letter, severity, sb.ToString());
    }

    /// <summary>
    /// The conduct to hold: the level column's text (without the level list a conditional row repeats
    /// there), else the text after the level unless it is only the start of the mechanism (the PDF
    /// parser cut the mechanism there: that row states no conduct beyond its level).
    /// </summary>
    private static string Conduct(AnsmPair pair, string rest)
    {
        if (pair.Conduct.Length > 0)
        {
            var (levels, text) = AnsmLevels.Parse(pair.Conduct);
            return levels.Count > 0 ? text : pair.Conduct;
        }
        return rest.Length == 0 || pair.Mechanism.StartsWith(rest, StringComparison.Ordinal) ? "" : rest;
    }

    private Side ResolveSide(string name)
    {
        if (_data.Classes.TryGetValue(name, out var members))
        {
            _classesUsed.Add(name);
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var member in members.Keys)
            {
                foreach (var code in _resolver.Resolve(member).Codes) codes.Add(code);
            }
            var fr = _data.Accented.GetValueOrDefault(name) ?? name.ToLowerInvariant();
            var en = _classNames.GetValueOrDefault(name) ?? fr + " (ANSM class, not translated)";
            return codes.Count == 0
                ? new Side([], en, fr, "no member of the class maps to an ATC code")
                : new Side(Minimal(codes), en, fr, null);
        }
        var mapping = _resolver.Resolve(name);
        var french = _data.Accented.GetValueOrDefault(name) ?? name.ToLowerInvariant();
        if (!mapping.IsMapped) return new Side([], "", french, mapping.Note);
        var english = _who.NameOf(mapping.Codes[0]) is { Length: > 0 } whoName ? whoName.ToLowerInvariant() : french;
        return new Side(Minimal(mapping.Codes), english, french, null);
    }

    /// <summary>Drops codes already covered by a broader code of the side (<c>B03AA07</c> under <c>B03AA</c>).</summary>
    private static List<string> Minimal(IEnumerable<string> codes)
    {
        var sorted = codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var kept = new List<string>();
        foreach (var code in sorted)
        {
            if (!kept.Exists(k => code.StartsWith(k, StringComparison.Ordinal))) kept.Add(code);
        }
        return kept;
    }

    /// <summary>Members of the classes used by pairs that map to no ATC code: the class side was imported without them.</summary>
    public IEnumerable<UnmappedItem> UnmappedMembers()
    {
        foreach (var name in _classesUsed)
        {
            foreach (var (member, line) in _data.Classes[name])
            {
                var mapping = _resolver.Resolve(member);
                if (!mapping.IsMapped) yield return new UnmappedItem("class-member", _data.MembersFile, line, member, name, mapping.Note);
            }
        }
    }
}
