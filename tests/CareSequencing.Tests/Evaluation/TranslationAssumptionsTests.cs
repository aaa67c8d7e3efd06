using CareSequencing.Loading;

namespace CareSequencing.Tests.Evaluation;

/// <summary>Advice that relies on a code read by name or as a broader parent says so; map and server answers do not.</summary>
public sealed class TranslationAssumptionsTests
{
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private static PatientContext CarbamazepineWithClonazepam(CodeMapping mapping) => new()
    {
        Medications =
        [
            new PatientMedication("N03AF01")
            {
                Name = "carbamazepine",
                Origin = new CodeOrigin(RxNorm, "197322") { Display = "Carbamazepine 200 MG Oral Tablet", Mapping = mapping, Source = "test map row 1" },
            },
            new PatientMedication("N03AE01") { Name = "clonazepam" },
        ],
    };

    private static Alert Interaction(Advice advice) =>
        Assert.Single(advice.Alerts, a => a.Codes.Contains("N03AF01") && a.Codes.Contains("N03AE01"));

    [Theory]
    [InlineData("en", "read from RxNorm 197322 \"Carbamazepine 200 MG Oral Tablet\" by its name (test map row 1)")]
    [InlineData("fr", "lu depuis RxNorm 197322 \"Carbamazepine 200 MG Oral Tablet\" par son nom (test map row 1)")]
    public void Evaluate_InteractionOnACodeReadByName_SaysSo(string language, string expected)
    {
        var advice = TestData.Evaluator(Shipped.Value).Evaluate(CarbamazepineWithClonazepam(CodeMapping.Name), new EvaluationSettings { Language = language });
        Assert.Contains(Interaction(advice).Explanation.Assumptions, a => a.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CodeMapping.Map)]
    [InlineData(CodeMapping.Server)]
    public void Evaluate_InteractionOnAMappedCode_AssumesNothing(CodeMapping mapping)
    {
        var advice = TestData.Evaluator(Shipped.Value).Evaluate(CarbamazepineWithClonazepam(mapping));
        Assert.Empty(Interaction(advice).Explanation.Assumptions);
    }

    [Fact]
    public void Evaluate_SameAdvice_WithOrWithoutTheAssumption()
    {
        var evaluator = TestData.Evaluator(Shipped.Value);
        var byName = evaluator.Evaluate(CarbamazepineWithClonazepam(CodeMapping.Name));
        var plain = evaluator.Evaluate(CarbamazepineWithClonazepam(CodeMapping.Name) with { Medications = [new PatientMedication("N03AF01") { Name = "carbamazepine" }, new PatientMedication("N03AE01") { Name = "clonazepam" }] });
        Assert.Equal(plain.Alerts.Select(a => a.RuleId), byName.Alerts.Select(a => a.RuleId));
        Assert.Equal(plain.Proposals.Select(p => p.Action), byName.Proposals.Select(p => p.Action));
    }

    [Fact]
    public void Evaluate_ProposalOnAConditionReadAsItsParent_SaysSo()
    {
        var patient = new PatientContext
        {
            Age = 40,
            Phase = new PatientPhase("assessment"),
            Conditions = [new PatientCondition("F32.1") { Origin = new CodeOrigin("http://hl7.org/fhir/sid/icd-10-cm", "F32.1") { Mapping = CodeMapping.Parent, Source = "cm parent" } }],
            Medications = [],
        };
        var advice = TestData.Evaluator(Shipped.Value).Evaluate(patient);
        var relying = advice.Proposals.Where(p => p.Explanation.MatchedFacts.Any(f => f.Values.Any(v => v.Contains("F32.1", StringComparison.Ordinal)))).ToList();
        Assert.NotEmpty(relying);
        Assert.All(relying, p => Assert.Contains(p.Explanation.Assumptions, a => a.Contains("broader parent category (cm parent)", StringComparison.Ordinal)));
        // A proposal that does not rely on the condition states nothing about it.
        Assert.All(advice.Proposals.Except(relying), p => Assert.DoesNotContain(p.Explanation.Assumptions, a => a.Contains("cm parent", StringComparison.Ordinal)));
    }
}
