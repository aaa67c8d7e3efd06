using System.Collections.Concurrent;
using System.Diagnostics;
using CareSequencing.Evaluation;
using CareSequencing.Model;
using CareSequencing.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareSequencing;

/// <summary>Evaluates patient contexts against a compiled rule set.</summary>
public interface ICareEvaluator
{
    /// <summary>The rules this evaluator runs now (the source's current set when the rules reload).</summary>
    CompiledRuleSet RuleSet { get; }

    /// <summary>Evaluates with the evaluator's default settings.</summary>
    /// <param name="patient">The patient context.</param>
    /// <returns>Ranked, explained advice.</returns>
    Advice Evaluate(PatientContext patient);

    /// <summary>Evaluates with explicit settings (language, as-of date, draft rules).</summary>
    /// <param name="patient">The patient context.</param>
    /// <param name="settings">Settings for this evaluation.</param>
    /// <returns>Ranked, explained advice.</returns>
    Advice Evaluate(PatientContext patient, EvaluationSettings settings);
}

/// <summary>Per-evaluation settings.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Default settings: English, today (from the time provider), active rules only.</summary>
    public static EvaluationSettings Default { get; } = new();

    /// <summary>Language of the advice text: <c>en</c> or <c>fr</c>.</summary>
    public string Language { get; init; } = "en";

    /// <summary>
    /// The date to evaluate as of (rule effective periods, age, durations). Null means the current
    /// UTC date from the time provider.
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Also run rules with status <c>draft</c> (for rule authors; never in production).</summary>
    public bool IncludeDraftRules { get; init; }

    /// <summary>
    /// The ATC codes the host recognises: a well-formed medication code not in it is reported
    /// (CSQ3011). Null (the default) checks codes for form only.
    /// </summary>
    public AtcVocabulary? AtcVocabulary { get; init; }

    /// <summary>
    /// Throw <see cref="RuleEvaluationException"/> when a rule's condition fails while running, instead
    /// of skipping that rule and reporting it in <see cref="Advice.Faults"/> (the default, false): for
    /// hosts and test harnesses that would rather have no advice than incomplete advice.
    /// </summary>
    public bool ThrowOnRuleFault { get; init; }
}

/// <summary>
/// The evaluator: thread-safe and deterministic. It runs an immutable <see cref="CompiledRuleSet"/>,
/// read once per evaluation from its <see cref="IRuleSetSource"/>, and keeps no state between calls;
/// the same patient, rules, settings and clock give the same advice.
/// </summary>
/// <remarks>
/// A rule whose condition fails while running (a division by zero, an overflow) is skipped and
/// reported in <see cref="Advice.Faults"/> and as warning <c>CSQ1042</c>; every other rule runs. Each
/// fault is counted (<c>caresequencing.rule.faults</c>) on every evaluation and logged once per rule
/// and pack version for the evaluator's lifetime, so a host evaluating millions of times is not
/// flooded. <see cref="EvaluationSettings.ThrowOnRuleFault"/> makes a fault throw instead.
/// </remarks>
public sealed partial class CareEvaluator : ICareEvaluator
{
    /// <summary>Distinct (pack, rule, kind) faults logged; past it, faults are still counted and reported, no longer logged.</summary>
    internal const int MaxLoggedFaults = 4096;

    private readonly EvaluationSettings _defaults;
    private readonly TimeProvider _time;
    private readonly IRuleSetSource _source;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(PackReference Pack, string RuleId, RuleFaultKind Kind), byte> _loggedFaults = new();

    /// <summary>Creates an evaluator.</summary>
    /// <param name="ruleSet">Compiled rules, from <see cref="RulePackLoader"/>.</param>
    /// <param name="timeProvider">Clock for the evaluation time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="defaults">Settings used by <see cref="Evaluate(PatientContext)"/>.</param>
    /// <param name="logger">Where rule faults are logged, once per rule; nothing is logged when null.</param>
    public CareEvaluator(CompiledRuleSet ruleSet, TimeProvider? timeProvider = null, EvaluationSettings? defaults = null, ILogger<CareEvaluator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _source = new FixedRuleSetSource(ruleSet);
        _time = timeProvider ?? TimeProvider.System;
        _defaults = defaults ?? EvaluationSettings.Default;
        ValidateSettings(_defaults, nameof(defaults));
    }

