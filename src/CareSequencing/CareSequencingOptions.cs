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

    /// <summary>
    /// Watch the pack folders and reload on change (<see cref="WatchingRuleSetSource"/>); a change with
    /// errors is refused and the running rules keep serving. Off by default: the rules load once.
    /// </summary>
    public bool WatchForChanges { get; set; }

    /// <summary>Quiet period after the last file change before a reload, when <see cref="WatchForChanges"/> is on.</summary>
    public TimeSpan ReloadDebounce { get; set; } = WatchingRuleSetSource.DefaultDebounce;
}
