using CareSequencing.Fhir;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Fhir;

public sealed class FhirPatientContextMapperTests
{
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    private static PatientContext Map(string name) =>
        FhirPatientContextMapper.FromJson(File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", name)));

    [Fact]
    public void FromJson_DoubleDiagnosisBundle_MapsEveryFact()
    {
        var patient = Map("double-diagnosis-alcohol.json");

        Assert.Empty(patient.InputWarnings);
        Assert.Equal("p-001", patient.Id);
        Assert.Equal(new DateOnly(1971, 4, 2), patient.BirthDate);
        Assert.Equal(Sex.Female, patient.Sex);
        Assert.Equal(["F32.1", "F10.2"], patient.Conditions.Select(c => c.Code));
        Assert.All(patient.Conditions, c => Assert.Equal(ClinicalStatus.Active, c.Status));
        Assert.Equal(new DateOnly(2026, 9, 1), patient.Conditions[0].Onset);
        Assert.Equal(["N06AB06", "N02AX02"], patient.Medications.Select(m => m.Code));
        Assert.Equal(["sertraline", "tramadol"], patient.Medications.Select(m => m.Name));
        Assert.All(patient.Medications, m => Assert.Equal("oral", m.Form));
        Assert.All(patient.Medications, m => Assert.Equal(MedicationStatus.Active, m.Status));
        Assert.Equal(new DateOnly(2026, 11, 10), patient.Medications[1].Start);
        var therapy = Assert.Single(patient.Therapies);
        Assert.Equal("psychotherapy/cbt", therapy.Kind);
        Assert.Equal(TherapyStatus.Planned, therapy.Status);
        Assert.Equal("medication-treatment", patient.Phase.Current);
        Assert.Equal(["assessment"], patient.Phase.Completed);
        Assert.Equal(["social-isolation"], patient.Flags);
        Assert.Equal(["psychotherapy/psychoanalysis"], patient.Preferences.Declined);
    }

    [Fact]
    public void FromJson_DoubleDiagnosisBundle_GivesTheSameAlertsAndProposalsAsTheYamlSample()
    {
        var evaluator = TestData.Evaluator(Shipped.Value);
        var yaml = PatientContextReader.ReadFile(Path.Combine(TestData.RepositoryRoot, "samples", "patients", "double-diagnosis-alcohol.yaml"));

        var fromFhir = evaluator.Evaluate(Map("double-diagnosis-alcohol.json"));
        var fromYaml = evaluator.Evaluate(yaml);

        Assert.NotEmpty(fromYaml.Alerts);
        Assert.Equal(fromYaml.Alerts.Select(a => a.RuleId), fromFhir.Alerts.Select(a => a.RuleId));
        Assert.Equal(fromYaml.Proposals.Select(p => p.RuleId), fromFhir.Proposals.Select(p => p.RuleId));
        Assert.Contains(fromFhir.Alerts, a => a.Codes.Contains("N06AB06") && a.Codes.Contains("N02AX02"));
    }

    [Fact]
    public void FromJson_RxNormAndSnomedOnly_WithoutTranslators_ListsEachCodingAsUncheckedWithOneSummaryWarning()
    {
        var patient = FhirPatientContextMapper.FromJson(File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "foreign-codes.json")), TestData.FhirOptionsWithoutTranslators());

