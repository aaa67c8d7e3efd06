using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>
/// Imports the ANSM <i>Thésaurus des interactions médicamenteuses</i> into an interaction pack: one
/// entry per thésaurus row, class sides expanded to their members' ATC codes, every entry citing the
/// edition and the row, and every row or name that could not be mapped reported in <c>unmapped.tsv</c>.
/// The same inputs always give the same bytes.
/// </summary>
public static partial class AnsmThesaurusImport
{
    /// <summary>The pack id written.</summary>
    public const string PackId = "drug-interactions-ansm";

    /// <summary>The version of the pack this importer writes by default; bumped with every change to its output.</summary>
    public const string DefaultPackVersion = "1.0.0";

    /// <summary>The release date written by default, with <see cref="DefaultPackVersion"/>.</summary>
    public static readonly DateOnly DefaultReleaseDate = new(2026, 12, 7);

    private const string ThesaurusUrl = "https://ansm.sante.fr/documents/reference/thesaurus-des-interactions-medicamenteuses-1";
    private const string Publisher = "Agence nationale de sécurité du médicament et des produits de santé (ANSM)";
    private const int MaxRuleFileChars = 400_000;

    /// <summary>Runs the import; nothing is written (see <see cref="ImportResult.WriteTo"/>).</summary>
    /// <exception cref="FileNotFoundException">An input file is missing.</exception>
    /// <exception cref="FormatException">An input file is not in the expected layout.</exception>
    public static ImportResult Run(AnsmImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = options.DataFolder;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"data folder not found: {folder}");
        var editions = AnsmThesaurusData.Editions(folder);
        var edition = options.Edition ?? (editions.Count > 0 ? editions[^1] : throw new FileNotFoundException("no ansm-thesaurus-YYYY-MM-interactions.scossin.tsv in the data folder"));
        var data = AnsmThesaurusData.Load(folder, edition);
        var who = WhoAtcIndex.Load(options.AtcIndexPath ?? FindAtcIndex(folder));
        var worldVistaPath = Path.Combine(folder, AnsmThesaurusData.NameAtcFile);
        if (!File.Exists(worldVistaPath)) throw new FileNotFoundException($"missing input file {AnsmThesaurusData.NameAtcFile}", worldVistaPath);
        var supplement = SubstanceResolver.ReadSupplement("ansm-substance-atc-supplement.tsv",
            options.SupplementPath is { } s ? File.ReadAllLines(s) : Embedded.Lines("ansm-substance-atc-supplement.tsv"), who);
        var classNames = ReadClassNames(options.ClassNamesPath is { } c ? File.ReadAllLines(c) : Embedded.Lines("ansm-class-names-en.tsv"));
        var resolver = new SubstanceResolver(who, supplement, SubstanceResolver.ReadWorldVista(worldVistaPath));

        var builder = new EntryBuilder(data, who, resolver, classNames);
        var entries = new List<Entry>();
        var unmapped = new List<UnmappedItem>();
        foreach (var pair in data.Pairs)
        {
            if (builder.Build(pair, unmapped) is { } entry) entries.Add(entry);
        }
        unmapped.AddRange(builder.UnmappedMembers());
        unmapped.Sort((x, y) =>
        {
            var byKind = string.CompareOrdinal(x.Kind, y.Kind);
            if (byKind != 0) return byKind;
            var byFile = string.CompareOrdinal(x.File, y.File);
            return byFile != 0 ? byFile : x.Line != y.Line ? x.Line.CompareTo(y.Line) : string.CompareOrdinal(x.Item + x.Context, y.Item + y.Context);
        });

        var files = new List<ImportedFile> { new("pack.yaml", PackYaml(options, data, who)) };
        files.AddRange(RuleFiles(entries));
        files.Add(new("substances.tsv", SubstancesTsv(resolver, who)));
        files.Add(new("unmapped.tsv", UnmappedTsv(unmapped)));
        var bySeverity = entries.GroupBy(e => e.Severity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        files.Add(new("IMPORT.md", ImportReport(options, data, who, entries, unmapped, bySeverity, folder)));
        return new ImportResult(files, data.Pairs.Count, entries.Count, unmapped, bySeverity);
    }

    /// <summary>The newest <c>who-atc-ddd-*.csv</c> in <c>../terminology</c>, the layout of the project's shared data.</summary>
    private static string FindAtcIndex(string dataFolder)
    {
        var terminology = Path.Combine(Path.GetFullPath(dataFolder), "..", "terminology");
        var found = Directory.Exists(terminology)
            ? Directory.EnumerateFiles(terminology, "who-atc-ddd-*.csv").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return found ?? throw new FileNotFoundException("the WHO ATC index is needed (--atc-index FILE): none found in ../terminology beside the data folder");
    }

