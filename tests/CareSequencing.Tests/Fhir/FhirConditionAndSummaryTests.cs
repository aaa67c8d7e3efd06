using CareSequencing.Fhir;
using CareSequencing.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace CareSequencing.Tests.Fhir;

/// <summary>Condition statuses, and warnings a person can read: one summary per kind, each unread coding listed once.</summary>
public sealed class FhirConditionAndSummaryTests
{
    private static readonly ResourceReference Subject = new("Patient/p");

    private static PatientContext Map(FhirMappingOptions? options, params Resource[] resources)
    {
        var bundle = new Bundle { Entry = [new() { Resource = new Patient { Id = "p" } }] };
        foreach (var resource in resources) bundle.Entry.Add(new() { Resource = resource });
        return FhirPatientContextMapper.FromBundle(bundle, options);
    }

    // The structure of the mapping, without the shipped default maps (which read RxNorm and SNOMED CT).
    private static FhirMappingOptions WithoutTranslators() => TestData.FhirOptionsWithoutTranslators();

    private static Condition Condition(string? clinical, string? verification = null, DataType? abatement = null) => new()
    {
        Subject = Subject,
        Code = new CodeableConcept(FhirSystems.Icd10, "F32.1"),
        ClinicalStatus = clinical is null ? null : new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical),
        VerificationStatus = verification is null ? null : new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification),
        Abatement = abatement,
    };

    [Theory]
    [InlineData("active", ClinicalStatus.Active)]
    [InlineData("recurrence", ClinicalStatus.Active)]
    [InlineData("relapse", ClinicalStatus.Active)]
    [InlineData("remission", ClinicalStatus.Remission)]
    [InlineData("inactive", ClinicalStatus.Resolved)]
    [InlineData("resolved", ClinicalStatus.Resolved)]
    public void FromBundle_ConditionClinicalStatus_MapsToClinicalStatus(string clinical, ClinicalStatus expected) =>
        Assert.Equal(expected, Assert.Single(Map(null, Condition(clinical)).Conditions).Status);

    [Fact]
    public void FromBundle_ConditionWithAbatement_IsResolvedEvenWhenMarkedActive()
    {
        var patient = Map(null, Condition("active", abatement: new FhirDateTime("2020-03-01")), Condition(null, abatement: new FhirString("in childhood")));

        Assert.All(patient.Conditions, c => Assert.Equal(ClinicalStatus.Resolved, c.Status));
        Assert.Equal(2, patient.Conditions.Count);
    }

    [Theory]
    [InlineData("refuted")]
    [InlineData("entered-in-error")]
    public void FromBundle_RefutedOrEnteredInErrorCondition_IsIgnoredInOneSummary(string verification)
    {
        var patient = Map(null, Condition("active", verification), Condition("active", verification));

        Assert.Empty(patient.Conditions);
        var warning = Assert.Single(patient.InputWarnings);
        Assert.Equal(("CSQ3044", "Bundle"), (warning.Code, warning.Path));
        Assert.StartsWith("2 ", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unconfirmed", true)]
    [InlineData("provisional", true)]
    [InlineData("differential", true)]
    [InlineData("confirmed", false)]
    public void FromBundle_UnconfirmedCondition_IsReadWithASummaryWarning(string verification, bool warned)
    {
        var patient = Map(null, Condition("active", verification));

        Assert.Equal(ClinicalStatus.Active, Assert.Single(patient.Conditions).Status);
        Assert.Equal(warned, patient.InputWarnings.Any(w => w.Code == "CSQ3044"));
    }

    [Fact]
    public void FromBundle_OneUsableCodingAmongOthers_GivesNoWarningAndNothingUnchecked()
    {
        var code = new CodeableConcept(FhirSystems.Snomed, "35489007", "Depressive disorder");
        code.Coding.Add(new Coding(FhirSystems.Icd10, "F32.9"));

        var patient = Map(null, new Condition { Subject = Subject, Code = code });

        Assert.Equal(["F32.9"], patient.Conditions.Select(c => c.Code));
        Assert.Empty(patient.InputWarnings);
        Assert.Empty(patient.Unchecked);
    }

    [Fact]
    public void FromBundle_RepeatedUnreadCodings_AreListedOnceAndCountedOnce()
    {
        MedicationRequest Oxycodone() => new()
        {
            Status = MedicationRequest.MedicationrequestStatus.Active,
            Subject = Subject,
            Medication = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "1049621", "Oxycodone Hydrochloride 5 MG Oral Tablet"),
        };
        var snomed = new Condition { Subject = Subject, Code = new CodeableConcept(FhirSystems.Snomed, "84757009", "Epilepsy") };

        var patient = Map(WithoutTranslators(), Oxycodone(), Oxycodone(), Oxycodone(), snomed);

        Assert.Equal([(UncheckedCodeKind.Medication, "1049621"), (UncheckedCodeKind.Condition, "84757009")], patient.Unchecked.Select(u => (u.Kind, u.Code)));
        Assert.Equal("Oxycodone Hydrochloride 5 MG Oral Tablet", patient.Unchecked[0].Display);
        Assert.Equal("Bundle.entry[1].resource.medicationCodeableConcept.coding[0]", patient.Unchecked[0].Path);
        var warning = Assert.Single(patient.InputWarnings);
        Assert.Equal("CSQ3042", warning.Code);
        Assert.Equal("1 medication(s) and 1 condition(s) could not be read as ATC or ICD-10 codes and were not checked.", warning.Message);
    }

    [Fact]
    public void FromBundle_StoppedMedicationAndResolvedCondition_AreNotListedAsUnchecked()
    {
        // Neither would be checked even with an ATC or ICD-10 code: listing them would say a check was missed.
        var stopped = new MedicationRequest
        {
            Status = MedicationRequest.MedicationrequestStatus.Stopped,
            Subject = Subject,
            Medication = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "1049621"),
        };
        var resolved = new Condition
        {
            Subject = Subject,
            ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved"),
            Code = new CodeableConcept(FhirSystems.Snomed, "84757009"),
        };

        var patient = Map(null, stopped, resolved);

        Assert.Empty(patient.Unchecked);
        Assert.Empty(patient.InputWarnings);
    }

    [Fact]
    public void FromBundle_TranslatorAnswersOneCodingOfAConcept_TheOtherIsNotUnchecked()
    {
        var options = new FhirMappingOptions();
        options.Translators.Add(new OneCodeTranslator("36437", "N06AB06"));
        var concept = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "36437", "sertraline");
        concept.Coding.Add(new Coding("http://example.org/local", "X1"));

        var patient = Map(options, new MedicationStatement { Status = MedicationStatement.MedicationStatusCodes.Active, Subject = Subject, Medication = concept });

        Assert.Equal("N06AB06", Assert.Single(patient.Medications).Code);
        Assert.Empty(patient.Unchecked);
        Assert.Empty(patient.InputWarnings);
    }

    [Fact]
    public void FromJson_ResourcesNotRead_AreOneSummaryCountingOnlyTypesThatCouldHoldFacts()
    {
        var patient = FhirPatientContextMapper.FromJson(File.ReadAllText(Path.Combine(TestData.Fixtures, "patients", "CSQ3041-resources-not-read.json")));

        var warning = Assert.Single(patient.InputWarnings);
        Assert.Equal(("CSQ3041", "Bundle"), (warning.Code, warning.Path));
        Assert.Equal("1 resource(s) of 1 type(s) that can hold facts the rules use were not read: MedicationAdministration ×1. "
            + "Not counted, as they hold no such facts: 3 other resource(s) (Encounter ×2, Organization ×1).", warning.Message);
    }

    [Fact]
    public void FromBundle_OnlyTypesThatHoldNoFacts_GiveNoWarning()
    {
        var patient = Map(null, new Encounter { Subject = Subject }, new Observation { Subject = Subject }, new Organization());

        Assert.Empty(patient.InputWarnings);
    }

    [Fact]
    public void FromBundle_Icd10Gm_IsReadAsIcd10()
    {
        var patient = Map(null, new Condition { Subject = Subject, Code = new CodeableConcept(FhirSystems.Icd10Gm, "E11.90") });

        Assert.Equal("E11.90", Assert.Single(patient.Conditions).Code);
        Assert.Empty(patient.InputWarnings);
    }

    [Fact]
    public void FromBundle_Icd10Cm_IsNotReadAsIcd10WithoutATranslator()
    {
        Condition Cm() => new() { Subject = Subject, Code = new CodeableConcept("http://hl7.org/fhir/sid/icd-10-cm", "F32.A") };
        var patient = Map(WithoutTranslators(), Cm());

        Assert.Empty(patient.Conditions);
        Assert.Equal("F32.A", Assert.Single(patient.Unchecked).Code);

        // The shipped default maps read it as its WHO parent, and say so.
        var mapped = Assert.Single(Map(null, Cm()).Conditions);
        Assert.Equal(("F32", CodeMapping.Parent), (mapped.Code, mapped.Origin!.Mapping));
    }

    [Fact]
    public void FromJson_ManyNonConformingElements_NameTheFirstPathsAndCountTheRest()
    {
        var entries = string.Join(",", Enumerable.Range(0, 8).Select(i =>
            $$"""{ "resource": { "resourceType": "Flag", "status": "active", "odd{{i}}": 1, "subject": { "reference": "Patient/p" } } }"""));
        var json = $$"""{ "resourceType": "Bundle", "type": "collection", "entry": [ { "resource": { "resourceType": "Patient", "id": "p" } }, {{entries}} ] }""";

        var warnings = FhirPatientContextMapper.FromJson(json).InputWarnings.Where(w => w.Code == "CSQ3010").ToList();

        Assert.Equal(6, warnings.Count);
        Assert.All(warnings.Take(5), w => Assert.StartsWith("Bundle.entry[", w.Path, StringComparison.Ordinal));
        Assert.Equal("Bundle", warnings[5].Path);
        Assert.EndsWith("more element(s) did not conform to FHIR R4; what could be read was used.", warnings[5].Message, StringComparison.Ordinal);
    }

    private sealed class OneCodeTranslator(string from, string to) : ICodeTranslator
    {
        public string Name => "test";

        public ValueTask<CodeTranslation> TranslateAsync(SourceCoding coding, TerminologyTarget target, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(coding.Code == from ? CodeTranslation.Of(new TranslatedCode(to, CodeMapping.Map, "test")) : CodeTranslation.None);
    }
}
