using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Fhir;

/// <summary>A bundle about two patients: the CLI reads one, never a mix; <c>--patient-id</c> picks which.</summary>
public sealed class TwoPatientCliTests
{
    private static string Bundle => Path.Combine(TestData.Fixtures, "fhir", "two-patients.json");

    [Fact]
    public void Map_TwoPatients_ReadsTheFirstOnly()
    {
        var (exit, stdout, _) = CliRunner.Run("map", Bundle, "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"N06AB06\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"N02AX02\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"N06AB10\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_PatientId_ReadsThatPatientOnly_AndNoInteractionCrossesPatients()
    {
        // Sertraline (first patient) with tramadol (second) is an interaction only if the two were mixed.
        var (exit, first, _) = CliRunner.Run("eval", Bundle, "--rules", TestData.ShippedRules, "--format", "json");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("N02AX02", first, StringComparison.Ordinal);

        var (exitSecond, second, _) = CliRunner.Run("eval", Bundle, "--rules", TestData.ShippedRules, "--format", "json", "--patient-id", "bbbb-2");
        Assert.Equal(0, exitSecond);
        Assert.Contains("\"patientId\": \"bbbb-2\"", second, StringComparison.Ordinal);
        Assert.Contains("N02AX02", second, StringComparison.Ordinal);
        Assert.DoesNotContain("N06AB06", second, StringComparison.Ordinal);
    }
}
