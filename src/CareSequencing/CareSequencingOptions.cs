namespace CareSequencing;

/// <summary>Options of the DI registration (<c>services.AddCareSequencing(...)</c>); validated at start-up.</summary>
public sealed class CareSequencingOptions
{
    /// <summary>Folders holding rule packs (a pack folder, or a folder of packs). At least one.</summary>
    public IList<string> PackPaths { get; } = [];

    /// <summary>Default language of the advice: <c>en</c> or <c>fr</c>.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Run draft rules too. For rule authors' test hosts only.</summary>
    public bool IncludeDraftRules { get; set; }
}
