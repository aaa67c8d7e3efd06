using CareSequencing.Fhir;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Fhir;

/// <summary>
/// Issue 16's acceptance: a real-shaped Synthea bundle (RxNorm and SNOMED CT only) gets the advice the same patient
/// coded by hand in WHO ATC and ICD-10 gets, with a short warning list; what differs is only that the bundle's
/// advice says which codes were read by name.
/// </summary>
public sealed class SyntheaAcceptanceTests
{
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());
    private static string Folder => Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "..", "shared", "data", "fhir"));

    [Theory]
    [InlineData("Max_Kris")]
    [InlineData("Ernie_Rosenbaum")]
    public void Evaluate_SyntheaBundle_GivesTheAdviceOfTheSamePatientCodedInAtcAndIcd10(string name)
    {
        var bundle = FhirPatientContextMapper.FromJson(File.ReadAllText(Directory.GetFiles(Folder, name + "_*.json").Single()));
        var byHand = PatientContextReader.ReadFile(Path.Combine(TestData.Fixtures, "fhir", "synthea-as-atc", name + ".yaml"));
        var evaluator = TestData.Evaluator(Shipped.Value);

        var fromBundle = evaluator.Evaluate(bundle);
        var fromAtc = evaluator.Evaluate(byHand);

        Assert.NotEmpty(fromAtc.Alerts);
        Assert.Equal(fromAtc.Alerts.Select(a => (a.RuleId, a.Severity, string.Join(",", a.Codes.Order(StringComparer.Ordinal)))),
            fromBundle.Alerts.Select(a => (a.RuleId, a.Severity, string.Join(",", a.Codes.Order(StringComparer.Ordinal)))));
        Assert.Equal(fromAtc.Proposals.Select(p => (p.RuleId, p.Action, p.Status)), fromBundle.Proposals.Select(p => (p.RuleId, p.Action, p.Status)));
        // Codes read from RxNorm names say so; the hand-coded patient assumes nothing of the kind.
        Assert.All(fromBundle.Alerts, a => Assert.Contains(a.Explanation.Assumptions, s => s.Contains("by its name", StringComparison.Ordinal)));
        Assert.True(fromBundle.Warnings.Count <= 6, string.Join("\n", fromBundle.Warnings.Select(w => w.Code + " " + w.Message)));
    }

    [Fact]
    public void Evaluate_ErnieRosenbaum_RaisesCarbamazepineWithClonazepam()
    {
        var bundle = FhirPatientContextMapper.FromJson(File.ReadAllText(Directory.GetFiles(Folder, "Ernie_Rosenbaum_*.json").Single()));
        var advice = TestData.Evaluator(Shipped.Value).Evaluate(bundle);
        Assert.Contains(advice.Alerts, a => a.Codes.Contains("N03AF01") && a.Codes.Contains("N03AE01"));
    }

    [Fact]
    public void Evaluate_MaxKris_RaisesTheWarfarinDigoxinVerapamilSimvastatinInteractions()
    {
        var bundle = FhirPatientContextMapper.FromJson(File.ReadAllText(Directory.GetFiles(Folder, "Max_Kris_*.json").Single()));
        var advice = TestData.Evaluator(Shipped.Value).Evaluate(bundle);
        Assert.Contains(advice.Alerts, a => a.Codes.Contains("C01AA05") && a.Codes.Contains("C08DA01"));   // digoxin + verapamil
        Assert.Contains(advice.Alerts, a => a.Codes.Contains("C10AA01") && a.Codes.Contains("C08DA01"));   // simvastatin + verapamil
        Assert.Contains(advice.Alerts, a => a.Codes.Contains("B01AA03") && a.Codes.Contains("C10AA01"));   // warfarin + statin
    }
}
