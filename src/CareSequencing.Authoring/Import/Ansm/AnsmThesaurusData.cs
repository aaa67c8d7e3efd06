using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>
/// One row of the thésaurus: a pair of protagonists (substances or classes), the text that starts with
/// the level, the mechanism, and the conduct (the level columns CI/AD/PE/PC hold it when the PDF gave
/// one; empty otherwise), with the row's line in the file.
/// </summary>
internal sealed record AnsmPair(int Line, string First, string Second, string Description, string Mechanism, string Conduct);

/// <summary>
/// The thésaurus files of one edition in a data folder: the pairs, the members of each class and the
/// accented substance and class names of the index. File names follow <c>ansm-thesaurus-YYYY-MM-*</c>.
/// </summary>
internal sealed partial class AnsmThesaurusData
{
    public const string PairsSuffix = "-interactions.scossin.tsv";
    public const string MembersSuffix = "-class-members.scossin.tsv";
    public const string IndexSuffix = "-substance-class-index.scossin.tsv";
    public const string NameAtcFile = "ansm-thesaurus-2016-en-substance-atc.worldvista.tsv";

    private AnsmThesaurusData(string edition, IReadOnlyList<AnsmPair> pairs, IReadOnlyDictionary<string, SortedDictionary<string, int>> classes,
        IReadOnlyDictionary<string, string> accented, IReadOnlyList<string> inputFiles)
    {
        Edition = edition;
        Pairs = pairs;
        Classes = classes;
        Accented = accented;
        InputFiles = inputFiles;
    }

    /// <summary><c>YYYY-MM</c>.</summary>
    public string Edition { get; }

    public IReadOnlyList<AnsmPair> Pairs { get; }

    /// <summary>Class name (as the pairs spell it) → member substance names (same spelling, ordinal order) with their line in the members file.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, int>> Classes { get; }

    /// <summary>The members file name, for the report of unmapped members.</summary>
    public string MembersFile => InputFiles[1];

    /// <summary>The pairs file name, cited by every entry.</summary>
    public string PairsFile => InputFiles[0];

    /// <summary>Upper-case unaccented name → the index's accented, lower-case spelling.</summary>
    public IReadOnlyDictionary<string, string> Accented { get; }

    /// <summary>The files read, as paths relative to the data folder, for the provenance record.</summary>
    public IReadOnlyList<string> InputFiles { get; }

    /// <summary>Editions that have a pairs file in <paramref name="folder"/>, newest last.</summary>
    public static IReadOnlyList<string> Editions(string folder) =>
        [.. Directory.EnumerateFiles(folder, "ansm-thesaurus-*" + PairsSuffix)
            .Select(f => EditionPattern().Match(Path.GetFileName(f)))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];

    public static AnsmThesaurusData Load(string folder, string edition)
    {
        var prefix = "ansm-thesaurus-" + edition;
        var pairsFile = Require(folder, prefix + PairsSuffix);
        var membersFile = Require(folder, prefix + MembersSuffix);
        var indexFile = Path.Combine(folder, prefix + IndexSuffix);
        var inputs = new List<string> { Path.GetFileName(pairsFile), Path.GetFileName(membersFile) };

        var pairs = new List<AnsmPair>();
        foreach (var row in DelimitedText.ReadTsv(pairsFile))
        {
            if (row.Cells.Count < 5) throw new FormatException($"{Path.GetFileName(pairsFile)}:{row.Line}: expected 9 tab-separated columns, found {row.Cells.Count}");
            var conduct = new[] { row[5], row[6], row[7], row[8] }.Select(Clean).FirstOrDefault(c => c.Length > 0) ?? "";
            pairs.Add(new AnsmPair(row.Line, row[0].Trim(), row[1].Trim(), Clean(row[2]), FooterPattern().Replace(Clean(row[4]), ""), conduct));
        }
        var classes = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var row in DelimitedText.ReadTsv(membersFile, unquote: true))
        {
            var member = row[0].Trim();
            var family = row[1].Trim();
            if (member.Length == 0 || family.Length == 0) continue;
            if (!classes.TryGetValue(family, out var members)) classes[family] = members = new(StringComparer.Ordinal);
            members.TryAdd(member, row.Line);
        }
        var accented = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(indexFile))
        {
            inputs.Add(Path.GetFileName(indexFile));
            foreach (var row in DelimitedText.ReadTsv(indexFile, unquote: true))
            {
                foreach (var name in new[] { row[0].Trim(), row[1].Trim() })
                {
                    if (name.Length > 0) accented.TryAdd(Fold(name), name);
                }
            }
        }
        return new AnsmThesaurusData(edition, pairs, classes, accented, inputs);
    }

    /// <summary>Upper case without diacritics: the spelling the pairs and class members use.</summary>
    public static string Fold(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    // Cells end with stray spaces where the PDF parser cut them; runs of spaces are one.
    private static string Clean(string text) => SpacesPattern().Replace(text, " ").Trim();

    private static string Require(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"missing input file {name}", name);
    }

    [GeneratedRegex(@"^ansm-thesaurus-([0-9]{4}-[0-9]{2})-interactions\.scossin\.tsv$", RegexOptions.CultureInvariant)]
    private static partial Regex EditionPattern();

    // The PDF's running footer, which the parser left at the end of some mechanisms (60 rows of 2016-08).
    [GeneratedRegex(@"\s*Thesaurus des interactions medicamenteuses$", RegexOptions.CultureInvariant)]
    private static partial Regex FooterPattern();

    [GeneratedRegex(" {2,}", RegexOptions.CultureInvariant)]
    private static partial Regex SpacesPattern();
}