        Assert.Empty(patient.Conditions);
        Assert.Empty(patient.Medications);
        Assert.Equal(Sex.Male, patient.Sex);
        Assert.Equal(
            [(UncheckedCodeKind.Condition, "http://snomed.info/sct", "35489007", "Bundle.entry[1].resource.code.coding[0]"),
             (UncheckedCodeKind.Medication, "http://www.nlm.nih.gov/research/umls/rxnorm", "36437", "Bundle.entry[2].resource.medicationCodeableConcept.coding[0]")],
            patient.Unchecked.Select(u => (u.Kind, u.System, u.Code, u.Path)));
        var warning = Assert.Single(patient.InputWarnings);
        Assert.Equal(("CSQ3042", "Bundle"), (warning.Code, warning.Path));
        // The Observation cannot hold a fact the rules use: it is not a gap, so no CSQ3008 or CSQ3041.
        Assert.DoesNotContain("sertraline", warning.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("36437", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_RxNormIngredient_ByDefault_IsReadThroughTheDefaultMaps_AndAnUnknownSnomedConceptWarns()
    {
        var patient = Map("foreign-codes.json");

        var medication = Assert.Single(patient.Medications);
        Assert.Equal("N06AB06", medication.Code);
        Assert.Equal(CodeMapping.Map, medication.Origin?.Mapping);
        Assert.Empty(patient.Conditions); // 35489007 is not in the SNOMED CT starter map
        Assert.Contains(patient.Unchecked, u => u is { Kind: UncheckedCodeKind.Condition, Code: "35489007", Path: "Bundle.entry[1].resource.code.coding[0]" });
        Assert.Contains(patient.InputWarnings, w => w is { Code: "CSQ3042", Path: "Bundle" });
        Assert.All(patient.InputWarnings, w => Assert.DoesNotContain("sertraline", w.Message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void FromJson_EnteredInErrorCondition_IsIgnoredWithASummaryWarning()
    {
        var patient = Map("entered-in-error.json");

        var condition = Assert.Single(patient.Conditions);
        Assert.Equal("F41.1", condition.Code);
        Assert.Equal(ClinicalStatus.Resolved, condition.Status);
        var warning = Assert.Single(patient.InputWarnings);
        Assert.Equal(("CSQ3044", "Bundle"), (warning.Code, warning.Path));
    }

    [Fact]
    public void FromJson_MedicationRequestWithContainedMedication_ReadsCodeFormAndStart()
    {
        var patient = Map("medication-request-contained.json");

        Assert.Empty(patient.InputWarnings);
        var medication = Assert.Single(patient.Medications);
        Assert.Equal("N06AB06", medication.Code);
        Assert.Equal("sertraline", medication.Name);
        Assert.Equal("tablet", medication.Form);
        Assert.Equal(MedicationStatus.Active, medication.Status);
        Assert.Equal(new DateOnly(2026, 11, 1), medication.Start);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"x\"}")]
    [InlineData("{\"hello\":1}")]
    public void FromJson_NotABundle_ThrowsFhirInputException(string json) =>
        Assert.Throws<FhirInputException>(() => FhirPatientContextMapper.FromJson(json));

    [Fact]
    public void FromBundle_InvalidIcd10AndMissingCode_AreWarnings()
    {
        var subject = new Hl7.Fhir.Model.ResourceReference("Patient/p");
        var bundle = new Hl7.Fhir.Model.Bundle
        {
            Entry =
            [
                new() { Resource = new Hl7.Fhir.Model.Patient { Id = "p" } },
                new() { Resource = new Hl7.Fhir.Model.Condition { Subject = subject, Code = new("http://hl7.org/fhir/sid/icd-10", "depression") } },
                new() { Resource = new Hl7.Fhir.Model.Condition { Subject = subject } },
            ],
        };

        var patient = FhirPatientContextMapper.FromBundle(bundle);

        Assert.Empty(patient.Conditions);
        Assert.Contains(patient.InputWarnings, w => w is { Code: "CSQ3002", Path: "Bundle.entry[1].resource.code.coding[0].code" });
        Assert.Contains(patient.InputWarnings, w => w is { Code: "CSQ3004", Path: "Bundle.entry[2].resource.code" });
    }
}

public sealed class FhirPatientContextMapperToleranceTests
{
    [Fact]
    public void FromJson_NonConformingElements_WarnsAndKeepsWhatItCanRead()
    {
        const string json = """
            {
              "resourceType": "Bundle",
              "type": "collection",
              "entry": [
                { "resource": { "resourceType": "Patient", "id": "p-9", "gender": "woman", "birthDate": "1970" } },
                { "resource": { "resourceType": "Flag", "status": "active", "unknownElement": 1, "subject": { "reference": "Patient/p-9" },
                    "code": { "coding": [ { "system": "https://caresequencing.org/fhir/CodeSystem/flag", "code": "high-anxiety" } ] } } }
              ]
            }
            """;

        var patient = FhirPatientContextMapper.FromJson(json);

        Assert.Equal("p-9", patient.Id);
        Assert.Equal(["high-anxiety"], patient.Flags);
        Assert.Null(patient.BirthDate);
        // The parser's issues name their element; the gender's value is not quoted.
        Assert.Contains(patient.InputWarnings, w => w.Code == "CSQ3010" && w.Path.StartsWith("Bundle.entry[1].resource", StringComparison.Ordinal));
        Assert.DoesNotContain(patient.InputWarnings, w => w.Code == "CSQ3010" && w.Message.Contains("woman", StringComparison.Ordinal));
        Assert.Contains(patient.InputWarnings, w => w is { Code: "CSQ3009", Path: "Bundle.entry[0].resource.birthDate" });
        Assert.Contains(patient.InputWarnings, w => w is { Code: "CSQ3005", Path: "Bundle.entry[0].resource.gender" });
    }

    [Fact]
    public void FromBundle_TherapiesFromProcedureServiceRequestAndDeclinedActivity_MapStatuses()
    {
        const string kind = "https://caresequencing.org/fhir/CodeSystem/therapy-kind";
        var subject = new Hl7.Fhir.Model.ResourceReference("Patient/p");
        var bundle = new Hl7.Fhir.Model.Bundle
        {
            Entry =
            [
                new() { Resource = new Hl7.Fhir.Model.Procedure { Subject = subject, Status = Hl7.Fhir.Model.EventStatus.Completed, Code = new(kind, "education/programme") } },
                new() { Resource = new Hl7.Fhir.Model.ServiceRequest { Subject = subject, Status = Hl7.Fhir.Model.RequestStatus.Active, Code = new(kind, "coordination/shared-care") } },
                new() { Resource = new Hl7.Fhir.Model.ServiceRequest { Subject = subject, Status = Hl7.Fhir.Model.RequestStatus.Active, DoNotPerform = true, Code = new(kind, "psychotherapy/cbt") } },
                new() { Resource = new Hl7.Fhir.Model.Procedure { Subject = subject, Status = Hl7.Fhir.Model.EventStatus.Completed, Code = new("http://snomed.info/sct", "228557008") } },
            ],
        };

        var patient = FhirPatientContextMapper.FromBundle(bundle);

        Assert.Equal(
            [("education/programme", TherapyStatus.Completed), ("coordination/shared-care", TherapyStatus.Planned), ("psychotherapy/cbt", TherapyStatus.Declined)],
            patient.Therapies.Select(t => (t.Kind, t.Status)));
        var warning = Assert.Single(patient.InputWarnings);
        // The SNOMED CT procedure is counted in one summary, not warned at its coding.
        Assert.Equal(("CSQ3042", "Bundle"), (warning.Code, warning.Path));
    }
}

public sealed class FhirDependencyBoundaryTests
{
    [Theory]
    [InlineData(typeof(PatientContext))]
    [InlineData(typeof(CareSequencing.Authoring.Scenarios.Scenario))]
    public void PublicSurface_OfOtherAssemblies_HasNoFirelyType(Type anchor)
    {
        var leaks = anchor.Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .SelectMany(m => m switch
            {
                System.Reflection.MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType),
                System.Reflection.PropertyInfo property => [property.PropertyType],
                System.Reflection.FieldInfo field => [field.FieldType],
                System.Reflection.ConstructorInfo ctor => ctor.GetParameters().Select(p => p.ParameterType),
                _ => [],
            })
            .Where(t => t.Namespace?.StartsWith("Hl7.", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Empty(leaks);
    }
}

public sealed class FhirCarePlanReferenceTests
{
    [Fact]
    public void FromJson_ActivityReferencingABundledServiceRequest_ReadsItOnce_AndAMissingOneIsAWarning()
    {
        const string json = """
            {
              "resourceType": "Bundle",
              "type": "collection",
              "entry": [
                { "fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000001",
                  "resource": { "resourceType": "ServiceRequest", "status": "active", "intent": "order",
                    "subject": { "reference": "Patient/x" },
                    "code": { "coding": [ { "system": "https://caresequencing.org/fhir/CodeSystem/therapy-kind", "code": "transition/hospital-discharge" } ] } } },
                { "resource": { "resourceType": "CarePlan", "status": "active", "intent": "plan", "subject": { "reference": "Patient/x" },
                    "activity": [
                      { "reference": { "reference": "urn:uuid:00000000-0000-4000-8000-000000000001" } },
                      { "reference": { "reference": "ServiceRequest/elsewhere" } }
                    ] } }
              ]
            }
            """;

        var patient = FhirPatientContextMapper.FromJson(json);

        var therapy = Assert.Single(patient.Therapies);
        Assert.Equal(("transition/hospital-discharge", TherapyStatus.Planned), (therapy.Kind, therapy.Status));
        var warning = Assert.Single(patient.InputWarnings);
        Assert.Equal(("CSQ3004", "Bundle.entry[1].resource.activity[1].reference"), (warning.Code, warning.Path));
    }
}
