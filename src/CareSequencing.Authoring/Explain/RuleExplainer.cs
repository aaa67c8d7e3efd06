using CareSequencing.Compilation;
using CareSequencing.Evaluation;
using CareSequencing.Model;

namespace CareSequencing.Authoring.Explain;

/// <summary>
/// Explains one rule for one patient, for rule authors: whether the engine runs it, its condition
/// node by node (or its interaction sides) with the patient's values, and, when it fires, where its
/// proposal or alert ranks and what held it back. It runs the same pipeline as
/// <see cref="CareEvaluator"/>, so the verdict and the ranking are the engine's own.
/// </summary>
public static class RuleExplainer
{
    /// <summary>Explains a rule or interaction entry.</summary>
    /// <param name="ruleSet">The compiled rules.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="ruleId">The rule or interaction entry id.</param>
    /// <param name="settings">Language, evaluation date, draft rules; defaults when null.</param>
    /// <param name="timeProvider">Clock for today's date when <see cref="EvaluationSettings.AsOf"/> is not set.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="UnknownRuleException">No loaded rule or entry has this id.</exception>
    public static RuleExplanation Explain(CompiledRuleSet ruleSet, PatientContext patient, string ruleId,
        EvaluationSettings? settings = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(ruleId);
        settings ??= EvaluationSettings.Default;
        if (!Languages.IsSupported(settings.Language))
            throw new ArgumentException($"Language must be one of: {string.Join(", ", Languages.Supported)}.", nameof(settings));

        var rule = ruleSet.Rules.FirstOrDefault(r => string.Equals(r.Definition.Id, ruleId, StringComparison.Ordinal));
        var entry = rule is null ? ruleSet.Interactions.FirstOrDefault(i => string.Equals(i.Entry.Id, ruleId, StringComparison.Ordinal)) : null;
        if (rule is null && entry is null) throw new UnknownRuleException(ruleId, SuggestIds(ruleSet, ruleId));

        var asOf = settings.AsOf ?? DateOnly.FromDateTime((timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var context = new ExplainContext(ruleSet, patient, asOf, settings);
        return rule is not null ? context.ExplainRule(rule) : context.ExplainInteraction(entry!);
    }

    /// <summary>The loaded ids closest to <paramref name="ruleId"/>: those containing it, then those a few edits away.</summary>
    /// <param name="ruleSet">The compiled rules.</param>
    /// <param name="ruleId">An id that may be misspelt.</param>
    /// <param name="max">How many to return at most.</param>
    /// <returns>Up to <paramref name="max"/> ids, closest first.</returns>
    public static IReadOnlyList<string> SuggestIds(CompiledRuleSet ruleSet, string ruleId, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(ruleId);
        var query = ruleId.Trim().ToLowerInvariant();
        if (query.Length == 0) return [];
        var threshold = Math.Max(2, query.Length / 3);
        return ruleSet.Rules.Select(r => r.Definition.Id).Concat(ruleSet.Interactions.Select(i => i.Entry.Id))
            .Select(id => (Id: id, Lower: id.ToLowerInvariant()))
            .Select(c => (c.Id, Contains: c.Lower.Contains(query, StringComparison.Ordinal), Distance: Spelling.Distance(c.Lower, query)))
            .Where(c => c.Contains || c.Distance <= threshold)
            .OrderBy(c => c.Contains ? 0 : 1).ThenBy(c => c.Distance).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Id)
            .ToList();
    }

    /// <summary>One explanation's inputs and the engine's run over them.</summary>
    private sealed class ExplainContext
    {
        private readonly CompiledRuleSet _ruleSet;
        private readonly PatientContext _patient;
        private readonly DateOnly _asOf;
        private readonly EvaluationSettings _settings;
        private readonly EvaluationRun? _run;
        private readonly string? _failure;
        private readonly PatientFacts _facts;
        private readonly IReadOnlyList<AdviceWarning> _warnings;

        public ExplainContext(CompiledRuleSet ruleSet, PatientContext patient, DateOnly asOf, EvaluationSettings settings)
        {
            _ruleSet = ruleSet;
            _patient = patient;
            _asOf = asOf;
            _settings = settings;
            try
            {
                _run = AdviceEngine.Evaluate(ruleSet, patient, asOf, settings);
                _facts = _run.Facts;
                _warnings = _run.Warnings;
            }
            catch (RuleEvaluationException ex)
            {
                // Only with ThrowOnRuleFault: a failing rule stops the evaluation, so there is no ranking; the trace still shows the failing node.
                _failure = ex.Message;
                var warnings = new List<AdviceWarning>((patient.InputWarnings ?? []).Select(w => w.Localize(settings.Language)));
                _facts = PatientFactsBuilder.Build(patient, asOf, settings.Language, warnings, settings.AtcVocabulary);
                _warnings = warnings;
            }
        }

        private string Language => _settings.Language;

        // The engine skipped this rule and said so in the advice (CSQ1042): the explanation says the same.
        private string? FaultOf(string ruleId) =>
            _warnings.FirstOrDefault(w => w.Code == Loading.DiagnosticCodes.RuleFault && string.Equals(w.Path, ruleId, StringComparison.Ordinal))?.Message;

        public RuleExplanation ExplainRule(CompiledRule rule)
        {
            var definition = rule.Definition;
            var reasons = Reasons(definition);
            if (rule.Condition.NeedsAge && !_facts.HasKnownAge) reasons.Add(NotRunReason.AgeUnknown);
            if (rule.Condition.NeedsPhase && !_facts.HasKnownPhase) reasons.Add(NotRunReason.PhaseUnknown);
            var condition = ConditionTracer.Trace(rule, _facts);
            var verdict = reasons.Count > 0 ? RuleVerdict.NotRun
                : condition.Root.Error is not null ? RuleVerdict.Failed
                : (_run?.Fired.Any(f => ReferenceEquals(f, rule)) ?? condition.Root.Value is true) ? RuleVerdict.Fired
                : RuleVerdict.NotFired;
            var outcome = definition.Proposal is { } proposal
                ? new RuleOutcome("proposal", proposal.Action, proposal.Priority, proposal.Therapy, null)
                : new RuleOutcome("alert", null, null, null, definition.Alert!.Severity);
            var fired = verdict == RuleVerdict.Fired && _run is not null;
            return Base(definition, ExplainedRuleKind.Expression, rule.Pack, definition.Family, reasons, verdict, outcome) with
            {
                Condition = condition,
                ProposalRanking = fired && definition.Proposal is not null ? RankProposal(definition) : null,
                AlertRanking = fired && definition.Alert is not null ? RankAlert(definition.Id) : null,
            };
        }

        public RuleExplanation ExplainInteraction(CompiledInteraction interaction)
        {
            var entry = interaction.Entry;
            var reasons = Reasons(entry);
            var trace = InteractionTracer.Trace(interaction, _patient, _facts, Language);
            var verdict = reasons.Count > 0 ? RuleVerdict.NotRun
                : (_run?.Alerts.Any(a => a.Alert.RuleId == entry.Id) ?? trace.SidesMatch) ? RuleVerdict.Fired
                : RuleVerdict.NotFired;
            return Base(entry, ExplainedRuleKind.Interaction, interaction.Pack, RuleFamily.Interaction, reasons, verdict,
                new RuleOutcome("alert", null, null, null, entry.Severity)) with
            {
                Interaction = trace,
                AlertRanking = verdict == RuleVerdict.Fired && _run is not null ? RankAlert(entry.Id) : null,
            };
        }

        private RuleExplanation Base(RuleBase rule, ExplainedRuleKind kind, RulePack pack, RuleFamily family, List<NotRunReason> reasons,
            RuleVerdict verdict, RuleOutcome outcome) => new()
        {
            RuleId = rule.Id,
            Title = rule.Title.Get(Language),
            Kind = kind,
            Family = family,
            Pack = pack.Reference,
            Location = rule.Location,
            Status = rule.Status switch
            {
                RuleStatus.Draft => ExplainedRuleStatus.Draft,
                RuleStatus.Retired => ExplainedRuleStatus.Retired,
                _ => ExplainedRuleStatus.Active,
            },
            EffectiveFrom = rule.Effective.From,
            EffectiveUntil = rule.Effective.Until,
            AsOf = _asOf,
            Language = Language,
            IncludeDraftRules = _settings.IncludeDraftRules,
            Verdict = verdict,
            NotRunReasons = reasons,
            Outcome = outcome,
            EvaluationError = _failure ?? FaultOf(rule.Id),
            Warnings = _warnings,
            Assumptions = AssumptionsOf(rule.Id),
        };

        // The advice's own statement of what it assumed, for the rule's alert or proposal when it fired.
        private IReadOnlyList<string> AssumptionsOf(string ruleId)
        {
            if (_run is null) return [];
            foreach (var ranked in _run.Alerts)
            {
                if (string.Equals(ranked.Alert.RuleId, ruleId, StringComparison.Ordinal)) return ranked.Alert.Explanation.Assumptions;
            }
            foreach (var proposal in _run.Proposals)
            {
                if (string.Equals(proposal.RuleId, ruleId, StringComparison.Ordinal)) return proposal.Explanation.Assumptions;
            }
            return [];
        }

        // The same tests as AdviceEngine.IsRunnable, each kept as a reason.
        private List<NotRunReason> Reasons(RuleBase rule)
        {
            var reasons = new List<NotRunReason>();
            if (rule.Status == RuleStatus.Draft && !_settings.IncludeDraftRules) reasons.Add(NotRunReason.Draft);
            if (rule.Status == RuleStatus.Retired) reasons.Add(NotRunReason.Retired);
            if (rule.Effective.From is { } from && _asOf < from) reasons.Add(NotRunReason.NotYetEffective);
            if (rule.Effective.Until is { } until && _asOf > until) reasons.Add(NotRunReason.NoLongerEffective);
            return reasons;
        }

        private ProposalRanking RankProposal(RuleDefinition definition)
        {
            var run = _run!;
            var proposal = run.Proposals.First(p => p.RuleId == definition.Id);
            var outcome = definition.Proposal!;
            var involved = Involved(outcome);
            return new ProposalRanking
            {
                Rank = proposal.Rank,
                Count = run.Proposals.Length,
                Status = proposal.Status,
                Score = proposal.Score,
                RankedAbove = [.. run.Proposals.Where(p => p.Rank < proposal.Rank)
                    .Select(p => new RankedProposalSummary(p.Rank, p.RuleId, p.Title, p.Status, p.Score.Total))],
                Alerts = [.. involved.Select((a, i) => new InvolvedAlert(a.RuleId, a.Title, a.Severity,
                    Raised: run.Alerts.Any(r => r.Alert.RuleId == a.RuleId && r.Involves(outcome)), EffectOf(involved, i)))],
                DeclinedTherapy = outcome.Therapy is { } therapy ? _facts.DeclinedCovering(therapy) : null,
                WhyNot = proposal.Explanation.WhyNot,
            };
        }

        private AlertRanking RankAlert(string ruleId)
        {
            var run = _run!;
            var index = run.Alerts.ToList().FindIndex(a => a.Alert.RuleId == ruleId);
            var alert = run.Alerts[index].Alert;
            var affects = new List<AffectedProposal>();
            foreach (var proposal in run.Proposals)
            {
                var outcome = _ruleSet.Rules.First(r => r.Definition.Id == proposal.RuleId).Definition.Proposal!;
                var involved = Involved(outcome);
                var at = involved.FindIndex(a => a.RuleId == ruleId);
                if (at >= 0) affects.Add(new AffectedProposal(proposal.Rank, proposal.RuleId, proposal.Status, EffectOf(involved, at)));
            }
            return new AlertRanking(index + 1, run.Alerts.Count, alert.Severity, alert.Codes,
                [.. run.Alerts.Take(index).Select((a, i) => new RankedAlertSummary(i + 1, a.Alert.RuleId, a.Alert.Title, a.Alert.Severity))],
                affects);
        }

        private List<(AlertSeverity Severity, string RuleId, string Title)> Involved(ProposalOutcome outcome) =>
            ProposalRanker.Involved(_ruleSet, outcome, _run!.Alerts, _facts, _asOf, _settings, Language);

        // As ProposalRanker decides: the most severe involved alert blocks (contraindicated) or demotes (major, moderate).
        private static AlertEffect EffectOf(List<(AlertSeverity Severity, string RuleId, string Title)> involved, int index)
        {
            var worst = involved[0].Severity;
            var severity = involved[index].Severity;
            return worst switch
            {
                AlertSeverity.Contraindicated when severity == worst => AlertEffect.Blocks,
                AlertSeverity.Major or AlertSeverity.Moderate when severity == worst => AlertEffect.Demotes,
                _ => AlertEffect.None,
            };
        }
    }
}

/// <summary>No loaded rule or interaction entry has the id asked for.</summary>
public sealed class UnknownRuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="ruleId">The id asked for.</param>
    /// <param name="suggestions">The closest loaded ids.</param>
    public UnknownRuleException(string ruleId, IReadOnlyList<string> suggestions)
        : base($"No rule or interaction entry '{ruleId}' in the loaded packs.")
    {
        RuleId = ruleId;
        Suggestions = suggestions;
    }

    /// <summary>The id asked for.</summary>
    public string RuleId { get; }

    /// <summary>The closest loaded ids, closest first (possibly none).</summary>
    public IReadOnlyList<string> Suggestions { get; }
}
