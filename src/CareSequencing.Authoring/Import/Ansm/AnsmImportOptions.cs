namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>Inputs of <see cref="AnsmThesaurusImport.Run"/>. Every default gives the committed pack again.</summary>
public sealed class AnsmImportOptions
{
    /// <summary>The folder with the thésaurus files (<c>ansm-thesaurus-YYYY-MM-*.tsv</c>) and the WorldVistA name table.</summary>
    public required string DataFolder { get; init; }

    /// <summary>
    /// The WHO ATC/DDD index CSV, the authority on codes and names. Default: the newest
    /// <c>who-atc-ddd-*.csv</c> in <c>../terminology</c> beside the data folder. It is read, never copied.
    /// </summary>
    public string? AtcIndexPath { get; init; }

    /// <summary>The edition of the pairs to import (<c>YYYY-MM</c>). Default: the newest with a pairs file.</summary>
    public string? Edition { get; init; }

    /// <summary>A reviewed name → ATC table replacing the one built into the tool (same columns).</summary>
    public string? SupplementPath { get; init; }

    /// <summary>A class-name translation table replacing the one built into the tool (<c>ansm_class\ten</c>).</summary>
    public string? ClassNamesPath { get; init; }

    /// <summary>The pack's version; bump it when the output changes.</summary>
    public string PackVersion { get; init; } = AnsmThesaurusImport.DefaultPackVersion;

    /// <summary>The pack's release date.</summary>
    public DateOnly ReleaseDate { get; init; } = AnsmThesaurusImport.DefaultReleaseDate;
}
