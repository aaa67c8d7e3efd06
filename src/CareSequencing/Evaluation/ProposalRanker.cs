using System.Collections.Immutable;
using CareSequencing.Compilation;
using CareSequencing.Model;

namespace CareSequencing.Evaluation;

/// <summary>
/// Scores and orders proposals. The score is documented and returned with its parts
/// (<see cref="ScoreBreakdown"/>): priority + phase fit + preference + alert penalty. The order is
/// total: proposed before held back, then score (high first), then rule id and action (ordinal).
/// </summary>
internal static class ProposalRanker
{
    public const int PhaseFitBonus = 10;
    public const int PreferenceBonus = 15;
    public const int MajorPenalty = -30;
    public const int ModeratePenalty = -15;

    private sealed record Candidate(CompiledRule Rule, ProposalStatus Status, ScoreBreakdown Score, Explanation Explanation, string Title);

    public static ImmutableArray<Proposal> Rank(
        CompiledRuleSet ruleSet,
        IEnumerable<CompiledRule> rules,
        IReadOnlyList<RankedAlert> alerts,
        PatientFacts facts,
        DateOnly asOf,
        EvaluationSettings settings,
        string language)
    {
        var candidates = new List<Candidate>();
        foreach (var rule in rules)
        {
            var definition = rule.Definition;
            var proposal = definition.Proposal!;
            var matched = ExplanationBuilder.MatchedFacts(rule, facts);
            var text = ExplanationBuilder.Fill(proposal.Text.Get(language), ExplanationBuilder.Placeholders(matched, facts, language));
            var whyNot = new List<string>();
            var status = ProposalStatus.Proposed;

            var phaseFit = proposal.Phases.IsEmpty || !facts.HasKnownPhase ? 0
                : proposal.Phases.Contains(facts.CurrentPhase) ? PhaseFitBonus : -PhaseFitBonus;
            var preference = proposal.Therapy is not null && facts.PrefersCovering(proposal.Therapy) ? PreferenceBonus : 0;

            if (proposal.Therapy is not null && facts.DeclinedCovering(proposal.Therapy) is { } declined)
            {
                status = ProposalStatus.Declined;
                whyNot.Add(MessageCatalog.Get("why-declined", language, declined));
            }

            var involved = Involved(ruleSet, proposal, alerts, facts, asOf, settings, language);
            var penalty = 0;
            if (involved.Count > 0)
            {
                var worst = involved[0].Severity;
                if (worst == AlertSeverity.Contraindicated)
                {
                    if (status == ProposalStatus.Proposed) status = ProposalStatus.Blocked;
                    foreach (var alert in involved.Where(a => a.Severity == AlertSeverity.Contraindicated))
                        whyNot.Add(MessageCatalog.Get("why-blocked", language, alert.RuleId, alert.Title));
                }
                else if (worst is AlertSeverity.Major or AlertSeverity.Moderate)
                {
                    penalty = worst == AlertSeverity.Major ? MajorPenalty : ModeratePenalty;
                    foreach (var alert in involved.Where(a => a.Severity == worst))
                        whyNot.Add(MessageCatalog.Get("why-demoted", language, MessageCatalog.Severity(worst, language), alert.RuleId, alert.Title));
                }
            }

            var score = new ScoreBreakdown(proposal.Priority, phaseFit, preference, penalty);
            var explanation = new Explanation(definition.Id, definition.Title.Get(language), rule.Pack.Reference, text,
                matched, definition.Sources, [.. whyNot], rule.Attributes);
            candidates.Add(new Candidate(rule, status, score, explanation, definition.Title.Get(language)));
        }

        candidates.Sort((x, y) =>
        {
            var byStatus = (x.Status == ProposalStatus.Proposed ? 0 : 1).CompareTo(y.Status == ProposalStatus.Proposed ? 0 : 1);
            if (byStatus != 0) return byStatus;
            var byScore = y.Score.Total.CompareTo(x.Score.Total);
            if (byScore != 0) return byScore;
            var byRule = string.CompareOrdinal(x.Rule.Definition.Id, y.Rule.Definition.Id);
            return byRule != 0 ? byRule : string.CompareOrdinal(x.Rule.Definition.Proposal!.Action, y.Rule.Definition.Proposal!.Action);
        });

        var result = ImmutableArray.CreateBuilder<Proposal>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var definition = c.Rule.Definition;
            result.Add(new Proposal(i + 1, definition.Id, definition.Family, definition.Proposal!.Action,
                definition.Proposal.Therapy, c.Status, c.Title, c.Score, c.Explanation));
        }
        return result.MoveToImmutable();
    }

    /// <summary>
    /// The alerts that concern a proposal, most severe first: raised ones, and interactions the codes
    /// it would introduce would start. The worst decides: contraindicated blocks, major or moderate demotes.
    /// </summary>
    public static List<(AlertSeverity Severity, string RuleId, string Title)> Involved(
        CompiledRuleSet ruleSet,
        ProposalOutcome proposal,
        IReadOnlyList<RankedAlert> alerts,
        PatientFacts facts,
        DateOnly asOf,
        EvaluationSettings settings,
        string language)
    {
        // Most proposals concern no alert and introduce no code: skip the query below.
        if (proposal.Codes.IsEmpty && !alerts.Any(a => a.Involves(proposal))) return [];
        return alerts.Where(a => a.Involves(proposal))
            .Select(a => (a.Alert.Severity, a.Alert.RuleId, a.Alert.Title))
            .Concat(proposal.Codes.SelectMany(code => InteractionChecker.WouldInteract(ruleSet, facts, code, asOf, settings))
                .Select(i => (i.Entry.Severity, i.Entry.Id, i.Entry.Title.Get(language))))
            .Distinct()
            .OrderBy(a => a.Item1).ThenBy(a => a.Item2, StringComparer.Ordinal)
            .ToList();
    }
}
