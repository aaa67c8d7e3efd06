namespace CareSequencing.Authoring.Diff;

/// <summary>What <see cref="PackDiff.Compare"/> found between two rule folders. Immutable.</summary>
public sealed class RuleSetDiff
{
    internal RuleSetDiff(IReadOnlyList<PackChanges> packs) => Packs = packs;

    /// <summary>One entry per pack id found on either side, in ordinal id order.</summary>
    public IReadOnlyList<PackChanges> Packs { get; }

    /// <summary>Every warning, pack by pack.</summary>
    public IReadOnlyList<PackDiffWarning> Warnings => [.. Packs.SelectMany(p => p.Warnings)];

    /// <summary>True when any pack, rule, entry or scenario advice differs.</summary>
    public bool HasChanges => Packs.Any(p => p.HasChanges);
}

/// <summary>How a pack as a whole compares.</summary>
public enum PackChangeStatus
{
    /// <summary>Same version and same content hash.</summary>
    Unchanged,
    /// <summary>Version or content differs.</summary>
    Changed,
    /// <summary>Only in NEW.</summary>
    Added,
    /// <summary>Only in OLD.</summary>
    Removed,
}

/// <summary>How one pack changed from OLD to NEW.</summary>
public sealed class PackChanges
{
    internal PackChanges(string id, PackReference? old, PackReference? @new, IReadOnlyList<FieldChange> manifest,
        IReadOnlyList<RuleSummary> added, IReadOnlyList<RuleSummary> removed, IReadOnlyList<RuleChange> changed,
        ScenarioChanges scenarios, IReadOnlyList<PackDiffWarning> warnings)
    {
        Id = id;
        Old = old;
        New = @new;
        Manifest = manifest;
        Added = added;
        Removed = removed;
        Changed = changed;
        Scenarios = scenarios;
        Warnings = warnings;
    }

    /// <summary>The pack id.</summary>
    public string Id { get; }

    /// <summary>The pack in OLD (id, version, hash, release date); null when added.</summary>
    public PackReference? Old { get; }

    /// <summary>The pack in NEW; null when removed.</summary>
    public PackReference? New { get; }

    /// <summary>Added, removed, changed (version or content) or unchanged.</summary>
    public PackChangeStatus Status => (Old, New) switch
    {
        (null, _) => PackChangeStatus.Added,
        (_, null) => PackChangeStatus.Removed,
        var (o, n) when string.Equals(o.Version, n.Version, StringComparison.Ordinal) && !ContentChanged => PackChangeStatus.Unchanged,
        _ => PackChangeStatus.Changed,
    };

    /// <summary>True when both sides exist and their content hashes differ (any file of the pack but its scenarios).</summary>
    public bool ContentChanged => Old is not null && New is not null && !string.Equals(Old.Sha256, New.Sha256, StringComparison.Ordinal);

    /// <summary>Manifest fields that differ, other than the version (<c>title.en</c>, <c>releaseDate</c>, <c>publisher</c>...).</summary>
    public IReadOnlyList<FieldChange> Manifest { get; }

    /// <summary>Rules and entries only in NEW (all of them for an added pack), by id.</summary>
    public IReadOnlyList<RuleSummary> Added { get; }

    /// <summary>Rules and entries only in OLD (all of them for a removed pack), by id.</summary>
    public IReadOnlyList<RuleSummary> Removed { get; }

    /// <summary>Rules and entries in both whose fields differ, by id.</summary>
    public IReadOnlyList<RuleChange> Changed { get; }

    /// <summary>The pack's scenarios run against OLD and NEW.</summary>
    public ScenarioChanges Scenarios { get; }

    /// <summary>What a reviewer should not miss: content changed without a version bump, a version that went down.</summary>
    public IReadOnlyList<PackDiffWarning> Warnings { get; }

    /// <summary>True when anything differs.</summary>
    public bool HasChanges => Status != PackChangeStatus.Unchanged || Scenarios.AdviceChanged.Count > 0
        || Scenarios.OnlyInOld.Count > 0 || Scenarios.OnlyInNew.Count > 0;
}

/// <summary>A rule or entry named in a diff.</summary>
public sealed class RuleSummary
{
    internal RuleSummary(string id, RuleKind kind, RuleLifecycle status)
    {
        Id = id;
        Kind = kind;
        Status = status;
    }

    /// <summary>The id.</summary>
    public string Id { get; }

    /// <summary>Expression rule or interaction entry.</summary>
    public RuleKind Kind { get; }

