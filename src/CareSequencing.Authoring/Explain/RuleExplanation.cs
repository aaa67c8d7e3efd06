namespace CareSequencing.Authoring.Explain;

/// <summary>
/// Why one rule fired or did not for one patient, for rule authors: its status, its condition
/// node by node (or its interaction sides) with the patient's values, and where its proposal or
/// alert ranked. Immutable; built by <see cref="RuleExplainer"/>.
/// </summary>
public sealed record RuleExplanation
{
    /// <summary>The rule or interaction entry id.</summary>
    public required string RuleId { get; init; }

    /// <summary>Localised title.</summary>
    public required string Title { get; init; }

    /// <summary>An expression rule (<see cref="Condition"/>) or an interaction table entry (<see cref="Interaction"/>).</summary>
    public required ExplainedRuleKind Kind { get; init; }

    /// <summary>The rule's family.</summary>
    public required RuleFamily Family { get; init; }

    /// <summary>The pack the rule belongs to.</summary>
    public required PackReference Pack { get; init; }

    /// <summary>Where the rule is written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The rule's status in its pack.</summary>
    public required ExplainedRuleStatus Status { get; init; }

    /// <summary>First day the rule is in effect, if limited.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>Last day the rule is in effect, if limited.</summary>
    public DateOnly? EffectiveUntil { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Language of the titles and reasons (<c>en</c> or <c>fr</c>).</summary>
    public required string Language { get; init; }

    /// <summary>Whether draft rules were run.</summary>
    public required bool IncludeDraftRules { get; init; }

    /// <summary>What the engine did with the rule for this patient.</summary>
    public required RuleVerdict Verdict { get; init; }

    /// <summary>Every reason the engine would not run the rule (empty when it runs), missing facts included.</summary>
    public required IReadOnlyList<NotRunReason> NotRunReasons { get; init; }

    /// <summary>What the rule produces when it fires.</summary>
    public required RuleOutcome Outcome { get; init; }

    /// <summary>For an expression rule, its condition's trace.</summary>
    public ConditionTrace? Condition { get; init; }

    /// <summary>For an interaction entry, which medications matched each side.</summary>
    public InteractionTrace? Interaction { get; init; }

    /// <summary>When the rule fired with a proposal: its rank and what ranked above or held it back.</summary>
    public ProposalRanking? ProposalRanking { get; init; }

    /// <summary>When the rule fired with an alert: its position and the proposals it concerns.</summary>
    public AlertRanking? AlertRanking { get; init; }

    /// <summary>
    /// When this rule's condition failed while running: the fault, as the advice reports it (CSQ1042);
    /// the engine skipped the rule and ran the others. With <see cref="EvaluationSettings.ThrowOnRuleFault"/>,
    /// the failure of any rule, and no ranking is then available.
    /// </summary>
    public string? EvaluationError { get; init; }

    /// <summary>What could not be used in the patient input (the advice's warnings).</summary>
    public required IReadOnlyList<AdviceWarning> Warnings { get; init; }

    /// <summary>
    /// What the rule's advice assumed, as the advice states it (<see cref="Explanation.Assumptions"/>): a form not
    /// recorded, a code read from an RxNorm name or as a broader ICD-10 parent. Empty when it did not fire or assumed nothing.
    /// </summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];
}

/// <summary>The two kinds of rules.</summary>
public enum ExplainedRuleKind
{
    /// <summary>A rule with a <c>when</c> condition.</summary>
    Expression,
    /// <summary>A row of an interaction table.</summary>
    Interaction,
}

/// <summary>A rule's status in its pack.</summary>
public enum ExplainedRuleStatus
{
    /// <summary>Runs only when draft rules are included.</summary>
    Draft,
    /// <summary>Runs.</summary>
    Active,
    /// <summary>Never runs.</summary>
    Retired,
}

/// <summary>What the engine did with the rule.</summary>
public enum RuleVerdict
{
    /// <summary>The rule ran and fired.</summary>
    Fired,
    /// <summary>The rule ran and did not fire.</summary>
    NotFired,
    /// <summary>The rule was not run; see <see cref="RuleExplanation.NotRunReasons"/>.</summary>
    NotRun,
    /// <summary>The rule's condition failed while running (the engine skips it and reports it in <see cref="Advice.Faults"/>).</summary>
    Failed,
}

/// <summary>Why the engine would not run a rule.</summary>
public enum NotRunReason
{
    /// <summary>A draft rule, and draft rules are not included.</summary>
    Draft,
    /// <summary>A retired rule.</summary>
    Retired,
    /// <summary>The evaluation date is before the rule's effective period.</summary>
    NotYetEffective,
    /// <summary>The evaluation date is after the rule's effective period.</summary>
    NoLongerEffective,
    /// <summary>The condition reads the age, and the patient's age is unknown.</summary>
    AgeUnknown,
    /// <summary>The condition reads the current phase, and it is unknown.</summary>
    PhaseUnknown,
}

/// <summary>What a rule produces when it fires.</summary>
/// <param name="Type"><c>proposal</c> or <c>alert</c>.</param>
/// <param name="Action">For a proposal, its action code.</param>
/// <param name="Priority">For a proposal, its priority.</param>
/// <param name="Therapy">For a proposal, the therapy kind it starts, if any.</param>
/// <param name="Severity">For an alert, its severity.</param>
public sealed record RuleOutcome(string Type, string? Action, int? Priority, string? Therapy, AlertSeverity? Severity);

/// <summary>A rule's condition, evaluated node by node.</summary>
/// <param name="Text">The condition as written.</param>
/// <param name="Location">Where it starts.</param>
/// <param name="Root">Its tree.</param>
public sealed record ConditionTrace(string Text, SourceLocation Location, ConditionNode Root);

/// <summary>
/// One node of a condition: an <c>&amp;&amp;</c> or <c>||</c> chain, a <c>!</c>, a comparison, an
/// arithmetic operation, or a leaf (a <c>facts</c> helper or property).
/// </summary>
public sealed record ConditionNode
{
    /// <summary>What the node is.</summary>
    public required ConditionNodeKind Kind { get; init; }

