using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CareSequencing.Telemetry;

/// <summary>
/// The library's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>CareSequencing</c>.
/// Tags carry pack ids, versions, severities and outcomes only, never patient data.
/// </summary>
internal static class CareSequencingTelemetry
{
    public const string Name = "CareSequencing";

    private static readonly string? Version = typeof(CareSequencingTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    public static readonly Counter<long> Evaluations =
        Meter.CreateCounter<long>("caresequencing.evaluations", "{evaluation}", "Evaluations run, by outcome (succeeded, partial: some rules could not be evaluated, failed).");

    public static readonly Histogram<double> EvaluationDuration =
        Meter.CreateHistogram<double>("caresequencing.evaluation.duration", "ms", "Duration of one evaluation.");

    public static readonly Counter<long> Alerts =
        Meter.CreateCounter<long>("caresequencing.alerts", "{alert}", "Alerts raised, by severity.");

    public static readonly Counter<long> RuleFaults =
        Meter.CreateCounter<long>("caresequencing.rule.faults", "{fault}", "Rules skipped because their condition failed while running, by pack, rule and kind.");

    public static readonly Counter<long> Reloads =
        Meter.CreateCounter<long>("caresequencing.reloads", "{reload}", "Rule set reload attempts, by outcome (succeeded, refused).");

    public static string PackTag(CompiledRuleSet ruleSet) => string.Join(",", ruleSet.Packs.Select(p => p.ToString()));

    public static string SeverityTag(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Contraindicated => "contraindicated",
        AlertSeverity.Major => "major",
        AlertSeverity.Moderate => "moderate",
        AlertSeverity.Minor => "minor",
        _ => "unknown",
    };
}
