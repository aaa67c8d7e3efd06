using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

/// <summary>
/// Each patient-input diagnostic (CSQ3xxx) has a patient file under Fixtures/patients, named after it,
/// and appears in the advice with the path of the offending value and a message free of patient data.
/// </summary>
public sealed class PatientDiagnosticFixtureTests
{
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    [Theory]
    [InlineData("CSQ3001-invalid-atc", "CSQ3001", "medications[1].code")]
    [InlineData("CSQ3002-invalid-icd10", "CSQ3002", "conditions[0].code")]
    [InlineData("CSQ3003-unsupported-system", "CSQ3003", "medications[0].system")]
    [InlineData("CSQ3004-missing-field", "CSQ3004", "conditions[0].code")]
    [InlineData("CSQ3005-unknown-value", "CSQ3005", "medications[0].status")]
    [InlineData("CSQ3006-fact-unavailable", "CSQ3006", "age")]
    [InlineData("CSQ3007-unknown-phase", "CSQ3007", "phase.current")]
    [InlineData("CSQ3008-unknown-key", "CSQ3008", "weight")]
    [InlineData("CSQ3009-invalid-value", "CSQ3009", "age")]
    public void PatientFixture_GivesItsWarning_AtItsPath(string fixture, string code, string path)
    {
        var patient = PatientContextReader.ReadFile(Path.Combine(TestData.Fixtures, "patients", fixture + ".yaml"));

        var advice = TestData.Evaluator(Shipped.Value).Evaluate(patient);

        var warning = Assert.Single(advice.Warnings, w => w.Code == code);
        Assert.Equal(path, warning.Path);
        Assert.False(string.IsNullOrWhiteSpace(warning.Message));
    }

    [Fact]
    public void PatientFixture_UnknownAtc_GivesItsWarning_WithTheHostVocabulary()
    {
        var patient = PatientContextReader.ReadFile(Path.Combine(TestData.Fixtures, "patients", "CSQ3011-unknown-atc.yaml"));
        var settings = new EvaluationSettings { AtcVocabulary = AtcVocabulary.Load(Path.Combine(TestData.ShippedRules, "reference", "atc-codes.tsv")) };

        var advice = TestData.Evaluator(Shipped.Value).Evaluate(patient, settings);

        Assert.Equal("medications[1].code", Assert.Single(advice.Warnings, w => w.Code == "CSQ3011").Path);
    }

    [Fact]
    public void FhirFixture_TranslatorFailure_GivesItsWarning_AtTheCoding()
    {
        var options = new CareSequencing.Fhir.FhirMappingOptions();
        options.Translators.Insert(0, new FailingTranslator());

        var patient = CareSequencing.Fhir.FhirPatientContextMapper.FromJson(
            File.ReadAllText(Path.Combine(TestData.Fixtures, "patients", "CSQ3012-terminology-problem.json")), options);

        var warning = Assert.Single(patient.InputWarnings, w => w.Code == "CSQ3012");
        Assert.Equal("Bundle.entry[1].resource.medicationCodeableConcept.coding[0]", warning.Path);
        Assert.DoesNotContain("328670", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CSQ3040-other-patient", "CSQ3040")]
    [InlineData("CSQ3041-resources-not-read", "CSQ3041")]
    [InlineData("CSQ3042-codes-not-checked", "CSQ3042")]
    [InlineData("CSQ3043-medication-ended", "CSQ3043")]
    [InlineData("CSQ3045-no-subject", "CSQ3045")]
    public void FhirFixture_GivesItsSummaryWarning_OnceOnTheBundle(string fixture, string code)
    {
        var options = new CareSequencing.Fhir.FhirMappingOptions { AsOf = new DateOnly(2026, 11, 23) };

        var patient = CareSequencing.Fhir.FhirPatientContextMapper.FromJson(
            File.ReadAllText(Path.Combine(TestData.Fixtures, "patients", fixture + ".json")), options);
        var advice = TestData.Evaluator(Shipped.Value).Evaluate(patient);

        var warning = Assert.Single(advice.Warnings, w => w.Code == code);
        Assert.Equal("Bundle", warning.Path);
        Assert.False(string.IsNullOrWhiteSpace(warning.Message));
    }

    [Fact]
    public void FhirFixture_RefutedAndProvisionalConditions_GiveOneWarningEach()
    {
        var patient = CareSequencing.Fhir.FhirPatientContextMapper.FromJson(
            File.ReadAllText(Path.Combine(TestData.Fixtures, "patients", "CSQ3044-unconfirmed-condition.json")));

        Assert.Equal(2, patient.InputWarnings.Count(w => w is { Code: "CSQ3044", Path: "Bundle" }));
        Assert.Equal(["F32.1"], patient.Conditions.Select(c => c.Code));
    }

    private sealed class FailingTranslator : CareSequencing.Fhir.Terminology.ICodeTranslator
    {
        public string Name => "failing";

        public ValueTask<CareSequencing.Fhir.Terminology.CodeTranslation> TranslateAsync(CareSequencing.Fhir.Terminology.SourceCoding coding,
            CareSequencing.Fhir.Terminology.TerminologyTarget target, CancellationToken cancellationToken = default) =>
            throw new TimeoutException();
    }

    [Fact]
    public void UnreadablePatientFile_ThrowsWithCodeLineAndColumn()
    {
        var error = Assert.Throws<PatientContextFormatException>(() =>
            PatientContextReader.ReadFile(Path.Combine(TestData.Fixtures, "patients", "CSQ3010-unreadable.yaml")));

        Assert.Equal("CSQ3010", error.Code);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("(3,1): CSQ3010: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPatientDiagnosticCode_HasAFixture()
    {
        var codes = typeof(RulePackLoader).Assembly.GetType("CareSequencing.Loading.DiagnosticCodes")!
            .GetFields().Select(f => (string)f.GetValue(null)!).Where(c => c.StartsWith("CSQ3", StringComparison.Ordinal));
        var fixtures = Directory.EnumerateFiles(Path.Combine(TestData.Fixtures, "patients")).Select(f => Path.GetFileName(f)[..7]).ToHashSet(StringComparer.Ordinal);

        Assert.All(codes, code => Assert.Contains(code, fixtures));
    }
}
