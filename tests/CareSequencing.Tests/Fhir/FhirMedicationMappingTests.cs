using CareSequencing.Fhir;
using Hl7.Fhir.Model;

namespace CareSequencing.Tests.Fhir;

/// <summary>MedicationRequest, MedicationStatement and MedicationDispense: codes, referenced Medications, forms and statuses.</summary>
public sealed class FhirMedicationMappingTests
{
    private static readonly ResourceReference Subject = new("Patient/p");

    private static PatientContext Map(FhirMappingOptions? options, params Resource[] resources)
    {
        var bundle = new Bundle { Entry = [new() { Resource = new Patient { Id = "p" } }] };
        foreach (var resource in resources) bundle.Entry.Add(new() { FullUrl = resource.Id is null ? null! : "urn:uuid:" + resource.Id, Resource = resource });
        return FhirPatientContextMapper.FromBundle(bundle, options);
    }

    private static MedicationRequest Request(string status, DataType medication) => new()
    {
        StatusElement = new Code<MedicationRequest.MedicationrequestStatus> { JsonValue = status },
        Subject = Subject,
        Medication = medication,
    };

    private static CodeableConcept Atc(string code) => new(FhirSystems.Atc, code);

    [Theory]
    [InlineData("active", MedicationStatus.Active)]
    [InlineData("on-hold", MedicationStatus.Active)]
    [InlineData("draft", MedicationStatus.Planned)]
    [InlineData("completed", MedicationStatus.Stopped)]
    [InlineData("stopped", MedicationStatus.Stopped)]
    [InlineData("cancelled", MedicationStatus.Stopped)]
    [InlineData("unknown", MedicationStatus.Unknown)]
    public void FromBundle_MedicationRequestStatus_MapsToMedicationStatus(string status, MedicationStatus expected)
    {
        var patient = Map(null, Request(status, Atc("N06AB06")));

        Assert.Equal(expected, Assert.Single(patient.Medications).Status);
    }

    [Fact]
    public void FromBundle_MedicationRequestEnteredInError_IsIgnored()
    {
        var patient = Map(null, Request("entered-in-error", Atc("N06AB06")));

        Assert.Empty(patient.Medications);
        Assert.Contains(patient.InputWarnings, w => w.Path.EndsWith(".status", StringComparison.Ordinal));
    }

    [Fact]
    public void FromBundle_ReferenceToABundledMedication_ReadsItsCodeAndForm()
    {
        var medication = new Medication { Id = "m1", Code = Atc("N03AF01"), Form = new CodeableConcept { Text = "Oral Tablet" } };

        var patient = Map(null, medication, Request("active", new ResourceReference("urn:uuid:m1")));

        var read = Assert.Single(patient.Medications);
        Assert.Equal(("N03AF01", "tablet"), (read.Code, read.Form));
    }

    [Fact]
    public void FromBundle_ReferenceByTypeAndId_ResolvesToo()
    {
        var patient = Map(null, new Medication { Id = "m2", Code = Atc("N05BA01") }, Request("active", new ResourceReference("Medication/m2")));

        Assert.Equal(["N05BA01"], patient.Medications.Select(m => m.Code));
    }

    [Fact]
    public void FromBundle_ContainedMedicationWithoutCode_GivesOneMedicationPerIngredient()
    {
        var request = Request("active", new ResourceReference("#combo"));
        request.Contained.Add(new Medication
        {
            Id = "combo",
            Ingredient =
            [
                new Medication.IngredientComponent { Item = new CodeableConcept(FhirSystems.Atc, "N02BE01", "paracetamol") },
                new Medication.IngredientComponent { Item = new ResourceReference("#oxy") },
            ],
        });
        request.Contained.Add(new Medication { Id = "oxy", Code = new CodeableConcept(FhirSystems.Atc, "N02AA05", "oxycodone") });

        var patient = Map(null, request);

        Assert.Equal([("N02BE01", "paracetamol"), ("N02AA05", "oxycodone")], patient.Medications.Select(m => (m.Code, m.Name)));
        Assert.Empty(patient.InputWarnings);
    }