    /// <summary>The operator (<c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, <c>&gt;=</c>, <c>+</c>...); empty for leaves.</summary>
    public required string Operator { get; init; }

    /// <summary>The node's source text, on one line; a rendering of the node when <see cref="IsSourceText"/> is false.</summary>
    public required string Text { get; init; }

    /// <summary>True when <see cref="Text"/> is the span of the rule's source it was parsed from.</summary>
    public required bool IsSourceText { get; init; }

    /// <summary>Offset of the span in the condition text; null when not located.</summary>
    public int? Offset { get; init; }

    /// <summary>Length of the span in the condition text; null when not located.</summary>
    public int? Length { get; init; }

    /// <summary>Where the span starts in the rule file; null when not located.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The node's value for this patient: a boolean, a number or a string; null on error.</summary>
    public object? Value { get; init; }

    /// <summary>True when the value stands for a fact the patient file does not give (age <c>-1</c>, phase <c>""</c>).</summary>
    public bool ValueIsUnknownFact { get; init; }

    /// <summary>When computing the value failed, the exception's type name.</summary>
    public string? Error { get; init; }

    /// <summary>False when the real run does not evaluate this node (short-circuit); its value is still computed.</summary>
    public required bool Reached { get; init; }

    /// <summary>For a helper call, the patient's values it looked at (those that made it true, or the near misses).</summary>
    public MatchedFact? Fact { get; init; }

    /// <summary>Sub-expressions in source order; literals are left out.</summary>
    public required IReadOnlyList<ConditionNode> Children { get; init; }
}

/// <summary>The kinds of condition nodes.</summary>
public enum ConditionNodeKind
{
    /// <summary><c>a &amp;&amp; b &amp;&amp; ...</c>: true when every child is.</summary>
    AllOf,
    /// <summary><c>a || b || ...</c>: true when any child is.</summary>
    AnyOf,
    /// <summary><c>!a</c>.</summary>
    Not,
    /// <summary><c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</summary>
    Comparison,
    /// <summary><c>+</c>, <c>-</c>, <c>*</c>, <c>/</c>, <c>%</c>.</summary>
    Arithmetic,
    /// <summary><c>test ? a : b</c>.</summary>
    Conditional,
    /// <summary>A <c>facts</c> helper call such as <c>facts.HasMedication("N06AB")</c>.</summary>
    Helper,
    /// <summary>A <c>facts</c> property such as <c>facts.Age</c>.</summary>
    Fact,
    /// <summary>A literal.</summary>
    Literal,
    /// <summary>Anything else (string members, conversions the parser added).</summary>
    Other,
}

/// <summary>An interaction entry's two sides against the patient's medications.</summary>
/// <param name="A">Side <c>a</c>.</param>
/// <param name="B">Side <c>b</c>.</param>
/// <param name="Severity">The entry's severity.</param>
/// <param name="SidesMatch">Two different active medications match <c>a</c> and <c>b</c>.</param>
/// <param name="SameMedicationOnly">The only match is one medication matching both sides (not an interaction).</param>
public sealed record InteractionTrace(InteractionSideTrace A, InteractionSideTrace B, AlertSeverity Severity, bool SidesMatch, bool SameMedicationOnly);

/// <summary>One side of an interaction entry and the patient's medications under its codes.</summary>
/// <param name="Label">The side's localised label.</param>
/// <param name="Codes">Its ATC codes or classes.</param>
/// <param name="Forms">The forms it is limited to; empty for every form.</param>
/// <param name="Medications">The patient's medications under its codes, active first, in file order.</param>
public sealed record InteractionSideTrace(string Label, IReadOnlyList<string> Codes, IReadOnlyList<string> Forms, IReadOnlyList<MedicationCandidate> Medications)
{
    /// <summary>At least one medication matches the side.</summary>
    public bool Matched => Medications.Any(m => m.Matched);
}

/// <summary>A patient medication whose code falls under an interaction side's codes.</summary>
/// <param name="Display">Name and code as in explanations, e.g. <c>sertraline (N06AB06)</c>.</param>
/// <param name="Code">Its ATC code.</param>
/// <param name="SideCode">The side's code it falls under.</param>
/// <param name="Form">Its pharmaceutical form, when given.</param>
/// <param name="Status">Its status; only active medications count.</param>
/// <param name="FormAccepted">The side accepts its form.</param>
public sealed record MedicationCandidate(string Display, string Code, string SideCode, string? Form, MedicationStatus Status, bool FormAccepted)
{
    /// <summary>The medication counts for the side: active, and of an accepted form.</summary>
    public bool Matched => Status == MedicationStatus.Active && FormAccepted;
}

/// <summary>How an alert bears on a proposal.</summary>
public enum AlertEffect
{
    /// <summary>A contraindicated alert: the proposal is held back.</summary>
    Blocks,
    /// <summary>The most severe major or moderate alert: the proposal loses points.</summary>
    Demotes,
    /// <summary>Concerns the proposal, but a more severe alert decides.</summary>
    None,
}

/// <summary>Where a fired rule's proposal ranked, and why.</summary>
public sealed record ProposalRanking
{
    /// <summary>1 for the best proposal.</summary>
    public required int Rank { get; init; }