    private static Dictionary<string, string> ReadClassNames(IEnumerable<string> lines)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length >= 2 && cells[0].Length > 0 && cells[1].Trim().Length > 0) names.TryAdd(cells[0], cells[1].Trim());
        }
        return names;
    }

    internal sealed record Entry(string Id, string Letter, string Severity, string Yaml);

    private static string PackYaml(AnsmImportOptions options, AnsmThesaurusData data, WhoAtcIndex who)
    {
        var (month, year) = EditionWords(data.Edition);
        var sb = new StringBuilder();
        sb.Append("# yaml-language-server: $schema=../schema/pack.schema.json\n");
        sb.Append("# Generated by `caresequencing import ansm` (src/CareSequencing.Authoring/Import/Ansm): do not edit by hand, rerun the import.\n");
        sb.Append("schemaVersion: 1\n");
        sb.Append("id: ").Append(PackId).Append('\n');
        sb.Append("version: ").Append(YamlText.Bare(options.PackVersion)).Append('\n');
        sb.Append("title: ").Append(YamlText.Localized(
            $"Drug interactions: ANSM thésaurus ({month.En} {year} edition)",
            $"Interactions médicamenteuses : thésaurus de l'ANSM (édition {month.Fr} {year})")).Append('\n');
        sb.Append("description:\n");
        sb.Append("  en: ").Append(YamlText.Quote(
            $"The ANSM Thésaurus des interactions médicamenteuses, {month.En} {year} edition, one entry per pair, class sides expanded to ATC codes through the thésaurus class index; ATC codes checked against the WHO ATC/DDD index ({who.Edition}). Levels: contre-indication → contraindicated, association déconseillée → major, précaution d'emploi → moderate, à prendre en compte → minor (non-interruptive). CAVEAT: this edition must be checked against the current ANSM edition before clinical use; English texts are templates, the French ANSM text is the reference.")).Append('\n');
        sb.Append("  fr: ").Append(YamlText.Quote(
            $"Le Thésaurus des interactions médicamenteuses de l'ANSM, édition {month.Fr} {year}, une entrée par couple, les classes développées en codes ATC par l'index des classes du thésaurus ; codes ATC vérifiés dans l'index ATC/DDD de l'OMS ({who.Edition}). Niveaux : contre-indication → contraindicated, association déconseillée → major, précaution d'emploi → moderate, à prendre en compte → minor (non interruptif). AVERTISSEMENT : cette édition doit être comparée à l'édition en vigueur de l'ANSM avant tout usage clinique.")).Append('\n');
        sb.Append("publisher: ").Append(YamlText.Quote(Publisher)).Append('\n');
        sb.Append("developer: ").Append(YamlText.Quote("CareSequencing clinical content team (import of the ANSM thésaurus)")).Append('\n');
        sb.Append("scenarioCoverage: sampled\n");
        sb.Append("releaseDate: ").Append(options.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("sources:\n");
        Source(sb, "ansm-thesaurus", $"ANSM. Thésaurus des interactions médicamenteuses, {month.Fr} {year}. Levels defined in its introduction: contre-indication (absolute), association déconseillée (usually to be avoided), précaution d'emploi (possible with the recommendations), à prendre en compte (risk exists, no practical recommendation).", ThesaurusUrl, Publisher, year);
        Source(sb, "scossin-imthesaurusansm", $"Structured copy of the thésaurus (pairs, class members, substance index), files CSVfiles/thesaurusAout2016.csv and the class and substance indexes, github scossin/IMthesaurusANSM (data files only; the repository's code is GPL-3 and is not used).", "https://github.com/scossin/IMthesaurusANSM", "Sébastien Cossin", null);
        Source(sb, "worldvista-ansm-atc", "WorldVistA drug-interaction work on the ANSM thésaurus: ATC codes for the thésaurus substance names (ansm-thesaurus-2016-en-substance-atc).", "https://github.com/WorldVistA", "WorldVistA", null);
        Source(sb, "who-atc-index", $"WHO Collaborating Centre for Drug Statistics Methodology. ATC/DDD Index ({who.Edition}), used to check every ATC code and to map names; read from a user-supplied file, not redistributed.", "https://atcddd.fhi.no/atc_ddd_index/", "WHO Collaborating Centre for Drug Statistics Methodology", null);
        return sb.ToString();
    }

    private static void Source(StringBuilder sb, string id, string citation, string url, string publisher, int? year)
    {
        sb.Append("  - id: ").Append(id).Append('\n');
        sb.Append("    citation: ").Append(YamlText.Quote(citation)).Append('\n');
        sb.Append("    url: ").Append(url).Append('\n');
        sb.Append("    publisher: ").Append(YamlText.Quote(publisher)).Append('\n');
        if (year is { } y) sb.Append("    year: ").Append(y.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    internal static ((string En, string Fr) Month, int Year) EditionWords(string edition)
    {
        var year = int.Parse(edition.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(edition.AsSpan(5, 2), CultureInfo.InvariantCulture);
        string[] en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        string[] fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
        return ((en[month - 1], fr[month - 1]), year);
    }

    /// <summary>Entries grouped by the first letter of their first side, split where a file would grow large.</summary>
    private static IEnumerable<ImportedFile> RuleFiles(List<Entry> entries)
    {
        foreach (var group in entries.GroupBy(e => e.Letter).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var chunks = new List<List<Entry>> { new() };
            var size = 0;
            foreach (var entry in group)
            {
                if (size + entry.Yaml.Length > MaxRuleFileChars && chunks[^1].Count > 0)
                {
                    chunks.Add([]);
                    size = 0;
                }
                chunks[^1].Add(entry);
                size += entry.Yaml.Length;
            }
            for (var i = 0; i < chunks.Count; i++)
            {
                var name = chunks.Count == 1 ? $"ansm-{group.Key}.yaml" : $"ansm-{group.Key}-{i + 1}.yaml";
                var sb = new StringBuilder();
                sb.Append("# yaml-language-server: $schema=../../schema/rule-file.schema.json\n");
                sb.Append("# Generated by `caresequencing import ansm`: do not edit by hand, rerun the import (see ../IMPORT.md).\n");
                sb.Append("interactions:\n");
                foreach (var entry in chunks[i]) sb.Append(entry.Yaml);
                yield return new ImportedFile("rules/" + name, sb.ToString());
            }
        }
    }

    private static string SubstancesTsv(SubstanceResolver resolver, WhoAtcIndex who)
    {
        var sb = new StringBuilder("ansm_name\tatc_codes\tmethod\twho_atc_names\tnote\n");
        foreach (var m in resolver.Resolved)
        {
            sb.Append(m.Name).Append('\t').Append(string.Join(' ', m.Codes)).Append('\t').Append(m.Method).Append('\t')
              .Append(string.Join(" | ", m.Codes.Select(c => who.NameOf(c) ?? "").Distinct(StringComparer.Ordinal))).Append('\t')
              .Append(m.Note).Append('\n');
        }
        return sb.ToString();
    }

    private static string UnmappedTsv(List<UnmappedItem> unmapped)
    {
        var sb = new StringBuilder("kind\tfile\tline\titem\tcontext\treason\n");
        foreach (var u in unmapped)
        {
            sb.Append(u.Kind).Append('\t').Append(u.File).Append('\t').Append(u.Line.ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(u.Item).Append('\t').Append(u.Context).Append('\t').Append(u.Reason).Append('\n');
        }
        return sb.ToString();
    }

    private static string ImportReport(AnsmImportOptions options, AnsmThesaurusData data, WhoAtcIndex who, List<Entry> entries,
        List<UnmappedItem> unmapped, Dictionary<string, int> bySeverity, string folder)
    {
        var rows = unmapped.Count(u => u.Kind == "row");
        var sb = new StringBuilder();
        sb.Append("# ANSM thésaurus import\n\n");
        sb.Append("Generated by `caresequencing import ansm --data DIR --out DIR` (src/CareSequencing.Authoring/Import/Ansm); rerunning it on the same\n");
        sb.Append("inputs gives these files byte for byte. Scenarios (`scenarios/`) are the authors' own and are not written by the import.\n\n");
        sb.Append("**Caveat:** edition ").Append(data.Edition).Append(" of the thésaurus; check it against the current ANSM edition before clinical use.\n\n");
        sb.Append("| inputs | SHA-256 |\n|---|---|\n");
        foreach (var file in data.InputFiles.Append(AnsmThesaurusData.NameAtcFile))
            sb.Append("| `").Append(file).Append("` | `").Append(Sha256(Path.Combine(folder, file))).Append("` |\n");
        sb.Append("| WHO ATC index `").Append(who.FileName).Append("` (read, not copied) | `").Append(Sha256(options.AtcIndexPath ?? FindAtcIndex(folder))).Append("` |\n\n");
        var percent = data.Pairs.Count == 0 ? 0 : 100.0 * entries.Count / data.Pairs.Count;
        sb.Append(CultureInfo.InvariantCulture, $"Rows read: {data.Pairs.Count}. Entries written: {entries.Count} ({percent:0.0} %). Rows not imported: {rows}. ");
        sb.Append(CultureInfo.InvariantCulture, $"Class members left out of a class side: {unmapped.Count(u => u.Kind == "class-member")}. Each is listed in `unmapped.tsv` with its reason; every name's mapping is in `substances.tsv`.\n\n");
        sb.Append("| severity | ANSM level | entries |\n|---|---|---|\n");
        foreach (var level in Enum.GetValues<AnsmLevel>())
        {
            var word = AnsmLevels.SeverityWord(AnsmLevels.Severity(level));
            sb.Append("| ").Append(word).Append(" | ").Append(AnsmLevels.French(level)).Append(" | ")
              .Append(bySeverity.GetValueOrDefault(word).ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        }
        sb.Append("\nA row with several levels (set by dose or history) gets the most severe; its texts name all of them.\n");
        return sb.ToString();
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Lower-case ASCII slug of a thésaurus name, for stable entry ids.</summary>
    internal static string Slug(string name)
    {
        var folded = AnsmThesaurusData.Fold(name).ToLowerInvariant();
        var slug = NonAlphanumeric().Replace(folded, "-").Trim('-');
        if (slug.Length > 40) slug = slug[..40].TrimEnd('-');
        return slug.Length == 0 ? "x" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();
}
