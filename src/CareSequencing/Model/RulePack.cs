using System.Collections.Immutable;

namespace CareSequencing.Model;

/// <summary>A loaded, validated rule pack: manifest plus rules. Immutable.</summary>
internal sealed record RulePack(
    PackReference Reference,
    string Directory,
    LocalizedText Title,
    LocalizedText Description,
    string Publisher,
    string Developer,
    string? Funding,
    DateOnly ReleaseDate,
    ImmutableArray<RuleDefinition> Rules,
    ImmutableArray<InteractionEntry> Interactions,
    ImmutableArray<CodeUsage> Codes,
    bool SampledCoverage = false)
{
    public RuleAttributes AttributesOf(RuleBase rule) =>
        new(Developer, Funding, ReleaseDate, rule.Revised ?? ReleaseDate);
}

/// <summary>A clinical code written in a pack, with the rule that writes it and where.</summary>
internal sealed record CodeUsage(string Code, CodeSystem System, string? RuleId, SourceLocation Location);

internal enum CodeSystem
{
    Atc,
    Icd10,
    /// <summary>A letter and two digits in a list that takes both systems (alert codes): <c>N05</c> or <c>G40</c>.</summary>
    AtcOrIcd10,
}

internal enum RuleStatus
{
    Draft,
    Active,
    Retired,
}

/// <summary>Inclusive validity window of a rule; either end may be open.</summary>
internal sealed record EffectivePeriod(DateOnly? From, DateOnly? Until)
{
    public static readonly EffectivePeriod Always = new(null, null);

    public bool Contains(DateOnly date) => (From is null || date >= From) && (Until is null || date <= Until);
}

/// <summary>What every rule and interaction entry has in common.</summary>
internal abstract record RuleBase(
    string Id,
    RuleFamily Family,
    RuleStatus Status,
    LocalizedText Title,
    EffectivePeriod Effective,
    ImmutableArray<SourceAttribution> Sources,
    SourceLocation Location,
    DateOnly? Revised);

/// <summary>An expression rule: a condition and one outcome.</summary>
internal sealed record RuleDefinition(
    string Id,
    RuleFamily Family,
    RuleStatus Status,
    LocalizedText Title,
    EffectivePeriod Effective,
    ImmutableArray<SourceAttribution> Sources,
    SourceLocation Location,
    DateOnly? Revised,
    string Condition,
    ExpressionOrigin ConditionOrigin,
    ProposalOutcome? Proposal,
    AlertOutcome? Alert)
    : RuleBase(Id, Family, Status, Title, Effective, Sources, Location, Revised);

internal sealed record ProposalOutcome(
    string Action,
    int Priority,
    string? Therapy,
    ImmutableArray<string> Codes,
    ImmutableArray<string> Phases,
    LocalizedText Text);

internal sealed record AlertOutcome(
    AlertSeverity Severity,
    ImmutableArray<string> Codes,
    ImmutableArray<string> Actions,
    LocalizedText Text,
    LocalizedText Management);

/// <summary>One row of an interaction table: two drug sides and what their combination means.</summary>
internal sealed record InteractionEntry(
    string Id,
    RuleStatus Status,
    LocalizedText Title,
    EffectivePeriod Effective,
    ImmutableArray<SourceAttribution> Sources,
    SourceLocation Location,
    DateOnly? Revised,
    InteractionSide A,
    InteractionSide B,
    AlertSeverity Severity,
    LocalizedText Mechanism,
    LocalizedText Management)
    : RuleBase(Id, RuleFamily.Interaction, Status, Title, Effective, Sources, Location, Revised);

/// <summary>
/// One side of an interaction: ATC codes or classes, and optionally the pharmaceutical forms it is
/// limited to where the source says the form matters (<c>oral</c> stands for every oral form).
/// </summary>
internal sealed record InteractionSide(ImmutableArray<string> Codes, LocalizedText Label, ImmutableArray<string> Forms)
{
    // A medication without a recorded form is accepted (the safer reading: a missed contraindication
    // costs more than a needless alert); the caller states the assumption with RequiresAssumedForm.
    public bool AcceptsForm(string? form, bool isOral) =>
        Forms.IsEmpty || form is null || Forms.Contains(form) || (isOral && Forms.Contains("oral"));

    /// <summary>True when this side names forms and the medication has none recorded: it matched by assumption.</summary>
    public bool RequiresAssumedForm(string? form) => !Forms.IsEmpty && form is null;
}
