using System.Text.Json.Nodes;
using CareSequencing.Loading;
using CareSequencing.Presentation;
using CareSequencing.Tests.Schema;

namespace CareSequencing.Tests.Cli;

/// <summary><c>caresequencing map</c>: the context the library read, in the patient-file shape, with origins.</summary>
public sealed class MapCommandTests
{
    private static readonly PatientContext Translated = new()
    {
        Id = "p-map",
        BirthDate = new DateOnly(1960, 5, 1),
        Sex = Sex.Male,
        Conditions = [new PatientCondition("G40") { Origin = new CodeOrigin("http://snomed.info/sct", "84757009") { Display = "Epilepsy", Mapping = CodeMapping.Map, Source = "starter map row 12" } }],
        Medications =
        [
            new PatientMedication("N03AF01")
            {
                Name = "carbamazepine", Form = "oral tablet", Start = new DateOnly(2020, 1, 2),
                Origin = new CodeOrigin("http://www.nlm.nih.gov/research/umls/rxnorm", "197322") { Display = "Carbamazepine 200 MG Oral Tablet", Mapping = CodeMapping.Name, Source = "default maps: atc-names row 3" },
            },
            new PatientMedication("N03AE01") { Name = "clonazepam", Status = MedicationStatus.Stopped },
        ],
        Unchecked = [new UncheckedCode(UncheckedCodeKind.Medication, "http://www.nlm.nih.gov/research/umls/rxnorm", "1049621") { Display = "oxycodone 5 MG Oral Tablet", Path = "Bundle.entry[3].resource.medicationCodeableConcept" }],
    };

    [Fact]
    public void Write_ThenRead_GivesTheSameContext()
    {
        var json = PatientContextJsonWriter.Write(Translated);
        var read = PatientContextReader.Parse(json);
        Assert.Empty(read.InputWarnings);
        Assert.Equal(Translated.Conditions, read.Conditions);
        Assert.Equal(Translated.Medications, read.Medications);
        Assert.Equal(Translated.Unchecked, read.Unchecked);
        Assert.Equal(Translated.BirthDate, read.BirthDate);
        Assert.Equal(Translated.Sex, read.Sex);
    }

    [Fact]
    public void Write_ValidatesAgainstThePatientSchema()
    {
        var errors = EditorSchemas.Errors(EditorSchemas.PatientFile, JsonNode.Parse(PatientContextJsonWriter.Write(Translated)));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("double-diagnosis-alcohol.yaml")]
    [InlineData("polypharmacy-15-medications.yaml")]
    [InlineData("sequencing-new-anxiety.yaml")]
    public void Map_SamplePatient_JsonReadsBackAsTheSamePatient(string sample)
    {
        var path = CliRunner.Sample(sample);
        var (exit, stdout, _) = CliRunner.Run("map", path, "--format", "json");
        Assert.Equal(0, exit);
        var original = PatientContextReader.ReadFile(path);
        var read = PatientContextReader.Parse(stdout);
        Assert.Equal(original.Medications, read.Medications);
        Assert.Equal(original.Conditions, read.Conditions);
        Assert.Equal(original.Therapies, read.Therapies);
        Assert.Equal(original.Flags, read.Flags);
        Assert.Equal(original.Phase.Current, read.Phase.Current);
        Assert.Equal(original.Phase.Completed, read.Phase.Completed);
        Assert.Equal(original.Preferences.Declined, read.Preferences.Declined);
    }

    [Theory]
    [InlineData("en", "by name: check the mapping", "NOT CHECKED (1)")]
    [InlineData("fr", "par le nom : vérifier la correspondance", "NON VÉRIFIÉS (1)")]
    public void Map_Text_ShowsOriginsAndWhatWasNotChecked(string language, string byName, string notChecked)
    {
        var file = Path.Combine(Path.GetTempPath(), $"csq-map-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, PatientContextJsonWriter.Write(Translated));
        try
        {
            var (exit, stdout, _) = CliRunner.Run("map", file, "--lang", language);
            Assert.Equal(0, exit);
            Assert.Contains("N03AF01", stdout, StringComparison.Ordinal);
            Assert.Contains("RxNorm 197322 \"Carbamazepine 200 MG Oral Tablet\", " + byName, stdout, StringComparison.Ordinal);
            Assert.Contains("SNOMED CT 84757009", stdout, StringComparison.Ordinal);
            Assert.Contains(notChecked, stdout, StringComparison.Ordinal);
            Assert.Contains("RxNorm 1049621 \"oxycodone 5 MG Oral Tablet\"", stdout, StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Read_OriginWithAMappingNotUnderstood_ReadsAsName_WithAWarning()
    {
        var read = PatientContextReader.Parse("medications:\n  - code: N03AF01\n    origin: { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197322', mapping: guessed }\n");
        Assert.Equal(CodeMapping.Name, read.Medications[0].Origin!.Mapping);
        Assert.Contains(read.InputWarnings, w => w.Code == DiagnosticCodes.PatientUnknownValue && w.Path == "medications[0].origin.mapping");
    }

    [Theory]
    [InlineData("origin: { code: '197322' }", DiagnosticCodes.PatientMissingField, "medications[0].origin")]
    [InlineData("origin: [a]", DiagnosticCodes.PatientInvalidValue, "medications[0].origin")]
    [InlineData("origin: { system: s, code: c, extra: 1 }", DiagnosticCodes.PatientUnknownKey, "medications[0].origin.extra")]
    public void Read_BadOrigin_IsAWarning_NeverAnError(string origin, string code, string path)
    {
        var read = PatientContextReader.Parse("medications:\n  - code: N03AF01\n    " + origin + "\n");
        Assert.Equal("N03AF01", read.Medications[0].Code);
        Assert.Contains(read.InputWarnings, w => w.Code == code && w.Path == path);
    }

    [Fact]
    public void Read_UncheckedEntryWithoutCode_IsDroppedWithAWarning()
    {
        var read = PatientContextReader.Parse("unchecked:\n  - { kind: condition, system: 'http://snomed.info/sct', code: '1234' }\n  - { system: x }\n");
        var only = Assert.Single(read.Unchecked);
        Assert.Equal(UncheckedCodeKind.Condition, only.Kind);
        Assert.Contains(read.InputWarnings, w => w.Code == DiagnosticCodes.PatientMissingField && w.Path == "unchecked[1]");
    }

    [Fact]
    public void Map_UnreadableFile_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("map", Path.Combine(Path.GetTempPath(), "no-such-patient.yaml"));
        Assert.Equal(2, exit);
        Assert.Contains("no-such-patient.yaml", stderr, StringComparison.Ordinal);
    }
}
