namespace CareSequencing.Authoring.Import.Terminology;

/// <summary>The reviewed input tables built into the tool (sources in <c>Import/Terminology/Data/</c>).</summary>
internal static class Embedded
{
    /// <summary>The data rows (header skipped) of a built-in table, or of the host's replacement, with their line numbers.</summary>
    public static IReadOnlyList<DelimitedRow> Rows(string name, string? replacement)
    {
        if (replacement is not null) return DelimitedText.ReadTsv(replacement);
        using var stream = typeof(Embedded).Assembly.GetManifestResourceStream("CareSequencing.Authoring.Import.Terminology." + name)
            ?? throw new InvalidOperationException($"resource {name} missing from the assembly");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var rows = new List<DelimitedRow>();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (line == 1 || text.Length == 0) continue;
            rows.Add(new DelimitedRow(line, text.Split('\t')));
        }
        return rows;
    }
}