    /// <summary>How many proposals the evaluation produced.</summary>
    public required int Count { get; init; }

    /// <summary>Proposed, blocked or declined.</summary>
    public required ProposalStatus Status { get; init; }

    /// <summary>The ranking score and its parts.</summary>
    public required ScoreBreakdown Score { get; init; }

    /// <summary>The proposals ranked above it, best first.</summary>
    public required IReadOnlyList<RankedProposalSummary> RankedAbove { get; init; }

    /// <summary>The alerts that concern it, most severe first.</summary>
    public required IReadOnlyList<InvolvedAlert> Alerts { get; init; }

    /// <summary>When the patient declined its therapy: the declined kind that covers it.</summary>
    public string? DeclinedTherapy { get; init; }

    /// <summary>The engine's reasons, as in the advice (localised).</summary>
    public required IReadOnlyList<string> WhyNot { get; init; }
}

/// <summary>A proposal of the same evaluation.</summary>
/// <param name="Rank">Its rank.</param>
/// <param name="RuleId">The rule that proposed it.</param>
/// <param name="Title">Its localised title.</param>
/// <param name="Status">Proposed, blocked or declined.</param>
/// <param name="Score">Its total score.</param>
public sealed record RankedProposalSummary(int Rank, string RuleId, string Title, ProposalStatus Status, int Score);

/// <summary>An alert that concerns a proposal.</summary>
/// <param name="RuleId">The rule or interaction entry.</param>
/// <param name="Title">Its localised title.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Raised">True when raised by this evaluation; false when the proposal's own codes would start it.</param>
/// <param name="Effect">What it does to the proposal.</param>
public sealed record InvolvedAlert(string RuleId, string Title, AlertSeverity Severity, bool Raised, AlertEffect Effect);

/// <summary>Where a fired rule's alert stands among the alerts, and the proposals it concerns.</summary>
/// <param name="Position">1 for the first (most severe) alert.</param>
/// <param name="Count">How many alerts the evaluation raised.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Codes">The patient's codes it names.</param>
/// <param name="RankedAbove">The alerts listed before it.</param>
/// <param name="Affects">The proposals it concerns, in rank order.</param>
public sealed record AlertRanking(int Position, int Count, AlertSeverity Severity, IReadOnlyList<string> Codes,
    IReadOnlyList<RankedAlertSummary> RankedAbove, IReadOnlyList<AffectedProposal> Affects);

/// <summary>An alert of the same evaluation.</summary>
/// <param name="Position">Its position.</param>
/// <param name="RuleId">The rule or entry that raised it.</param>
/// <param name="Title">Its localised title.</param>
/// <param name="Severity">Its severity.</param>
public sealed record RankedAlertSummary(int Position, string RuleId, string Title, AlertSeverity Severity);

/// <summary>A proposal an alert concerns.</summary>
/// <param name="Rank">The proposal's rank.</param>
/// <param name="RuleId">The rule that proposed it.</param>
/// <param name="Status">Its status.</param>
/// <param name="Effect">What the alert does to it.</param>
public sealed record AffectedProposal(int Rank, string RuleId, ProposalStatus Status, AlertEffect Effect);
