using System.Globalization;
using System.Text.RegularExpressions;

namespace CareSequencing.Authoring.Import.Terminology;

/// <summary>
/// Builds the default terminology maps of the FHIR package (<c>src/CareSequencing.Fhir/Terminology/Data</c>) from public
/// data: RxNorm ingredients → ATC (CPIC, CC0), ingredient names → ATC (the names of the packs' ATC codes and CPIC's, never
/// the whole WHO index, whose licence is non-commercial), reviewed synonyms, the WHO ICD-10 codes (codes only), reviewed
/// ICD-10-CM exceptions and a reviewed SNOMED CT starter map. Same inputs, same bytes.
/// </summary>
internal static partial class TerminologyImport
{
    public const string DefaultEdition = "2026.12.1";

    private const string CpicSource = "cpic-drug-rxnorm-drugbank-atc.tsv: CPIC drug table, github cpicpgx/cpic-data (V2, V6, V16, V35 migrations) at 459e3ebdccdccbe515a71dacf038ec532d1bc68d; licence CC0 1.0 (attribution to CPIC/ClinPGx requested)";
    private const string AtcNamesSource = "rules/reference/atc-codes.tsv: the ATC codes of the CareSequencing packs with their WHO names";
    private const string Icd10Source = "who-icd10-codes.patriciomacadden-icd.txt: WHO ICD-10 code list (about the 2010 edition), github patriciomacadden/icd doc/kettle/codes.txt at f60a0e6ca6c0558a0ded84512a93da8c041499aa; ICD-10 © WHO; codes only are shipped, no titles";

    public static ImportResult Run(TerminologyImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var atcPath = options.AtcIndexPath
            ?? Directory.EnumerateFiles(options.DataFolder, "who-atc-ddd-*.csv").Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new FileNotFoundException($"no who-atc-ddd-*.csv in {options.DataFolder}: give --atc-index");
        var who = WhoAtcIndex.Load(atcPath);
        var cpicPath = Path.Combine(options.DataFolder, CpicDrugTable.FileName);
        var cpic = CpicDrugTable.Load(cpicPath);
        var icdPath = Directory.EnumerateFiles(options.DataFolder, WhoIcd10List.FilePrefix + "*.txt").Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new FileNotFoundException($"no {WhoIcd10List.FilePrefix}*.txt in {options.DataFolder}");
        var icd = WhoIcd10List.Load(icdPath);
        var whoSource = $"{who.FileName}: WHO ATC/DDD index, edition {who.Edition}, read to check codes and to find the codes of a shipped name; the index itself is not shipped (CC BY-NC-SA 4.0, © WHOCC)";

        var unmapped = new List<UnmappedItem>();
        var ingredients = Ingredients(cpic, who, unmapped, options.Edition, whoSource);
        var (names, known) = Names(options, cpic, ingredients.Corrected, who, unmapped, options.Edition, whoSource);
        var files = new List<MapFile>
        {
            ingredients.File,
            names,
            Synonyms(options, known, unmapped),
            Icd10Codes(icd, options.Edition),
            Exceptions(options, icd, unmapped),
            Snomed(options, icd, unmapped),
        };
        var report = new MapFile("unmapped", options.Edition, "What the import could not bring into the maps, with the reason: nothing is dropped silently.",
            "kind", "file", "line", "item", "context", "reason");
        foreach (var u in unmapped) report.Add(u.Kind, u.File, u.Line.ToString("D5", CultureInfo.InvariantCulture), u.Item, u.Context, u.Reason);
        files.Add(report);
        var built = files.Select(f => f.Build()).ToList();
        var ordered = unmapped.OrderBy(u => u.File, StringComparer.Ordinal).ThenBy(u => u.Line).ThenBy(u => u.Item, StringComparer.Ordinal).ToList();
        return new ImportResult(built, cpic.Count, files.Take(files.Count - 1).Sum(f => f.Count), ordered, new Dictionary<string, int>());
    }

