using CareSequencing.Fhir;

namespace CareSequencing.Tests.Fhir;

/// <summary><see cref="FhirPatientContextMapper.Read"/>, <see cref="FhirPatientContextMapper.FromXml"/>: FHIR as it comes (JSON or XML, a Bundle or one resource).</summary>
public sealed class FhirReadTests
{
    private static string Fixture(params string[] parts) => File.ReadAllText(Path.Combine([TestData.Fixtures, "fhir", .. parts]));

    [Fact]
    public void Read_Hl7MedicationRequestAlone_IsReadWithoutAPatient()
    {
        var read = FhirPatientContextMapper.Read(Fixture("hl7", "medicationrequest0301.json"));

        Assert.Equal(("MedicationRequest", FhirFormat.Json, (string?)null, 0), (read.ResourceType, read.Format, read.BundleType, read.EntryCount));
        // No Patient sent: read for the one patient the resource names.
        Assert.Equal("pat1", read.Context.Id);
        // Its medication is SNOMED CT only and the request is completed: not a current medication, so nothing
        // was read and nothing is reported as missing from the check.
        Assert.Empty(read.Context.Medications);
        Assert.Empty(read.Context.Unchecked);
        Assert.All(read.Context.InputWarnings, w => Assert.StartsWith("MedicationRequest", w.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LoneMedicationRequestWithAtc_KeepsTheMedication()
    {
        const string json = """
            { "resourceType": "MedicationRequest", "status": "active", "intent": "order",
              "medicationCodeableConcept": { "coding": [ { "system": "http://www.whocc.no/atc", "code": "N06AB06" } ] },
              "subject": { "reference": "Patient/elsewhere" } }
            """;

        var read = FhirPatientContextMapper.Read(json);

        Assert.Equal("N06AB06", Assert.Single(read.Context.Medications).Code);
        Assert.Equal(MedicationStatus.Active, read.Context.Medications[0].Status);
    }

    [Fact]
    public void Read_LoneCondition_KeepsTheCondition()
    {
        var read = FhirPatientContextMapper.Read(Fixture("condition-icd10.json"));

        Assert.Equal("Condition", read.ResourceType);
        Assert.Equal("F10.2", Assert.Single(read.Context.Conditions).Code);
        Assert.Empty(read.Context.InputWarnings);
    }

    [Fact]
    public void Read_Hl7PatientXml_ReadsSexAndBirthDate()
    {
        var read = FhirPatientContextMapper.Read(Fixture("hl7", "patient-example.xml"));

        Assert.Equal(("Patient", FhirFormat.Xml), (read.ResourceType, read.Format));
        Assert.Equal("example", read.Context.Id);
        Assert.Equal(Sex.Male, read.Context.Sex);
        Assert.Equal(new DateOnly(1974, 12, 25), read.Context.BirthDate);
    }

    [Fact]
    public void Read_Hl7ConditionXml_ResolvedSnomedOnly_KeepsNothingAndReportsNoMissedCheck()
    {
        var read = FhirPatientContextMapper.Read(Fixture("hl7", "condition-example-f201-fever.xml"));

        Assert.Equal(("Condition", FhirFormat.Xml), (read.ResourceType, read.Format));
        // A resolved fever (SNOMED CT 386661006): not a fact the rules use, so not listed as unchecked either.
        Assert.Empty(read.Context.Conditions);
        Assert.Empty(read.Context.Unchecked);
    }

    [Fact]
    public void Read_Hl7SearchsetBundleXml_DescribesTheBundle()
    {
        var read = FhirPatientContextMapper.Read(Fixture("hl7", "bundle-example.xml"));

        Assert.Equal(("Bundle", FhirFormat.Xml, "searchset", 2), (read.ResourceType, read.Format, read.BundleType, read.EntryCount));
    }

    [Fact]
    public void FromXml_Bundle_GivesTheSameFactsAsTheJsonBundle()
    {
        var xml = FhirPatientContextMapper.FromXml(Fixture("double-diagnosis-alcohol.xml"));
        var json = FhirPatientContextMapper.FromJson(Fixture("double-diagnosis-alcohol.json"));

        Assert.Empty(xml.InputWarnings);
        Assert.Equal(("p-001", Sex.Female, new DateOnly(1971, 4, 2)), (xml.Id, xml.Sex, xml.BirthDate!.Value));
        Assert.Equal(json.Conditions.Select(c => c.Code), xml.Conditions.Select(c => c.Code));
        Assert.Equal(json.Medications.Select(m => (m.Code, m.Form)), xml.Medications.Select(m => (m.Code, m.Form)));
    }

    [Fact]
    public void Read_TransactionBundleJson_DescribesTypeAndEntries()
    {
        var json = Fixture("double-diagnosis-alcohol.json").Replace("\"type\": \"collection\"", "\"type\": \"transaction\"", StringComparison.Ordinal);

        var read = FhirPatientContextMapper.Read(json);

        Assert.Equal(("Bundle", FhirFormat.Json, "transaction"), (read.ResourceType, read.Format, read.BundleType));
        Assert.Equal(9, read.EntryCount);
    }

    [Fact]
    public void FromXml_SingleResource_IsRefusedAsNotABundle()
    {
        var error = Assert.Throws<FhirInputException>(() => FhirPatientContextMapper.FromXml(Fixture("hl7", "patient-example.xml")));

        Assert.Contains("not a Bundle", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<patient><id>x</id></patient>", "not in the FHIR namespace")]
    [InlineData("<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"x\"></Patient>", "not well-formed XML")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE Patient [<!ENTITY x \"y\">]><Patient xmlns=\"http://hl7.org/fhir\"/>", "has a DTD")]
    [InlineData("id: x", "neither FHIR JSON")]
    public void Read_NotFhirXml_IsRefusedWithoutQuotingTheText(string text, string expected)
    {
        var error = Assert.Throws<FhirInputException>(() => FhirPatientContextMapper.Read(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("patient>", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(4, true)]
    public void Read_XmlEntries_AreLimitedLikeJson(int maxEntries, bool refused)
    {
        var xml = Fixture("double-diagnosis-alcohol.xml"); // 5 entries

        var error = Record.Exception(() => FhirPatientContextMapper.Read(xml, new FhirMappingOptions { MaxEntries = maxEntries }));

        Assert.Equal(refused, error is FhirInputException { Message: var m } && m.Contains("MaxEntries", StringComparison.Ordinal));
        if (!refused) Assert.Null(error);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(7, true)]
    public void Read_XmlDepth_IsLimitedLikeJson(int maxDepth, bool refused)
    {
        // Bundle > entry > resource > MedicationRequest > dosageInstruction > route > coding > system: depth 7 (0-based).
        var xml = Fixture("double-diagnosis-alcohol.xml");

        var error = Record.Exception(() => FhirPatientContextMapper.Read(xml, new FhirMappingOptions { MaxDepth = maxDepth }));

        Assert.Equal(refused, error is FhirInputException { Message: var m } && m.Contains("MaxDepth", StringComparison.Ordinal));
        if (!refused) Assert.Null(error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Read_XmlLargerThanMaxBundleBytes_IsRefused(int margin)
    {
        var xml = Fixture("double-diagnosis-alcohol.xml");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(xml);

        var error = Record.Exception(() => FhirPatientContextMapper.Read(xml, new FhirMappingOptions { MaxBundleBytes = bytes + margin }));

        Assert.Equal(margin < 0, error is FhirInputException { Message: var m } && m.Contains("MaxBundleBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_SameAsRead()
    {
        var text = Fixture("double-diagnosis-alcohol.xml");

        var read = await FhirPatientContextMapper.ReadAsync(text);
        var fromXml = await FhirPatientContextMapper.FromXmlAsync(text);

        Assert.Equal(("transaction", 5), (read.BundleType, read.EntryCount));
        Assert.Equal(fromXml.Medications.Select(m => m.Code), read.Context.Medications.Select(m => m.Code));
    }

    [Theory]
    [InlineData("""{ "resourceType": "Foo", "id": "x" }""")]
    [InlineData("""{ "resourceType": "Patient", "id": "x" """)]
    [InlineData("""{ "id": "x" }""")]
    public void Read_JsonThatIsNotAFhirResource_IsRefused(string json) =>
        Assert.Throws<FhirInputException>(() => FhirPatientContextMapper.Read(json));

    [Theory]
    [InlineData("double-diagnosis-alcohol.xml")]
    [InlineData("hl7/bundle-example.xml")]
    [InlineData("double-diagnosis-alcohol.json")]
    public void Read_TruncatedAnywhere_EitherReadsOrThrowsFhirInputException(string fixture)
    {
        var text = Fixture(fixture.Split('/'));

        for (var length = 0; length < text.Length; length += 7)
        {
            var error = Record.Exception(() => FhirPatientContextMapper.Read(text[..length]));

            Assert.True(error is null or FhirInputException, $"at {length}: {error?.GetType().Name}");
        }
    }

    [Theory]
    [InlineData("Patient", true)]
    [InlineData("MedicationRequest", true)]
    [InlineData("Bundle", true)]
    [InlineData("Resource", false)]
    [InlineData("DomainResource", false)]
    [InlineData("Patients", false)]
    [InlineData("patient", false)]
    public void IsResourceType_KnowsR4Names(string name, bool expected) =>
        Assert.Equal(expected, FhirPatientContextMapper.IsResourceType(name));
}
