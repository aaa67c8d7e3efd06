namespace CareSequencing;

/// <summary>
/// The result of one evaluation: ranked next-step proposals, alerts ordered by severity and
/// warnings about the input, each proposal and alert with its explanation. Immutable.
/// </summary>
/// <remarks>This is decision support: proposals for a clinician to weigh, never orders.</remarks>
public sealed class Advice
{
    internal Advice(
        string? patientId,
        DateTimeOffset evaluatedAt,
        DateOnly asOf,
        string language,
        IReadOnlyList<PackReference> packs,
        IReadOnlyList<Proposal> proposals,
        IReadOnlyList<Alert> alerts,
        IReadOnlyList<AdviceWarning> warnings,
        IReadOnlyList<RuleFault>? faults = null,
        IReadOnlyList<UncheckedCode>? @unchecked = null)
    {
        Faults = faults ?? [];
        Unchecked = @unchecked is null or { Count: 0 } ? [] : [.. @unchecked.Where(u => u is not null)];
        PatientId = patientId;
        EvaluatedAt = evaluatedAt;
        AsOf = asOf;
        Language = language;
        Packs = packs;
        Proposals = proposals;
        Alerts = alerts;
        Warnings = warnings;
    }

    /// <summary>The patient identifier given in the context, if any.</summary>
    public string? PatientId { get; }

    /// <summary>When the evaluation ran, from the injected <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset EvaluatedAt { get; }

    /// <summary>The date rule status, effective periods, age and durations were computed for.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The language of every text in this advice (<c>en</c> or <c>fr</c>).</summary>
    public string Language { get; }

    /// <summary>The rule packs used, each with id, version and content hash.</summary>
    public IReadOnlyList<PackReference> Packs { get; }

    /// <summary>Next-step proposals, best first; blocked and declined ones come last.</summary>
    public IReadOnlyList<Proposal> Proposals { get; }

    /// <summary>Alerts, most severe first.</summary>
    public IReadOnlyList<Alert> Alerts { get; }

    /// <summary>
    /// What could not be used or checked: in the patient context (CSQ3xxx), and rules that could not be
    /// evaluated (CSQ1042, one per entry of <see cref="Faults"/>, after the others).
    /// </summary>
    public IReadOnlyList<AdviceWarning> Warnings { get; }

    /// <summary>
    /// Rules and interaction entries whose condition failed while running for this patient, in a stable
    /// order (pack, version, rule id). Each was skipped and every other rule ran; empty when none failed.
    /// A non-empty list means the advice is incomplete: silence about what a faulty rule checks is not
    /// an all-clear. A host that would rather fail sets <see cref="EvaluationSettings.ThrowOnRuleFault"/>.
    /// </summary>
    public IReadOnlyList<RuleFault> Faults { get; }

    /// <summary>
    /// Medications and conditions the host sent that were not checked, because no code the rules read could be found
    /// for them (from <see cref="PatientContext.Unchecked"/>: an RxNorm or SNOMED CT code no translator knew), in the
    /// order met; empty when everything was read. A medication here was left out of every interaction check: a
    /// non-empty list means the advice is incomplete. Unlike <see cref="Warnings"/>, each entry carries the patient's
    /// code and display, to be shown to the clinician, never logged.
    /// </summary>
    public IReadOnlyList<UncheckedCode> Unchecked { get; }
}

/// <summary>Identifies one loaded rule pack version.</summary>
/// <param name="Id">Pack id.</param>
/// <param name="Version">Semantic version.</param>
/// <param name="Sha256">SHA-256 of the pack's content, lower-case hex.</param>
/// <param name="ReleaseDate">The pack version's release date, from its manifest.</param>
public sealed record PackReference(string Id, string Version, string Sha256, DateOnly ReleaseDate)
{
    /// <summary><c>id@version</c>.</summary>
    public override string ToString() => $"{Id}@{Version}";
}

/// <summary>The four rule families.</summary>
public enum RuleFamily
{
    /// <summary>Phase ordering: which therapeutic step comes next.</summary>
    Sequencing,
    /// <summary>Redundant or incompatible modalities, patient preferences.</summary>
    Compatibility,
    /// <summary>A psychiatric disorder with a substance-use disorder.</summary>
    DoubleDiagnosis,
    /// <summary>Drug-drug and drug-condition interactions.</summary>
    Interaction,
}

/// <summary>Alert severity, most severe first.</summary>
public enum AlertSeverity
{
    /// <summary>Must not be combined.</summary>
    Contraindicated,
    /// <summary>Avoid or manage actively.</summary>
    Major,
    /// <summary>Monitor or adjust.</summary>
    Moderate,
    /// <summary>Informational, non-interruptive.</summary>
    Minor,
}

