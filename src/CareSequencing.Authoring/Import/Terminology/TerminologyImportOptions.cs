namespace CareSequencing.Authoring.Import.Terminology;

/// <summary>Inputs of <see cref="TerminologyImport.Run"/>. Every default gives the committed maps again.</summary>
internal sealed class TerminologyImportOptions
{
    /// <summary>The folder of public terminology data (<c>../shared/data/terminology</c>): the CPIC table, the WHO ICD-10 list, the WHO ATC index.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The WHO ATC/DDD index CSV. Default: the newest <c>who-atc-ddd-*.csv</c> in the data folder. Read, never shipped.</summary>
    public string? AtcIndexPath { get; init; }

    /// <summary>The ATC codes the packs use, with their WHO names (<c>rules/reference/atc-codes.tsv</c>): the names that may ship.</summary>
    public required string AtcNamesPath { get; init; }

    /// <summary>A reviewed synonym table replacing the one built into the tool (<c>us_name, who_name, source</c>).</summary>
    public string? SynonymsPath { get; init; }

    /// <summary>A reviewed ICD-10-CM exceptions table replacing the built-in one (<c>cm_code, who_code, source</c>).</summary>
    public string? ExceptionsPath { get; init; }

    /// <summary>A reviewed SNOMED CT → ICD-10 starter map replacing the built-in one.</summary>
    public string? SnomedPath { get; init; }

    /// <summary>The edition written in every file and cited by the runtime; bump it when the output changes.</summary>
    public string Edition { get; init; } = TerminologyImport.DefaultEdition;
}
