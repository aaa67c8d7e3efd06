using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

public sealed class PatientContextReaderTests
{
    [Fact]
    public void ReadFile_FullYaml_ReadsEveryField()
    {
        var patient = TestData.FullPatient;

        Assert.Equal("p-test", patient.Id);
        Assert.Equal(new DateOnly(1971, 4, 2), patient.BirthDate);
        Assert.Equal(Sex.Female, patient.Sex);
        Assert.Equal(["F32.1", "F10.2"], patient.Conditions.Select(c => c.Code));
        Assert.Equal(new DateOnly(2026, 9, 1), patient.Conditions[0].Onset);
        Assert.Equal("sertraline", patient.Medications[0].Name);
        Assert.Equal(new DateOnly(2026, 10, 1), patient.Medications[0].Start);
        Assert.Equal(TherapyStatus.Planned, patient.Therapies[0].Status);
        Assert.Equal("medication-treatment", patient.Phase.Current);
        Assert.Equal(["assessment"], patient.Phase.Completed);
        Assert.Equal(["social-isolation", "low-health-literacy"], patient.Flags);
        Assert.Equal(["psychotherapy/psychoanalysis"], patient.Preferences.Declined);
        Assert.Empty(patient.InputWarnings);
    }

    [Fact]
    public void Parse_Json_IsReadLikeYaml()
    {
        var patient = PatientContextReader.Parse("""
            { "id": "j-1", "age": 55, "sex": "male",
              "conditions": [ { "code": "F10.2", "system": "icd10", "status": "active" } ],
              "medications": [ { "code": "N07BB04", "name": "naltrexone" } ],
              "phase": { "current": "assessment", "completed": [] } }
            """);

        Assert.Equal(("j-1", 55, Sex.Male), (patient.Id, patient.Age, patient.Sex));
        Assert.Equal("F10.2", Assert.Single(patient.Conditions).Code);
        Assert.Equal("naltrexone", Assert.Single(patient.Medications).Name);
        Assert.Empty(patient.InputWarnings);
    }

    [Fact]
    public void Parse_BadFields_BecomeWarningsWithPaths()
    {
        var patient = PatientContextReader.Parse("""
            id: x
            age: fifty
            birthDate: 02/04/1971
            sex: robot
            colour: blue
            conditions:
              - { code: F32.1, status: sometimes, onset: yesterday }
              - just text
            medications: not-a-list
            therapies:
              - { kind: psychotherapy/cbt, status: active, extra: 1 }
            flags: [ok, [nested]]
            phase: [a, b]
            """);

        var warnings = patient.InputWarnings.Select(w => (w.Code, w.Path)).ToList();
        Assert.Contains(("CSQ3009", "age"), warnings);
        Assert.Contains(("CSQ3009", "birthDate"), warnings);
        Assert.Contains(("CSQ3005", "sex"), warnings);
        Assert.Contains(("CSQ3008", "colour"), warnings);
        Assert.Contains(("CSQ3005", "conditions[0].status"), warnings);
        Assert.Contains(("CSQ3009", "conditions[0].onset"), warnings);
        Assert.Contains(("CSQ3009", "conditions[1]"), warnings);
        Assert.Contains(("CSQ3009", "medications"), warnings);
        Assert.Contains(("CSQ3008", "therapies[0].extra"), warnings);
        Assert.Contains(("CSQ3009", "flags[1]"), warnings);
        Assert.Contains(("CSQ3009", "phase"), warnings);
        Assert.Equal(ClinicalStatus.Unknown, patient.Conditions[0].Status);
        Assert.Equal(Sex.Unknown, patient.Sex);
        // No warning repeats the patient's values.
        Assert.All(patient.InputWarnings, w => Assert.DoesNotContain("fifty", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WarningsReachTheAdvice()
    {
        var patient = PatientContextReader.Parse("id: x\nunknownKey: 1\n");

        var advice = TestData.Evaluator().Evaluate(patient);

        Assert.Contains(advice.Warnings, w => w is { Code: "CSQ3008", Path: "unknownKey" });
    }

    [Fact]
    public void Parse_EmptyListsAndNulls_AreFine()
    {
        var patient = PatientContextReader.Parse("id: x\nconditions: []\nmedications:\ntherapies: ~\nflags: []\n");

        Assert.Empty(patient.Conditions);
        Assert.Empty(patient.Medications);
        Assert.Empty(patient.InputWarnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a list")]
    [InlineData("text")]
    [InlineData("id: [unclosed")]
    [InlineData("{ \"id\": ")]
    public void Parse_NotAMapping_ThrowsFormatExceptionWithPosition(string text)
    {
        var error = Assert.Throws<PatientContextFormatException>(() => PatientContextReader.Parse(text));

        Assert.True(error.Line >= 1 && error.Column >= 1);
    }
}