/// <summary>Whether a proposal stands or was held back.</summary>
public enum ProposalStatus
{
    /// <summary>Proposed to the clinician.</summary>
    Proposed,
    /// <summary>Held back by a contraindicated alert; see <see cref="Explanation.WhyNot"/>.</summary>
    Blocked,
    /// <summary>Held back because the patient declined this therapy.</summary>
    Declined,
}

/// <summary>A ranked next step.</summary>
public sealed class Proposal
{
    internal Proposal(int rank, string ruleId, RuleFamily family, string action, string? therapy,
        ProposalStatus status, string title, ScoreBreakdown score, Explanation explanation)
    {
        Rank = rank;
        RuleId = ruleId;
        Family = family;
        Action = action;
        Therapy = therapy;
        Status = status;
        Title = title;
        Score = score;
        Explanation = explanation;
    }

    /// <summary>The same proposal with another explanation (what was assumed added after ranking).</summary>
    internal Proposal With(Explanation explanation) => new(Rank, RuleId, Family, Action, Therapy, Status, Title, Score, explanation);

    /// <summary>1 for the best proposal.</summary>
    public int Rank { get; }

    /// <summary>The rule that proposed it.</summary>
    public string RuleId { get; }

    /// <summary>The rule's family.</summary>
    public RuleFamily Family { get; }

    /// <summary>Action code, e.g. <c>start-psychotherapy:cbt</c>.</summary>
    public string Action { get; }

    /// <summary>The therapy kind the action starts, if any.</summary>
    public string? Therapy { get; }

    /// <summary>Proposed, or held back and why.</summary>
    public ProposalStatus Status { get; }

    /// <summary>Localised title.</summary>
    public string Title { get; }

    /// <summary>The ranking score and its parts.</summary>
    public ScoreBreakdown Score { get; }

    /// <summary>Why it was proposed (or held back), with sources.</summary>
    public Explanation Explanation { get; }
}

/// <summary>
/// The ranking score of a proposal: <c>Total = Priority + PhaseFit + Preference + AlertPenalty</c>.
/// </summary>
/// <param name="Priority">The rule's priority, 0 to 100.</param>
/// <param name="PhaseFit">+10 when the current phase is one the action fits, −10 when it is not, 0 when unknown.</param>
/// <param name="Preference">+15 when the patient prefers the therapy, otherwise 0.</param>
/// <param name="AlertPenalty">−30 for an involved major alert, −15 for moderate, 0 otherwise.</param>
public sealed record ScoreBreakdown(int Priority, int PhaseFit, int Preference, int AlertPenalty)
{
    /// <summary>The sum of the parts.</summary>
    public int Total => Priority + PhaseFit + Preference + AlertPenalty;
}

/// <summary>A safety alert.</summary>
public sealed class Alert
{
    internal Alert(string ruleId, RuleFamily family, AlertSeverity severity, IReadOnlyList<string> codes,
        string title, string management, Explanation explanation, IReadOnlyList<MergedAlert>? merged = null)
    {
        Merged = merged ?? [];
        RuleId = ruleId;
        Family = family;
        Severity = severity;
        Codes = codes;
        Title = title;
        Management = management;
        Explanation = explanation;
    }

    /// <summary>The same alert with another explanation (what was assumed added after the check).</summary>
    internal Alert With(Explanation explanation) => new(RuleId, Family, Severity, Codes, Title, Management, explanation, Merged);

    /// <summary>The rule or interaction entry that raised it.</summary>
    public string RuleId { get; }

    /// <summary>The rule's family.</summary>
    public RuleFamily Family { get; }

    /// <summary>Severity.</summary>
    public AlertSeverity Severity { get; }

    /// <summary>The patient's codes involved (ATC, ICD-10).</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>Localised title.</summary>
    public string Title { get; }

    /// <summary>Localised management advice.</summary>
    public string Management { get; }

    /// <summary>Why it fired, with sources.</summary>
    public Explanation Explanation { get; }

    /// <summary>
    /// Other interaction entries that fired for exactly the same medications, merged into this alert
    /// (their sources are in <see cref="Explanation"/>); ordered by severity, then rule id. Empty when none.
    /// </summary>
    public IReadOnlyList<MergedAlert> Merged { get; }
}

