using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CareSequencing.Tests.Telemetry;

public sealed class CareSequencingTelemetryTests
{
    private const string PatientId = "patient-secret-7731";

    [Fact]
    public void Instruments_EmitWithPackAndOutcomeTags_NeverThePatient()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CareSequencing") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "CareSequencing",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);

        var patient = TestData.FullPatient with { Id = PatientId };
        var advice = TestData.Evaluator().Evaluate(patient);
        var folder = WatchingRuleSetSourceTests.CopyBasicPack();
        using (var source = new WatchingRuleSetSource([folder], debounce: TimeSpan.FromHours(1)))
        {
            File.AppendAllText(Path.Combine(folder, "rules", "rules.yaml"), "\n  - id: [broken\n");
            Assert.Equal(ReloadOutcome.Refused, source.Reload().Outcome);
            File.WriteAllText(Path.Combine(folder, "rules", "rules.yaml"), File.ReadAllText(Path.Combine(TestData.BasicPack, "rules", "rules.yaml")));
            Assert.Equal(ReloadOutcome.Succeeded, source.Reload().Outcome);
        }

        var ours = measurements.ToArray();
        Assert.Contains(ours, m => m.Instrument == "caresequencing.evaluations" && m.Value == 1 && HasTag(m.Tags, "outcome", "succeeded"));
        Assert.Contains(ours, m => m.Instrument == "caresequencing.evaluation.duration" && m.Value >= 0 && HasTag(m.Tags, "outcome", "succeeded"));
        Assert.NotEmpty(advice.Alerts);
        foreach (var severity in advice.Alerts.Select(a => a.Severity.ToString().ToLowerInvariant()).Distinct())
            Assert.Contains(ours, m => m.Instrument == "caresequencing.alerts" && HasTag(m.Tags, "severity", severity));
        Assert.Contains(ours, m => m.Instrument == "caresequencing.reloads" && HasTag(m.Tags, "outcome", "refused"));
        Assert.Contains(ours, m => m.Instrument == "caresequencing.reloads" && HasTag(m.Tags, "outcome", "succeeded"));
        Assert.DoesNotContain(ours.SelectMany(m => m.Tags), t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)!.Contains(PatientId, StringComparison.Ordinal));

        // Other tests run in parallel and are traced too: look for ours, then check every one.
        Assert.Contains(activities, a => a.OperationName == "CareSequencing.Evaluate"
            && (a.GetTagItem("caresequencing.packs") as string) == "test-basic@1.2.3");
        Assert.DoesNotContain(activities, a => a.DisplayName.Contains(PatientId, StringComparison.Ordinal)
            || a.TagObjects.Any(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)!.Contains(PatientId, StringComparison.Ordinal)));
    }

    private static bool HasTag(KeyValuePair<string, object?>[] tags, string key, string value) =>
        tags.Any(t => t.Key == key && string.Equals(t.Value as string, value, StringComparison.Ordinal));
}
