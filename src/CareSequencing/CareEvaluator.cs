using CareSequencing.Evaluation;
using CareSequencing.Model;

namespace CareSequencing;

/// <summary>Evaluates patient contexts against a compiled rule set.</summary>
public interface ICareEvaluator
{
    /// <summary>The rules this evaluator runs.</summary>
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
}

/// <summary>
/// The evaluator: thread-safe and deterministic. It holds an immutable <see cref="CompiledRuleSet"/>
/// and keeps no state between calls; the same patient, rules, settings and clock give the same advice.
/// </summary>
public sealed class CareEvaluator : ICareEvaluator
{
    private readonly EvaluationSettings _defaults;
    private readonly TimeProvider _time;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="ruleSet">Compiled rules, from <see cref="RulePackLoader"/>.</param>
    /// <param name="timeProvider">Clock for the evaluation time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="defaults">Settings used by <see cref="Evaluate(PatientContext)"/>.</param>
    public CareEvaluator(CompiledRuleSet ruleSet, TimeProvider? timeProvider = null, EvaluationSettings? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        RuleSet = ruleSet;
        _time = timeProvider ?? TimeProvider.System;
        _defaults = defaults ?? EvaluationSettings.Default;
        ValidateSettings(_defaults, nameof(defaults));
    }

    /// <inheritdoc />
    public CompiledRuleSet RuleSet { get; }

    /// <inheritdoc />
    public Advice Evaluate(PatientContext patient) => Evaluate(patient, _defaults);

    /// <inheritdoc />
    public Advice Evaluate(PatientContext patient, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(settings);
        ValidateSettings(settings, nameof(settings));
        var now = _time.GetUtcNow();
        var asOf = settings.AsOf ?? DateOnly.FromDateTime(now.UtcDateTime);
        return AdviceEngine.Run(RuleSet, patient, now, asOf, settings);
    }

    private static void ValidateSettings(EvaluationSettings settings, string name)
    {
        if (!Languages.IsSupported(settings.Language))
            throw new ArgumentException($"Language must be one of: {string.Join(", ", Languages.Supported)}.", name);
    }
}