/// <summary>Why a proposal or alert was produced: rule, pack, matched facts, sources.</summary>
public sealed class Explanation
{
    internal Explanation(string ruleId, string ruleTitle, PackReference pack, string text,
        IReadOnlyList<MatchedFact> matchedFacts, IReadOnlyList<SourceAttribution> sources,
        IReadOnlyList<string> whyNot, RuleAttributes attributes, IReadOnlyList<string>? assumptions = null)
    {
        Assumptions = assumptions ?? [];
        Attributes = attributes;
        RuleId = ruleId;
        RuleTitle = ruleTitle;
        Pack = pack;
        Text = text;
        MatchedFacts = matchedFacts;
        Sources = sources;
        WhyNot = whyNot;
    }

    /// <summary>The same explanation with <paramref name="more"/> assumptions added after its own, each once.</summary>
    internal Explanation WithAssumptions(IEnumerable<string> more) =>
        new(RuleId, RuleTitle, Pack, Text, MatchedFacts, Sources, WhyNot, Attributes, [.. Assumptions.Concat(more).Distinct(StringComparer.Ordinal)]);

    /// <summary>The rule id.</summary>
    public string RuleId { get; }

    /// <summary>The rule's localised title.</summary>
    public string RuleTitle { get; }

    /// <summary>The pack the rule came from.</summary>
    public PackReference Pack { get; }

    /// <summary>Localised explanation text, placeholders filled from the matched facts.</summary>
    public string Text { get; }

    /// <summary>The facts the rule's condition looked at, with the patient's values.</summary>
    public IReadOnlyList<MatchedFact> MatchedFacts { get; }

    /// <summary>Bibliographic sources of the rule.</summary>
    public IReadOnlyList<SourceAttribution> Sources { get; }

    /// <summary>Developer, funding, release and revision dates of the rule (ONC §170.315(a)(9) source attributes).</summary>
    public RuleAttributes Attributes { get; }

    /// <summary>For a held-back or demoted proposal, the reasons (localised).</summary>
    public IReadOnlyList<string> WhyNot { get; }

    /// <summary>
    /// What the patient's data did not record and was assumed so that the rule could apply (localised),
    /// e.g. a medication without a form taken as the form the entry names. Missing data never silences
    /// a rule; it is stated here. Empty when nothing was assumed.
    /// </summary>
    public IReadOnlyList<string> Assumptions { get; }
}

/// <summary>Who made a rule and when: the source attributes decision-support certification asks to show.</summary>
/// <param name="Developer">Who developed the rule pack.</param>
/// <param name="Funding">Funding source, when known.</param>
/// <param name="ReleaseDate">Release date of the pack version.</param>
/// <param name="RevisionDate">When the rule was last revised (the release date when not stated).</param>
public sealed record RuleAttributes(string Developer, string? Funding, DateOnly ReleaseDate, DateOnly RevisionDate);

/// <summary>One fact the rule looked at and the patient's values for it.</summary>
/// <param name="Fact">Kind of fact: <c>condition</c>, <c>medication</c>, <c>therapy</c>, <c>flag</c>, <c>phase</c>, <c>age</c>...</param>
/// <param name="Query">What the rule asked for, e.g. the code class <c>F10</c>.</param>
/// <param name="Values">The patient's matching values; empty when the fact is absent.</param>
public sealed record MatchedFact(string Fact, string Query, IReadOnlyList<string> Values);

/// <summary>A bibliographic source, as decision-support certification asks (citation, publisher, date).</summary>
/// <param name="Citation">Bibliographic citation.</param>
/// <param name="Url">Where to read it.</param>
/// <param name="Publisher">Developer or publisher.</param>
/// <param name="Year">Year of publication.</param>
public sealed record SourceAttribution(string Citation, string? Url, string? Publisher, int? Year);

/// <summary>Something in the input that could not be used or checked. Never hidden.</summary>
/// <param name="Code">Stable code, e.g. <c>CSQ3001</c>.</param>
/// <param name="Path">Where in the patient context, e.g. <c>medications[1].code</c>; for a rule that could not be evaluated (CSQ1042), its rule id.</param>
/// <param name="Message">What it means for the advice, in the advice's language (English when read before evaluation).</param>
public sealed record AdviceWarning(string Code, string Path, string Message)
{
    // Warnings raised while reading input keep their catalogue sentence, so the evaluation renders them in its language.
    internal AdviceWarning(string code, string path, Model.MessageText message)
        : this(code, path, message.ToString())
    {
        Text = message;
    }

    internal Model.MessageText? Text { get; init; }

    /// <summary>The same warning with its message in <paramref name="language"/>; unchanged when it was not made by this library.</summary>
    internal AdviceWarning Localize(string language) => Text is null ? this : this with { Message = Text.Render(language) };
}