    /// <summary>Lower-case, single-spaced: the key every name table is read by.</summary>
    public static string NormalName(string name) => Spaces().Replace(name.Trim(), " ").ToLowerInvariant();

    private sealed record IngredientResult(MapFile File, Dictionary<int, IReadOnlyList<string>> Corrected);

    private static IngredientResult Ingredients(IReadOnlyList<CpicDrug> cpic, WhoAtcIndex who, List<UnmappedItem> unmapped, string edition, string whoSource)
    {
        var file = new MapFile("rxnorm-ingredients", edition,
            "RxNorm ingredient (IN) RXCUI → WHO ATC codes, from CPIC; every code checked against the WHO index, stale codes corrected by name or reported. Codes whose WHO name is the substance's come first.",
            "rxcui", "name", "atc_codes", "source_file", "source_row", "note")
            .Source(CpicSource).Source(whoSource);
        var corrected = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var drug in cpic)
        {
            if (drug.CpicId.StartsWith("ATC:", StringComparison.Ordinal))
            {
                unmapped.Add(new("row", CpicDrugTable.FileName, drug.Line, drug.CpicId, drug.Name, "ATC class row, not an ingredient"));
                continue;
            }
            if (drug.Rxcui.Length == 0) { unmapped.Add(new("row", CpicDrugTable.FileName, drug.Line, drug.CpicId, drug.Name, "no RxNorm RXCUI")); continue; }
            if (drug.AtcCodes.Count == 0) { unmapped.Add(new("row", CpicDrugTable.FileName, drug.Line, drug.Rxcui, drug.Name, "no ATC code in CPIC")); continue; }
            var codes = new List<string>();
            var notes = new List<string>();
            foreach (var code in drug.AtcCodes)
            {
                if (who.Contains(code)) { if (!codes.Contains(code)) codes.Add(code); continue; }
                var byName = who.SubstanceCodes(drug.Name);
                if (byName.Count == 1 && !drug.AtcCodes.Contains(byName[0]))
                {
                    if (!codes.Contains(byName[0])) codes.Add(byName[0]);
                    notes.Add($"{code} → {byName[0]}");
                    unmapped.Add(new("stale-atc", CpicDrugTable.FileName, drug.Line, code, drug.Name,
                        $"not in the WHO index {who.Edition}; corrected to {byName[0]}, the one level-5 code WHO names '{drug.Name}'"));
                }
                else
                {
                    unmapped.Add(new("stale-atc", CpicDrugTable.FileName, drug.Line, code, drug.Name,
                        $"not in the WHO index {who.Edition}; not corrected: WHO names '{drug.Name}' at {byName.Count} level-5 codes{(byName.Count > 0 ? " (" + string.Join(' ', byName) + ")" : "")}"));
                }
            }
            if (codes.Count == 0) { unmapped.Add(new("row", CpicDrugTable.FileName, drug.Line, drug.Rxcui, drug.Name, "no ATC code left after the check against the WHO index")); continue; }
            // The codes WHO gives the substance's own name first (naproxen's only CPIC code, M01AE56, is a combination).
            var same = codes.Where(c => string.Equals(who.NameOf(c), drug.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (same.Count == 0)
            {
                unmapped.Add(new("questionable-atc", CpicDrugTable.FileName, drug.Line, string.Join(' ', codes), drug.Name,
                    $"no code of the row has the WHO name '{drug.Name}'{(who.SubstanceCodes(drug.Name) is { Count: > 0 } w ? "; WHO names it at " + string.Join(' ', w) : "")}; kept as CPIC gives them"));
            }
            // Among those, the code with an oral DDD first (ibuprofen: M01AE01 before C01EB16, the neonatal ductus code).
            var ordered = same.OrderBy(c => who.RoutesOf(c).Contains("O") ? 0 : 1).Concat(codes.Except(same)).ToList();
            corrected[drug.Line] = ordered;
            file.Add(drug.Rxcui, NormalName(drug.Name), string.Join(' ', ordered), CpicDrugTable.FileName,
                drug.Line.ToString(CultureInfo.InvariantCulture), notes.Count == 0 ? "" : "stale codes corrected by WHO name: " + string.Join(", ", notes));
        }
        return new IngredientResult(file, corrected);
    }

    /// <summary>
    /// Name → level-5 ATC codes. The names are those of the packs' codes, CPIC's and the reviewed synonyms' targets; each takes every level-5 code WHO gives
    /// that exact name (the runtime chooses by form), and a CPIC name WHO does not use (aspirin) takes CPIC's checked codes.
    /// </summary>
    private static (MapFile File, HashSet<string> Names) Names(TerminologyImportOptions options, IReadOnlyList<CpicDrug> cpic, Dictionary<int, IReadOnlyList<string>> cpicCodes,
        WhoAtcIndex who, List<UnmappedItem> unmapped, string edition, string whoSource)
    {
        var file = new MapFile("atc-names", edition,
            "Ingredient name (lower case) → WHO level-5 ATC code, with the WHO name, whether the code sits in a WHO combination group, and the DDD routes; a name with several codes keeps them all.",
            "name", "atc_code", "who_name", "combination", "ddd_routes", "source_file", "source_row", "who_index_row")
            .Source(AtcNamesSource).Source(CpicSource).Source(whoSource);
        var sources = new SortedDictionary<string, (string File, int Line, IReadOnlyList<string>? Codes)>(StringComparer.Ordinal);
        var atcNamesPath = options.AtcNamesPath;
        var atcNamesFile = Path.GetFileName(atcNamesPath);
        var line = 0;
        foreach (var raw in File.ReadLines(atcNamesPath))
        {
            line++;
            if (raw.StartsWith('#') || raw.Length == 0) continue;
            var cells = raw.Split('\t');
            if (cells.Length < 2 || cells[0].Length != 7) continue;
            sources.TryAdd(NormalName(cells[1]), (atcNamesFile, line, null));
        }
        foreach (var drug in cpic)
        {
            if (cpicCodes.TryGetValue(drug.Line, out var codes)) sources.TryAdd(NormalName(drug.Name), (CpicDrugTable.FileName, drug.Line, codes));
        }
        // The INN a reviewed synonym points to (leuprolide → leuprorelin) ships too: one reviewed name each, not the index.
        foreach (var row in Embedded.Rows(SynonymsFile, options.SynonymsPath))
        {
            if (row[1].Trim() is { Length: > 0 } target) sources.TryAdd(NormalName(target), (SynonymsFile, row.Line, null));
        }
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, source) in sources)
        {
            var codes = who.SubstanceCodes(name);
            if (codes.Count == 0) codes = source.Codes?.Where(c => c.Length == 7).ToList() ?? [];
            if (codes.Count == 0)
            {
                unmapped.Add(new("name", source.File, source.Line, name, "", "no level-5 WHO ATC code of that name"));
                continue;
            }
            written.Add(name);
            foreach (var code in codes)
            {
                file.Add(name, code, NormalName(who.NameOf(code) ?? name), IsCombinationGroup(who, code) ? "yes" : "",
                    string.Join(' ', who.RoutesOf(code)), source.File, source.Line.ToString(CultureInfo.InvariantCulture),
                    who.LineOf(code).ToString(CultureInfo.InvariantCulture));
            }
        }
        return (file, written);
    }

    // D07XA01 hydrocortisone sits in "corticosteroids, other combinations": a plain hydrocortisone cream is D07AA02.
    private static bool IsCombinationGroup(WhoAtcIndex who, string code) =>
        new[] { code[..4], code[..5] }.Any(g => who.NameOf(g)?.Contains("COMBINATION", StringComparison.OrdinalIgnoreCase) == true);

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
