using System.Diagnostics;
using System.Globalization;

namespace CareSequencing.Tests.Evaluation;

/// <summary>
/// A host may pass a long history (years of medication statements, many flags). Evaluation must
/// stay linear in the size of the patient: de-duplication by list scans once made 40,000 flags cost
/// 1.2 s and 100,000 entries per list 9.9 s. The test compares two sizes in the same run, so it
/// depends on growth, not on the machine's speed: 8× the entries must cost well under the 64× a
/// quadratic step would. It runs alone (after the parallel tests), as timing beside other tests is noise.
/// </summary>
[Collection(nameof(TimedTestsGroup))]
public sealed class PatientSizeScalingTests
{
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    private static readonly string[] Atc = ["N06AB06", "N02AX02", "N05AN01", "M01AE01", "N05BA01", "N03AX09", "L01EA01", "J05AE03", "N07BB01", "C09AA02"];

    public static TheoryData<string> Lists() => ["medications-distinct", "medications-repeated", "conditions", "flags", "therapies", "declined", "all"];

    [Theory]
    [MemberData(nameof(Lists))]
    public void Evaluate_EightTimesTheEntries_CostsFarLessThanQuadratic(string list)
    {
        var evaluator = TestData.Evaluator(Shipped.Value);
        var small = Patient(list, 10_000);
        var large = Patient(list, 80_000);
        evaluator.Evaluate(small); // JIT and first-use costs out of the measure

        // Best of seven, interleaved, so a pause of the shared machine does not decide the ratio.
        double smallBest = double.MaxValue, largeBest = double.MaxValue;
        for (var run = 0; run < 7; run++)
        {
            smallBest = Math.Min(smallBest, Time(() => evaluator.Evaluate(small)));
            largeBest = Math.Min(largeBest, Time(() => evaluator.Evaluate(large)));
        }

        var ratio = largeBest / Math.Max(smallBest, 1.0);
        Assert.True(ratio < 32, string.Create(CultureInfo.InvariantCulture, $"{list}: 10,000 entries {smallBest:F1} ms, 80,000 entries {largeBest:F1} ms (×{ratio:F1})"));
    }

    [Fact]
    public void Evaluate_LongLists_GiveTheSameAdviceAsTheirDistinctEntries()
    {
        var evaluator = TestData.Evaluator(Shipped.Value);
        var distinct = Patient("all", Atc.Length);
        var repeated = Patient("all", Atc.Length * 2_000);

        var few = evaluator.Evaluate(distinct);
        var many = evaluator.Evaluate(repeated);

        Assert.Equal(few.Alerts.Select(a => (a.RuleId, a.Severity)), many.Alerts.Select(a => (a.RuleId, a.Severity)));
        Assert.Equal(few.Proposals.Select(p => p.RuleId), many.Proposals.Select(p => p.RuleId));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static PatientContext Patient(string list, int count)
    {
        bool Has(string name) => list == name || list == "all" && name is not "medications-distinct";
        return new PatientContext
        {
            Age = 70,
            Medications = Has("medications-distinct")
                ? [.. Enumerable.Range(0, count).Select(i => new PatientMedication(Atc[i % Atc.Length][..5] + (i % 100).ToString("00", CultureInfo.InvariantCulture)))]
                : Has("medications-repeated") ? [.. Enumerable.Range(0, count).Select(i => new PatientMedication(Atc[i % Atc.Length]))] : [],
            Conditions = Has("conditions") ? [.. Enumerable.Range(0, count).Select(i => new PatientCondition(i % 2 == 0 ? "F32.1" : "F10.2"))] : [],
            Flags = Has("flags") ? [.. Enumerable.Range(0, count).Select(i => list == "all" ? "flag-" + (i % 10) : "flag-" + i)] : [],
            Therapies = Has("therapies") ? [.. Enumerable.Range(0, count).Select(i => new PatientTherapy("psychotherapy/kind-" + i))] : [],
            Preferences = Has("declined") ? new PatientPreferences { Declined = [.. Enumerable.Range(0, count).Select(i => "therapy-" + i)] } : PatientPreferences.None,
        };
    }
}

/// <summary>Tests that measure time: run one at a time, with no other test beside them.</summary>
[CollectionDefinition(nameof(TimedTestsGroup), DisableParallelization = true)]
public sealed class TimedTestsGroup;
