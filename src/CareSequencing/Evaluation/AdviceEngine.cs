using System.Collections.Immutable;
using System.Numerics;
using CareSequencing.Compilation;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing.Evaluation;

/// <summary>
/// One evaluation, start to end: facts → rules that fire → alerts → ranked proposals → advice.
/// Stateless; every call works on its own locals.
/// </summary>
internal static class AdviceEngine
{
    public static Advice Run(CompiledRuleSet ruleSet, PatientContext patient, DateTimeOffset now, DateOnly asOf, EvaluationSettings settings)
    {
        var run = Evaluate(ruleSet, patient, asOf, settings);
        return new Advice(
            patient.Id,
            now,
            asOf,
            settings.Language,
            ruleSet.Packs,
            run.Proposals,
            [.. run.Alerts.Select(a => a.Alert)],
            run.Warnings,
            run.Faults,
            patient.Unchecked);
    }

    /// <summary>The whole pipeline, keeping the intermediate results that rule authors' traces explain.</summary>
    public static EvaluationRun Evaluate(CompiledRuleSet ruleSet, PatientContext patient, DateOnly asOf, EvaluationSettings settings)
    {
        var language = settings.Language;
        var warnings = new List<AdviceWarning>((patient.InputWarnings ?? []).Select(w => w.Localize(language)));
        var facts = PatientFactsBuilder.Build(patient, asOf, language, warnings, settings.AtcVocabulary);

        var fired = new List<CompiledRule>();
        var faults = new RuleFaults();
        List<string>? needAge = null;
        List<string>? needPhase = null;
        var index = ruleSet.RuleIndex;
        var candidates = index.Candidates(facts);
        try
        {
            for (var word = 0; word < index.WordCount; word++)
            {
                for (var bits = candidates[word]; bits != 0; bits &= bits - 1)
                {
                    var rule = ruleSet.Rules[(word << 6) + BitOperations.TrailingZeroCount(bits)];
                    var definition = rule.Definition;
                    if (!IsRunnable(definition.Status, definition.Effective, asOf, settings)) continue;
                    if (rule.Condition.NeedsAge && !facts.HasKnownAge)
                    {
                        (needAge ??= []).Add(definition.Id);
                        continue;
                    }
                    if (rule.Condition.NeedsPhase && !facts.HasKnownPhase)
                    {
                        (needPhase ??= []).Add(definition.Id);
                        continue;
                    }
                    bool matched;
                    try
                    {
                        matched = rule.Condition.Predicate(facts);
                    }
                    catch (Exception ex) when (RuleFaults.IsIsolated(ex))
                    {
                        faults.Add(definition.Id, rule.Pack.Reference, ex, settings);
                        continue;
                    }
                    if (matched) fired.Add(rule);
                }
            }
        }
        finally
        {
            RuleIndex.Return(candidates);
        }
        if (needAge is not null)
            warnings.Add(new(DiagnosticCodes.PatientFactUnavailable, "age", MessageCatalog.Get("needs-age", language, needAge.Count, string.Join(", ", needAge))));
        if (needPhase is not null)
            warnings.Add(new(DiagnosticCodes.PatientFactUnavailable, "phase.current", MessageCatalog.Get("needs-phase", language, needPhase.Count, string.Join(", ", needPhase))));

        var alerts = new List<RankedAlert>();
        foreach (var rule in fired.Where(r => r.Definition.Alert is not null))
        {
            try
            {
                alerts.Add(AlertFactory.FromRule(rule, facts, language));
            }
            catch (Exception ex) when (RuleFaults.IsIsolated(ex))
            {
                faults.Add(rule.Definition.Id, rule.Pack.Reference, ex, settings);
            }
        }
        alerts.AddRange(InteractionChecker.Check(ruleSet, facts, asOf, settings, language, faults));
        alerts.Sort(RankedAlert.Order);

        var proposals = ProposalRanker.Rank(ruleSet, fired.Where(r => r.Definition.Proposal is not null), alerts, facts, asOf, settings, language);
        if (TranslationAssumptions.For(patient, language) is { } translated)
        {
            for (var i = 0; i < alerts.Count; i++) alerts[i] = translated.Apply(alerts[i]);
            proposals = translated.Apply(proposals);
        }
        var found = faults.Sorted();
        warnings.AddRange(found.Select(f => f.ToWarning(language)));
        return new EvaluationRun(facts, fired, alerts, proposals, [.. warnings], found);
    }

