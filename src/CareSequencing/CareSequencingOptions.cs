using System.Reflection;

namespace CareSequencing;

/// <summary>Options of the DI registration (<c>services.AddCareSequencing(...)</c>); validated at start-up.</summary>
public sealed class CareSequencingOptions
{
    /// <summary>Folders holding rule packs (a pack folder, or a folder of packs). With <see cref="PackSources"/>, at least one source in all.</summary>
    public IList<string> PackPaths { get; } = [];

    /// <summary>
    /// More pack sources, loaded after <see cref="PackPaths"/>: folders, or packs embedded in an assembly
    /// (<see cref="AddEmbeddedPacks"/>).
    /// </summary>
    public IList<RulePackSource> PackSources { get; } = [];

    /// <summary>
    /// Pinned pack versions, pack id → exact semantic version. A pinned pack loads at that version or start-up
    /// fails (<c>CSQ1027</c>); a folder may hold several versions side by side and the pinned one is selected;
    /// a reload that would change a pinned version is refused.
    /// </summary>
    public IDictionary<string, string> PackVersions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Size and count limits of the pack reader (files, rules, bytes, YAML nesting and nodes); a pack that crosses one
    /// fails start-up, or a reload, with <c>CSQ1017</c>. Each must be greater than zero. Default: <see cref="PackLoadLimits.Default"/>;
    /// raise one with e.g. <c>options.PackLimits = PackLoadLimits.Default with { MaxRulesPerPack = 100_000 }</c>.
    /// </summary>
    public PackLoadLimits PackLimits { get; set; } = PackLoadLimits.Default;

    /// <summary>Default language of the advice: <c>en</c> or <c>fr</c>.</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// The date every evaluation is made as of (rule status and effective periods, age, durations), for hosts
    /// that replay past decisions. Null (the default): the current UTC date from the time provider.
    /// </summary>
    public DateOnly? EvaluationDate { get; set; }

    /// <summary>The clock of the evaluator and the reloads; null (the default) uses the registered <see cref="System.TimeProvider"/>, or the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Run draft rules too. For rule authors' test hosts only.</summary>
    public bool IncludeDraftRules { get; set; }

    /// <summary>
    /// Throw <see cref="RuleEvaluationException"/> when a rule fails while running (see
    /// <see cref="EvaluationSettings.ThrowOnRuleFault"/>). Off by default: the rule is skipped, every other
    /// rule runs, and the advice reports it in <see cref="Advice.Faults"/>.
    /// </summary>
    public bool ThrowOnRuleFault { get; set; }

    /// <summary>
    /// The ATC codes the host recognises, e.g. <c>AtcVocabulary.Load("atc-index.csv")</c> from the WHO
    /// ATC/DDD index the host licenses: a well-formed medication code not in it is reported (CSQ3011).
    /// Null (the default) checks codes for form only.
    /// </summary>
    public AtcVocabulary? AtcVocabulary { get; set; }

    /// <summary>
    /// Watch the pack folders and reload on change (<see cref="WatchingRuleSetSource"/>); a change with
    /// errors is refused and the running rules keep serving. Off by default: the rules load once.
    /// </summary>
    public bool WatchForChanges { get; set; }

    /// <summary>Quiet period after the last file change before a reload, when <see cref="WatchForChanges"/> is on.</summary>
    public TimeSpan ReloadDebounce { get; set; } = WatchingRuleSetSource.DefaultDebounce;

    /// <summary>Adds the packs embedded in <paramref name="assembly"/> under a resource-name prefix (see <see cref="RulePackSource.Embedded"/>).</summary>
    /// <param name="assembly">The assembly holding the packs, e.g. <c>typeof(Program).Assembly</c>.</param>
    /// <param name="prefix">The resource-name prefix, e.g. <c>rules</c>.</param>
    /// <returns>These options.</returns>
    public CareSequencingOptions AddEmbeddedPacks(Assembly assembly, string prefix)
    {
        PackSources.Add(RulePackSource.Embedded(assembly, prefix));
        return this;
    }

    /// <summary>Pins a pack to an exact version (see <see cref="PackVersions"/>).</summary>
    /// <param name="packId">The pack id, e.g. <c>drug-interactions</c>.</param>
    /// <param name="version">The exact version, e.g. <c>1.1.0</c>.</param>
    /// <returns>These options.</returns>
    public CareSequencingOptions PinPackVersion(string packId, string version)
    {
        ArgumentNullException.ThrowIfNull(packId);
        ArgumentNullException.ThrowIfNull(version);
        PackVersions[packId] = version;
        return this;
    }

    /// <summary>Every source in load order: <see cref="PackPaths"/>, then <see cref="PackSources"/>.</summary>
    internal IReadOnlyList<RulePackSource> AllSources() =>
        [.. PackPaths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(RulePackSource.Folder), .. PackSources];
}
