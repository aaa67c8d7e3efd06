using System.Diagnostics;
using System.Globalization;
using System.Text;
using CareSequencing.Compilation;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Compilation;

/// <summary>
/// The work a legitimate condition can cost: at most <see cref="ExpressionLimits.MaxFactReads"/>
/// fact reads, each at most one walk over one patient list, and no loops of its own.
/// </summary>
public sealed class ExpressionWorkBoundTests
{
    private const int PatientListSize = 2_000;

    // Helpers that walk a whole list when nothing matches: the worst case of each read.
    private static readonly string[] ListWalkers =
    [
        "facts.HasConditionInRange(\"A00\", \"A09\")",
        "facts.MedicationStartedWithin(\"N05\", 1)",
        "facts.HasTherapy(\"psychotherapy\")",
        "facts.Declined(\"psychotherapy\")",
        "facts.Prefers(\"psychotherapy\")",
    ];

    /// <summary>List-walking helpers joined by <c>||</c> (all false, so all run) up to the length and read limits.</summary>
    private static (string Text, int Reads) LongestCondition()
    {
        var text = new StringBuilder("facts.Age < 0");
        var reads = 1;
        for (var i = 0; reads < ExpressionLimits.MaxFactReads; i++)
        {
            var next = " || " + ListWalkers[i % ListWalkers.Length];
            if (text.Length + next.Length > ExpressionLimits.MaxLength) break;
            text.Append(next);
            reads++;
        }
        return (text.ToString(), reads);
    }

    private static PatientContext LargestPatient()
    {
        var yaml = new StringBuilder("birthDate: 1971-04-02\nsex: female\nconditions:\n");
        for (var i = 0; i < PatientListSize; i++) yaml.Append(CultureInfo.InvariantCulture, $"  - {{ code: J{i % 90 + 10}.{i % 10}, system: icd10 }}\n");
        yaml.Append("medications:\n");
        for (var i = 0; i < PatientListSize; i++) yaml.Append(CultureInfo.InvariantCulture, $"  - {{ code: A01AA{i % 90 + 10}, system: atc, start: 2020-01-01 }}\n");
        yaml.Append("therapies:\n");
        for (var i = 0; i < PatientListSize; i++) yaml.Append(CultureInfo.InvariantCulture, $"  - {{ kind: physiotherapy/k{i}, status: completed }}\n");
        yaml.Append("preferences:\n  declined: [");
        yaml.AppendJoin(", ", Enumerable.Range(0, PatientListSize).Select(i => string.Create(CultureInfo.InvariantCulture, $"diet/d{i}")));
        yaml.Append("]\n  preferred: [");
        yaml.AppendJoin(", ", Enumerable.Range(0, PatientListSize).Select(i => string.Create(CultureInfo.InvariantCulture, $"sport/s{i}")));
        yaml.Append("]\nphase: { current: medication-treatment }\n");
        return PatientContextReader.Parse(yaml.ToString());
    }

    [Fact]
    public void Load_LongestLegitimateCondition_LoadsWithinEveryLimit()
    {
        var (text, reads) = LongestCondition();

        var result = RulePackLoader.Load(TestData.PackWithCondition(text));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var rule = Assert.Single(result.GetRuleSetOrThrow().Rules);
        Assert.Equal(reads, rule.Condition.Probes.Length);
        Assert.InRange(rule.Condition.Probes.Length, 150, ExpressionLimits.MaxFactReads);
        Assert.InRange(text.Length, ExpressionLimits.MaxLength - 100, ExpressionLimits.MaxLength);
    }

    [Fact]
    public void Evaluate_LongestConditionOverLargestPatient_IsBoundedWork()
    {
        var (text, reads) = LongestCondition();
        var rules = RulePackLoader.Load(TestData.PackWithCondition(text)).GetRuleSetOrThrow();
        var patient = LargestPatient();
        Assert.Equal(PatientListSize, patient.Conditions.Count);
        var evaluator = TestData.Evaluator(rules);

        // The bound, counted rather than timed: each read walks at most one list, once (HasTherapy twice).
        var bound = (long)reads * 2 * PatientListSize;
        Assert.True(bound <= 1_100_000, $"{bound} element visits per evaluation");

        var clock = Stopwatch.StartNew();
        var advice = evaluator.Evaluate(patient);
        clock.Stop();

        Assert.Empty(advice.Proposals);
        // About a million string comparisons take milliseconds; 10 s only catches a lost bound (e.g. a quadratic helper), never a slow machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed} for {bound} element visits");
    }

    [Theory]
    [InlineData("facts.Age / (facts.Age - facts.Age) > 1")]              // division by zero
    [InlineData("facts.Age % (facts.Age - facts.Age) == 0")]
    [InlineData("7922816251426433759354395033.5m * (facts.Age + 1) > 0")] // decimal overflow
    public void Evaluate_ConditionFailingAtRunTime_ThrowsNamingRuleAndPack_WhenAskedTo(string expression)
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition(expression)).GetRuleSetOrThrow();

        var error = Assert.Throws<RuleEvaluationException>(() =>
            TestData.Evaluator(rules).Evaluate(TestData.FullPatient, new EvaluationSettings { ThrowOnRuleFault = true }));
        var fault = Assert.Single(TestData.Evaluator(rules).Evaluate(TestData.FullPatient).Faults);
        Assert.Equal(error.Kind, fault.Kind);

        Assert.Equal("r1", error.RuleId);
        Assert.Equal("temp", error.Pack.Id);
        Assert.IsAssignableFrom<ArithmeticException>(error.InnerException);
    }
}