    public static bool IsRunnable(RuleStatus status, EffectivePeriod effective, DateOnly asOf, EvaluationSettings settings) =>
        (status == RuleStatus.Active || (status == RuleStatus.Draft && settings.IncludeDraftRules)) && effective.Contains(asOf);
}

/// <summary>One evaluation's intermediate results: the facts, the rules that fired, the ordered alerts, the ranked proposals.</summary>
internal sealed record EvaluationRun(
    PatientFacts Facts,
    IReadOnlyList<CompiledRule> Fired,
    IReadOnlyList<RankedAlert> Alerts,
    ImmutableArray<Proposal> Proposals,
    IReadOnlyList<AdviceWarning> Warnings,
    IReadOnlyList<RuleFault> Faults);

/// <summary>An alert with what proposal ranking needs to know about it: the codes and actions it concerns.</summary>
internal sealed record RankedAlert(Alert Alert, ImmutableArray<string> CodePatterns, ImmutableArray<string> Actions, bool FromImportedTable = false)
{
    public static readonly Comparison<RankedAlert> Order = (x, y) =>
    {
        var bySeverity = x.Alert.Severity.CompareTo(y.Alert.Severity);
        if (bySeverity != 0) return bySeverity;
        var byRule = string.CompareOrdinal(x.Alert.RuleId, y.Alert.RuleId);
        return byRule != 0 ? byRule : string.CompareOrdinal(string.Join(",", x.Alert.Codes), string.Join(",", y.Alert.Codes));
    };

    /// <summary>True when the alert concerns this proposal: its action, or a code it would introduce.</summary>
    public bool Involves(ProposalOutcome proposal) =>
        Actions.Any(a => ActionMatches(proposal.Action, a))
        || proposal.Codes.Any(code => CodePatterns.Any(p => code.StartsWith(p, StringComparison.Ordinal)));

    private static bool ActionMatches(string action, string pattern) =>
        string.Equals(action, pattern, StringComparison.Ordinal)
        || (action.Length > pattern.Length && action[pattern.Length] == ':' && action.StartsWith(pattern, StringComparison.Ordinal));
}

/// <summary>Builds alerts from expression rules.</summary>
internal static class AlertFactory
{
    public static RankedAlert FromRule(CompiledRule rule, PatientFacts facts, string language)
    {
        var definition = rule.Definition;
        var outcome = definition.Alert!;
        var matched = ExplanationBuilder.MatchedFacts(rule, facts);
        var values = ExplanationBuilder.Placeholders(matched, facts, language);

        // The alert names the patient's own codes: those under the rule's code patterns, or else
        // every code its condition matched.
        var codes = new DistinctStrings(0);
        if (outcome.Codes.IsEmpty)
        {
            foreach (var fact in matched)
            {
                if (fact.Fact is not ("condition" or "medication" or "medication-start")) continue;
                foreach (var value in fact.Values) codes.Add(CodeOf(value));
            }
        }
        else
        {
            foreach (var medication in facts.Medications)
            {
                if (UnderAny(medication.Code, outcome.Codes)) codes.Add(medication.Code);
            }
            foreach (var condition in facts.ConditionCodes)
            {
                if (UnderAny(condition, outcome.Codes)) codes.Add(condition);
            }
        }

        var explanation = new Explanation(definition.Id, definition.Title.Get(language), rule.Pack.Reference,
            ExplanationBuilder.Fill(outcome.Text.Get(language), values), matched, definition.Sources, [], rule.Attributes);
        var alert = new Alert(definition.Id, definition.Family, outcome.Severity, [.. codes.Items],
            definition.Title.Get(language), ExplanationBuilder.Fill(outcome.Management.Get(language), values), explanation);
        return new RankedAlert(alert, outcome.Codes, outcome.Actions);
    }

    private static bool UnderAny(string code, ImmutableArray<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (code.StartsWith(pattern, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // Matched medication values read "name (CODE)" or "name (CODE) date"; conditions are bare codes.
    private static string CodeOf(string value)
    {
        var open = value.LastIndexOf('(');
        var close = value.LastIndexOf(')');
        return open >= 0 && close > open ? value[(open + 1)..close] : value;
    }
}