    /// <summary>Creates an evaluator over a rule source that may reload, such as <see cref="WatchingRuleSetSource"/>.</summary>
    /// <param name="source">Supplies the current rule set; read once per evaluation.</param>
    /// <param name="timeProvider">Clock for the evaluation time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="defaults">Settings used by <see cref="Evaluate(PatientContext)"/>.</param>
    /// <param name="logger">Where rule faults are logged, once per rule; nothing is logged when null.</param>
    public CareEvaluator(IRuleSetSource source, TimeProvider? timeProvider = null, EvaluationSettings? defaults = null, ILogger<CareEvaluator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _source = source;
        _time = timeProvider ?? TimeProvider.System;
        _defaults = defaults ?? EvaluationSettings.Default;
        ValidateSettings(_defaults, nameof(defaults));
    }

    /// <inheritdoc />
    public CompiledRuleSet RuleSet => _source.Current;

    /// <inheritdoc />
    public Advice Evaluate(PatientContext patient) => Evaluate(patient, _defaults);

    /// <inheritdoc />
    public Advice Evaluate(PatientContext patient, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(settings);
        ValidateSettings(settings, nameof(settings));
        // One read: a reload that lands during this call cannot mix two versions into one advice.
        var ruleSet = _source.Current;
        var now = _time.GetUtcNow();
        var asOf = settings.AsOf ?? DateOnly.FromDateTime(now.UtcDateTime);

        // Nothing below costs more than a few flag checks unless a listener is attached.
        var timed = CareSequencingTelemetry.EvaluationDuration.Enabled;
        var started = timed ? Stopwatch.GetTimestamp() : 0;
        using var activity = CareSequencingTelemetry.ActivitySource.StartActivity("CareSequencing.Evaluate");
        if (activity is { IsAllDataRequested: true })
            activity.SetTag("caresequencing.packs", CareSequencingTelemetry.PackTag(ruleSet));
        try
        {
            var advice = AdviceEngine.Run(ruleSet, patient, now, asOf, settings);
            if (advice.Faults.Count > 0) ReportFaults(advice.Faults, activity);
            Record(advice, advice.Faults.Count > 0 ? "partial" : "succeeded", timed, started);
            return advice;
        }
        catch (Exception error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            if (error is RuleEvaluationException strict) ReportFaults([new RuleFault(strict.RuleId, strict.Pack, strict.Kind)], activity);
            Record(null, "failed", timed, started);
            throw;
        }
    }

    private void ReportFaults(IReadOnlyList<RuleFault> faults, Activity? activity)
    {
        foreach (var fault in faults)
        {
            var kind = RuleFault.Name(fault.Kind);
            if (CareSequencingTelemetry.RuleFaults.Enabled)
            {
                CareSequencingTelemetry.RuleFaults.Add(1,
                    new KeyValuePair<string, object?>("pack", fault.Pack.ToString()),
                    new KeyValuePair<string, object?>("rule", fault.RuleId),
                    new KeyValuePair<string, object?>("kind", kind));
            }
            activity?.AddEvent(new ActivityEvent("caresequencing.rule.fault", tags: new ActivityTagsCollection
            {
                ["pack"] = fault.Pack.ToString(),
                ["rule"] = fault.RuleId,
                ["kind"] = kind,
            }));
            // Once per rule, pack version and kind: the first evaluation that meets it logs it, concurrent ones do not.
            // ContainsKey takes no lock, Count takes them all: only a fault not yet logged pays for the count.
            var key = (fault.Pack, fault.RuleId, fault.Kind);
            if (!_loggedFaults.ContainsKey(key) && _loggedFaults.Count < MaxLoggedFaults && _loggedFaults.TryAdd(key, 0))
                LogRuleFault(_logger, fault.RuleId, fault.Pack.ToString(), kind);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error,
        Message = "CareSequencing rule {RuleId} of pack {Pack} could not be evaluated ({FaultKind}); it is skipped and reported in the advice (CSQ1042). Logged once for this rule and pack version.")]
    private static partial void LogRuleFault(ILogger logger, string ruleId, string pack, string faultKind);

    private static void Record(Advice? advice, string outcome, bool timed, long started)
    {
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        if (CareSequencingTelemetry.Evaluations.Enabled) CareSequencingTelemetry.Evaluations.Add(1, outcomeTag);
        if (timed) CareSequencingTelemetry.EvaluationDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcomeTag);
        if (advice is null || !CareSequencingTelemetry.Alerts.Enabled) return;
        foreach (var alert in advice.Alerts)
            CareSequencingTelemetry.Alerts.Add(1, new KeyValuePair<string, object?>("severity", CareSequencingTelemetry.SeverityTag(alert.Severity)));
    }

    private static void ValidateSettings(EvaluationSettings settings, string name)
    {
        if (!Languages.IsSupported(settings.Language))
            throw new ArgumentException($"Language must be one of: {string.Join(", ", Languages.Supported)}.", name);
    }
}