    /// <summary>Its status (in NEW when added, in OLD when removed).</summary>
    public RuleLifecycle Status { get; }

    /// <summary><c>id (kind, status)</c>.</summary>
    public override string ToString() => $"{Id} ({AuthoringNames.Of(Kind)}, {AuthoringNames.Of(Status)})";
}

/// <summary>A rule or entry present on both sides whose fields differ.</summary>
public sealed class RuleChange
{
    internal RuleChange(string id, RuleKind kind, IReadOnlyList<FieldChange> fields)
    {
        Id = id;
        Kind = kind;
        Fields = fields;
    }

    /// <summary>The id.</summary>
    public string Id { get; }

    /// <summary>Its kind in NEW.</summary>
    public RuleKind Kind { get; }

    /// <summary>The fields that differ, in the order a rule file writes them.</summary>
    public IReadOnlyList<FieldChange> Fields { get; }
}

/// <summary>
/// One field that differs, named as the rule file writes it (<c>when</c>, <c>status</c>,
/// <c>alert.severity</c>, <c>proposal.text.fr</c>, <c>a.codes</c>, <c>sources</c>...). Lists of codes
/// compare as sets; a value is null where the field is absent.
/// </summary>
/// <param name="Field">The field.</param>
/// <param name="OldValue">Its value in OLD, normalised for comparison.</param>
/// <param name="NewValue">Its value in NEW, normalised for comparison.</param>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>A pack's scenarios (NEW's) evaluated against OLD's rules and NEW's.</summary>
public sealed class ScenarioChanges
{
    internal static readonly ScenarioChanges None = new(0, [], [], []);

    internal ScenarioChanges(int compared, IReadOnlyList<ScenarioAdviceChange> adviceChanged, IReadOnlyList<string> onlyInOld, IReadOnlyList<string> onlyInNew)
    {
        Compared = compared;
        AdviceChanged = adviceChanged;
        OnlyInOld = onlyInOld;
        OnlyInNew = onlyInNew;
    }

    /// <summary>How many of NEW's scenarios ran against both rule sets.</summary>
    public int Compared { get; }

    /// <summary>Scenarios whose advice differs, by name.</summary>
    public IReadOnlyList<ScenarioAdviceChange> AdviceChanged { get; }

    /// <summary>Scenario names only OLD has (not run).</summary>
    public IReadOnlyList<string> OnlyInOld { get; }

    /// <summary>Scenario names only NEW has (run against both like the others).</summary>
    public IReadOnlyList<string> OnlyInNew { get; }
}

/// <summary>A scenario whose advice differs between OLD's rules and NEW's.</summary>
/// <param name="Name">The scenario's file name without extension.</param>
/// <param name="Summary">
/// One line: proposals (<c>rule:action</c>) and alerts (rule id) that appear (<c>+</c>), disappear
/// (<c>-</c>) or change status, rank, score or severity (<c>~</c>), and whether warnings differ.
/// </param>
/// <param name="Diff">Line diff of the advice JSON (the snapshot without its pack list): <c>-</c> OLD, <c>+</c> NEW, two lines of context.</param>
public sealed record ScenarioAdviceChange(string Name, string Summary, string Diff);

/// <summary>Kinds of diff warning.</summary>
public enum PackDiffWarningKind
{
    /// <summary>The pack's content changed but its version did not.</summary>
    VersionNotBumped,
    /// <summary>NEW's version is lower than OLD's.</summary>
    VersionLowered,
}

/// <summary>A warning for the reviewer.</summary>
/// <param name="PackId">The pack.</param>
/// <param name="Kind">What kind.</param>
/// <param name="Message">Readable text, in English.</param>
public sealed record PackDiffWarning(string PackId, PackDiffWarningKind Kind, string Message)
{
    internal PackDiffWarning(string packId, PackDiffWarningKind kind, Model.MessageText message)
        : this(packId, kind, message.ToString())
    {
        Text = message;
    }

    internal Model.MessageText? Text { get; init; }

    /// <summary>The message in <paramref name="language"/> (<c>en</c>, <c>fr</c>; English for any other).</summary>
    /// <param name="language">A language code, e.g. <c>fr</c>.</param>
    /// <returns>The message.</returns>
    public string GetMessage(string language) => Text?.Render(language) ?? Message;

    /// <summary>Stable kebab-case code: <c>version-not-bumped</c> or <c>version-lowered</c>.</summary>
    public string Code => Kind == PackDiffWarningKind.VersionNotBumped ? "version-not-bumped" : "version-lowered";
}
