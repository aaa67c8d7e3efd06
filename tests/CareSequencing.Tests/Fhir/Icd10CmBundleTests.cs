using CareSequencing.Fhir;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Fhir;

/// <summary>A bundle coded in ICD-10-CM (US) and RxNorm gets the advice of the same patient coded in WHO ICD-10 and ATC.</summary>
public sealed class Icd10CmBundleTests
{
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    [Fact]
    public void Evaluate_Icd10CmBundle_GivesTheAdviceOfTheWhoCodedPatient()
    {
        var bundle = FhirPatientContextMapper.FromJson(File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "icd10cm-double-diagnosis.json")));
        // F10.20 (CM) is under WHO F10.2; F32.1 is the same code in both; sertraline is N06AB06.
        var who = PatientContextReader.Parse("""
            id: cm-1
            birthDate: 1980-03-02
            sex: male
            conditions: [ { code: F10.2 }, { code: F32.1 } ]
            medications: [ { code: N06AB06, name: sertraline, form: tablet } ]
            """);
        var evaluator = TestData.Evaluator(Shipped.Value);

        var fromCm = evaluator.Evaluate(bundle);
        var fromWho = evaluator.Evaluate(who);

        Assert.Equal(["F10.2", "F32.1"], bundle.Conditions.Select(c => c.Code!).Order(StringComparer.Ordinal));
        Assert.Equal(CodeMapping.Parent, bundle.Conditions.Single(c => c.Code == "F10.2").Origin!.Mapping);
        Assert.NotEmpty(fromWho.Proposals);
        Assert.Equal(fromWho.Proposals.Select(p => (p.RuleId, p.Action)), fromCm.Proposals.Select(p => (p.RuleId, p.Action)));
        Assert.Equal(fromWho.Alerts.Select(a => a.RuleId), fromCm.Alerts.Select(a => a.RuleId));
        // A proposal resting on the alcohol-use disorder says it was read as a broader WHO parent.
        Assert.Contains(fromCm.Proposals, p => p.Explanation.Assumptions.Any(a => a.Contains("ICD-10-CM F10.20", StringComparison.Ordinal)));
    }
}