    [Fact]
    public void FromBundle_MissingReferencedMedication_IsAWarning()
    {
        var patient = Map(null, Request("active", new ResourceReference("Medication/absent")));

        Assert.Empty(patient.Medications);
        Assert.Contains(patient.InputWarnings, w => w is { Code: "CSQ3004" } && w.Path.EndsWith(".medicationReference", StringComparison.Ordinal));
    }

    [Fact]
    public void FromBundle_DosageRoute_IsTheFormWhenTheMedicationHasNone()
    {
        var request = Request("active", Atc("N06AB06"));
        request.DosageInstruction.Add(new Dosage { Route = new CodeableConcept { Text = "Sublingual" } });

        var patient = Map(null, request);

        Assert.Equal("oromucosal", Assert.Single(patient.Medications).Form); // sublingual, in the packs' words (DoseForms)
    }

    [Fact]
    public void FromBundle_MedicationStatementWithEndedPeriod_IsStoppedOnlyWithAsOf()
    {
        MedicationStatement Statement() => new()
        {
            Status = MedicationStatement.MedicationStatusCodes.Active,
            Subject = Subject,
            Medication = Atc("N05BA01"),
            Effective = new Period { Start = "2026-01-10", End = "2026-02-10" },
        };

        var recorded = Map(null, Statement());
        var before = Map(new FhirMappingOptions { AsOf = new DateOnly(2026, 2, 10) }, Statement());
        var after = Map(new FhirMappingOptions { AsOf = new DateOnly(2026, 2, 11) }, Statement());

        Assert.Equal(MedicationStatus.Active, Assert.Single(recorded.Medications).Status);
        Assert.Equal(MedicationStatus.Active, Assert.Single(before.Medications).Status);
        Assert.Equal(MedicationStatus.Stopped, Assert.Single(after.Medications).Status);
        Assert.Equal(new DateOnly(2026, 1, 10), after.Medications[0].Start);
        Assert.Single(after.InputWarnings, w => w.Code == "CSQ3043");
        Assert.DoesNotContain(before.InputWarnings, w => w.Code == "CSQ3043");
    }

    [Theory]
    [InlineData("completed", MedicationStatus.Active)]
    [InlineData("in-progress", MedicationStatus.Planned)]
    [InlineData("declined", MedicationStatus.Stopped)]
    public void FromBundle_MedicationDispenseStatus_MapsWithWhenHandedOverAsStart(string status, MedicationStatus expected)
    {
        var dispense = new MedicationDispense
        {
            StatusElement = new Code<MedicationDispense.MedicationDispenseStatusCodes> { JsonValue = status },
            Subject = Subject,
            Medication = Atc("N06AB06"),
            WhenHandedOver = "2026-11-01",
        };

        var medication = Assert.Single(Map(null, dispense).Medications);

        Assert.Equal((expected, new DateOnly(2026, 11, 1)), (medication.Status, medication.Start));
    }

    [Theory]
    [InlineData(2026, 12, 1, MedicationStatus.Active)]
    [InlineData(2026, 12, 2, MedicationStatus.Stopped)]
    public void FromBundle_CompletedDispense_IsStoppedWhenItsSupplyEndedBeforeAsOf(int year, int month, int day, MedicationStatus expected)
    {
        var dispense = new MedicationDispense
        {
            Status = MedicationDispense.MedicationDispenseStatusCodes.Completed,
            Subject = Subject,
            Medication = Atc("N06AB06"),
            WhenHandedOver = "2026-11-01",
            DaysSupply = new Quantity(30, "d"),
        };

        var patient = Map(new FhirMappingOptions { AsOf = new DateOnly(year, month, day) }, dispense);

        Assert.Equal(expected, Assert.Single(patient.Medications).Status);
    }

    [Fact]
    public void FromBundle_NationalAtcSystems_AreReadAsAtc()
    {
        var patient = Map(null,
            Request("active", new CodeableConcept(FhirSystems.AtcBfarm, "N06AB06")),
            Request("active", new CodeableConcept(FhirSystems.AtcAns, "N05BA01")));

        Assert.Equal(["N06AB06", "N05BA01"], patient.Medications.Select(m => m.Code));
        Assert.Empty(patient.InputWarnings);
    }
}
