using System.Globalization;
using CareSequencing.Presentation;

namespace CareSequencing.Tests.Evaluation;

public sealed class ConcurrencyAndDeterminismTests
{
    private static readonly PatientContext[] Patients =
    [
        TestData.FullPatient,
        new() { Id = "a", Age = 30, Conditions = [new("F20.0"), new("F10.2")], Medications = [new("N02AA01"), new("N06AB04")], Phase = new("medication-treatment") },
        new() { Id = "b", Age = 17, Flags = ["social-isolation"], Phase = new("assessment") },
        new() { Id = "c", Medications = [new("bad"), new("N06AB06"), new("N02AX02")] },
    ];

    [Fact]
    public void ManyThreads_OneEvaluator_AllResultsIdenticalToSequential()
    {
        var evaluator = TestData.Evaluator();
        var expected = Patients.Select(p => AdviceJsonWriter.Write(evaluator.Evaluate(p))).ToArray();
        var mismatches = 0;
        var runs = 0;

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount * 2) }, i =>
        {
            var index = i % Patients.Length;
            var json = AdviceJsonWriter.Write(evaluator.Evaluate(Patients[index]));
            if (!string.Equals(json, expected[index], StringComparison.Ordinal)) Interlocked.Increment(ref mismatches);
            Interlocked.Increment(ref runs);
        });

        Assert.Equal(4000, runs);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void SameInput_ByteIdenticalJson_AcrossEvaluatorsAndLoads()
    {
        var first = AdviceJsonWriter.Write(TestData.Evaluator().Evaluate(TestData.FullPatient));
        var reloaded = RulePackLoader.Load(TestData.BasicPack).GetRuleSetOrThrow();
        var second = AdviceJsonWriter.Write(TestData.Evaluator(reloaded).Evaluate(TestData.FullPatient));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Json_IsIndependentOfTheCurrentCulture(string culture)
    {
        var invariant = RunInCulture(CultureInfo.InvariantCulture);

        Assert.Equal(invariant, RunInCulture(CultureInfo.GetCultureInfo(culture)));
    }

    private static string RunInCulture(CultureInfo culture)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            // Load under the culture too: parsing of dates and numbers in packs must not depend on it.
            var rules = RulePackLoader.Load(TestData.BasicPack).GetRuleSetOrThrow();
            var patient = CareSequencing.Loading.PatientContextReader.ReadFile(Path.Combine(TestData.Fixtures, "patient-full.yaml"));
            return AdviceJsonWriter.Write(TestData.Evaluator(rules).Evaluate(patient)) + AdviceTextWriter.Write(TestData.Evaluator(rules).Evaluate(patient));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
