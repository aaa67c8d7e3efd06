using CareSequencing.Loading;

namespace CareSequencing.Tests.Reliability;

/// <summary>Bugs the property tests found in patient input handling, pinned one by one.</summary>
public sealed class PatientInputRegressionTests
{
    [Fact]
    public void Evaluate_NullMedicationEntry_WarnsInteractionsNotChecked()
    {
        // A null entry from a C# caller was skipped without a word.
        var patient = new PatientContext { Medications = [new("N06AB06"), null!] };

        var advice = TestData.Evaluator().Evaluate(patient);

        var warning = Assert.Single(advice.Warnings, w => w.Path == "medications[1].code");
        Assert.Equal("CSQ3004", warning.Code);
        Assert.Contains("interaction", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NullConditionAndTherapyEntries_WarnMissingField()
    {
        var patient = new PatientContext { Conditions = [null!], Therapies = [null!] };

        var advice = TestData.Evaluator().Evaluate(patient);

        Assert.Contains(advice.Warnings, w => w is { Code: "CSQ3004", Path: "conditions[0].code" });
        Assert.Contains(advice.Warnings, w => w is { Code: "CSQ3004", Path: "therapies[0].kind" });
    }

    [Theory]
    [InlineData(MedicationStatus.Unknown)]
    [InlineData((MedicationStatus)42)]
    public void Evaluate_MedicationStatusNotUsable_WarnsUnknownValue(MedicationStatus status)
    {
        // The medication was left out of interaction checks silently when built in C#.
        var patient = new PatientContext { Medications = [new("N06AB06") { Status = status }] };

        var advice = TestData.Evaluator().Evaluate(patient);

        var warning = Assert.Single(advice.Warnings, w => w.Path == "medications[0].status");
        Assert.Equal("CSQ3005", warning.Code);
    }

    [Fact]
    public void Evaluate_ParsedUnknownStatus_WarnsOnce()
    {
        var patient = PatientContextReader.Parse("medications:\n  - { code: N06AB06, status: paused }\n");

        var advice = TestData.Evaluator().Evaluate(patient);

        Assert.Single(advice.Warnings, w => w.Path == "medications[0].status");
    }

    [Fact]
    public void Parse_EntryNotAMapping_LaterWarningsKeepTheFileIndex()
    {
        // The entry that was not a mapping was dropped, so the next entry's warning named index 0.
        var patient = PatientContextReader.Parse("medications:\n  - sertraline\n  - { code: N6AB06 }\n");

        var advice = TestData.Evaluator().Evaluate(patient);

        Assert.Contains(advice.Warnings, w => w is { Code: "CSQ3009", Path: "medications[0]" });
        Assert.Contains(advice.Warnings, w => w is { Code: "CSQ3004", Path: "medications[0].code" });
        Assert.Contains(advice.Warnings, w => w is { Code: "CSQ3001", Path: "medications[1].code" });
    }

    [Fact]
    public void Parse_ConditionDisplayNotText_WarnsInvalidValue()
    {
        var patient = PatientContextReader.Parse("conditions:\n  - { code: F32.1, display: [a, b] }\n");

        Assert.Contains(patient.InputWarnings, w => w is { Code: "CSQ3009", Path: "conditions[0].display" });
    }

    [Fact]
    public void Parse_UnknownAlias_MessageDoesNotNameIt()
    {
        var e = Assert.Throws<PatientContextFormatException>(() => PatientContextReader.Parse("id: *Jane-Doe-1971\n"));

        Assert.Equal(1, e.Line);
        Assert.DoesNotContain("Jane", e.Message, StringComparison.Ordinal);
    }
}
