using System.Text;

namespace CareSequencing.Authoring.Import.Terminology;

/// <summary>
/// The WHO ICD-10 code list (DIMDI/BfArM meta-data layout, <c>;</c>-separated): codes with their line, and titles to
/// check the reviewed tables against. Titles are read for checking only: their licence is not cleared for shipping.
/// </summary>
internal sealed class WhoIcd10List
{
    public const string FilePrefix = "who-icd10-codes";

    private WhoIcd10List(string fileName, IReadOnlyList<(string Code, int Line)> codes, Dictionary<string, string> titles)
    {
        FileName = fileName;
        Codes = codes;
        _titles = titles;
    }

    private readonly Dictionary<string, string> _titles;

    public string FileName { get; }

    /// <summary>Every code (3 or 4 characters, dotted), in file order, with its line.</summary>
    public IReadOnlyList<(string Code, int Line)> Codes { get; }

    public bool Contains(string code) => _titles.ContainsKey(code);

    public string? TitleOf(string code) => _titles.GetValueOrDefault(code);

    public static WhoIcd10List Load(string path)
    {
        var codes = new List<(string, int)>();
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            line++;
            if (line == 1 || raw.Length == 0) continue;
            var cells = raw.TrimEnd('\r').Split(';');
            if (cells.Length < 9) throw new FormatException($"{Path.GetFileName(path)}:{line}: expected the ICD-10 meta-data columns");
            var code = cells[6].Trim();
            if (titles.TryAdd(code, cells[8].Trim())) codes.Add((code, line));
        }
        if (codes.Count == 0) throw new FormatException($"{Path.GetFileName(path)}: no code");
        return new WhoIcd10List(Path.GetFileName(path), codes, titles);
    }
}
