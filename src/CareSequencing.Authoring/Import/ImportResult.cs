namespace CareSequencing.Authoring.Import;

/// <summary>One file an import writes, as a path relative to the output folder and its exact text.</summary>
/// <param name="RelativePath">Path below the output folder, with <c>/</c> separators.</param>
/// <param name="Content">The file's text (UTF-8 without BOM, LF line ends when written).</param>
public sealed record ImportedFile(string RelativePath, string Content);

/// <summary>Something of the source an import could not bring into the pack, with the reason.</summary>
/// <param name="Kind"><c>row</c> (a whole source row not imported), <c>class-member</c> (a class member left out of a class side) or <c>name</c>.</param>
/// <param name="File">The source file the item comes from.</param>
/// <param name="Line">Its line in that file (the header is line 1).</param>
/// <param name="Item">What it is: <c>SIDE 1 + SIDE 2</c> for a row, the member name for a class member.</param>
/// <param name="Context">For a class member, the class; for a row, its level.</param>
/// <param name="Reason">Why it could not be imported.</param>
public sealed record UnmappedItem(string Kind, string File, int Line, string Item, string Context, string Reason);

/// <summary>What an import produced: the pack's files, counts, and everything it could not map. Immutable.</summary>
public sealed class ImportResult
{
    internal ImportResult(IReadOnlyList<ImportedFile> files, int rowsRead, int entriesWritten, IReadOnlyList<UnmappedItem> unmapped,
        IReadOnlyDictionary<string, int> entriesBySeverity)
    {
        Files = files;
        RowsRead = rowsRead;
        EntriesWritten = entriesWritten;
        Unmapped = unmapped;
        EntriesBySeverity = entriesBySeverity;
    }

    /// <summary>The files of the pack, in the order they are written.</summary>
    public IReadOnlyList<ImportedFile> Files { get; }

    /// <summary>Source rows read.</summary>
    public int RowsRead { get; }

    /// <summary>Entries written to the pack (one per imported row).</summary>
    public int EntriesWritten { get; }

    /// <summary>Entries per severity word (<c>contraindicated</c>, <c>major</c>, <c>moderate</c>, <c>minor</c>).</summary>
    public IReadOnlyDictionary<string, int> EntriesBySeverity { get; }

    /// <summary>Rows and names not imported, with reasons (also written as <c>unmapped.tsv</c>).</summary>
    public IReadOnlyList<UnmappedItem> Unmapped { get; }

    /// <summary>
    /// Writes the files below <paramref name="folder"/> and removes generated rule files of an earlier run
    /// that this run no longer writes; anything else there (the authors' scenarios) is left alone.
    /// </summary>
    public void WriteTo(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var rules = Path.Combine(folder, "rules");
        if (Directory.Exists(rules))
        {
            var written = Files.Select(f => Path.GetFullPath(Path.Combine(folder, f.RelativePath))).ToHashSet(StringComparer.Ordinal);
            foreach (var old in Directory.EnumerateFiles(rules, GeneratedRulePattern))
            {
                if (!written.Contains(Path.GetFullPath(old))) File.Delete(old);
            }
        }
        foreach (var file in Files)
        {
            var path = Path.Combine(folder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content.ReplaceLineEndings("\n"), new System.Text.UTF8Encoding(false));
        }
    }

    internal const string GeneratedRulePattern = "ansm-*.yaml";
}
