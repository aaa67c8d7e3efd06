using System.Diagnostics;
using CareSequencing.Evaluation;
using CareSequencing.Model;
using CareSequencing.Telemetry;

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
}

/// <summary>
/// The evaluator: thread-safe and deterministic. It runs an immutable <see cref="CompiledRuleSet"/>,
/// read once per evaluation from its <see cref="IRuleSetSource"/>, and keeps no state between calls;
/// the same patient, rules, settings and clock give the same advice.
/// </summary>
public sealed class CareEvaluator : ICareEvaluator
{
    private readonly EvaluationSettings _defaults;
    private readonly TimeProvider _time;
    private readonly IRuleSetSource _source;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="ruleSet">Compiled rules, from <see cref="RulePackLoader"/>.</param>
    /// <param name="timeProvider">Clock for the evaluation time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="defaults">Settings used by <see cref="Evaluate(PatientContext)"/>.</param>
    public CareEvaluator(CompiledRuleSet ruleSet, TimeProvider? timeProvider = null, EvaluationSettings? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _source = new FixedRuleSetSource(ruleSet);
        _time = timeProvider ?? TimeProvider.System;
        _defaults = defaults ?? EvaluationSettings.Default;
        ValidateSettings(_defaults, nameof(defaults));
    }

    /// <summary>Creates an evaluator over a rule source that may reload, such as <see cref="WatchingRuleSetSource"/>.</summary>
    /// <param name="source">Supplies the current rule set; read once per evaluation.</param>
    /// <param name="timeProvider">Clock for the evaluation time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="defaults">Settings used by <see cref="Evaluate(PatientContext)"/>.</param>
    public CareEvaluator(IRuleSetSource source, TimeProvider? timeProvider = null, EvaluationSettings? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(source);
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
            Record(advice, "succeeded", timed, started);
            return advice;
        }
        catch (Exception error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            Record(null, "failed", timed, started);
            throw;
        }
    }

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
