using System.Text;

namespace CareSequencing.Authoring.Import;

/// <summary>One data line of a delimited file, with its 1-based line number in the file (the header is line 1).</summary>
internal sealed record DelimitedRow(int Line, IReadOnlyList<string> Cells)
{
    public string this[int index] => index < Cells.Count ? Cells[index] : "";
}

/// <summary>
/// Readers for the plain tab-separated and comma-separated files of the reference data. The
/// tab-separated files quote nothing (a quote is text); the WHO CSV quotes names that hold commas.
/// </summary>
internal static class DelimitedText
{
    /// <summary>The data rows of a tab-separated file, header skipped; surrounding quotes of a cell are removed when <paramref name="unquote"/>.</summary>
    public static IReadOnlyList<DelimitedRow> ReadTsv(string path, bool unquote = false)
    {
        var rows = new List<DelimitedRow>();
        var line = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            line++;
            if (line == 1) continue;
            var text = raw.TrimEnd('\r');
            if (text.Length == 0) continue;
            var cells = text.Split('\t');
            if (unquote)
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    var cell = cells[i];
                    if (cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"') cells[i] = cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
                }
            }
            rows.Add(new DelimitedRow(line, cells));
        }
        return rows;
    }

    /// <summary>The data rows of an RFC 4180 CSV file whose records hold no line breaks, header skipped.</summary>
    public static IReadOnlyList<DelimitedRow> ReadCsv(string path)
    {
        var rows = new List<DelimitedRow>();
        var line = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            line++;
            if (line == 1) continue;
            var text = raw.TrimEnd('\r');
            if (text.Length == 0) continue;
            rows.Add(new DelimitedRow(line, SplitCsv(text)));
        }
        return rows;
    }

    private static List<string> SplitCsv(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
