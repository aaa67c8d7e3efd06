using System.Text.Json;
using CareSequencing.Cli;

namespace CareSequencing.Tests.Cli;

public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string Sample(string name) => CliRunner.Sample(name);

    [Fact]
    public void Eval_SamplePatient_Json_HasProposalsAndAlerts()
    {
        var (exit, output, error) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--rules", TestData.ShippedRules, "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.NotEmpty(json.RootElement.GetProperty("proposals").EnumerateArray());
        Assert.NotEmpty(json.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal(5, json.RootElement.GetProperty("packs").GetArrayLength());
    }

    [Fact]
    public void Eval_AtcIndex_ReportsAWellFormedCodeItDoesNotList()
    {
        var patient = Path.Combine(TestData.Fixtures, "patients", "CSQ3011-unknown-atc.yaml");
        var index = Path.Combine(TestData.ShippedRules, "reference", "atc-codes.tsv");

        var (exit, output, error) = Run("eval", patient, "--atc-index", index, "--format", "json", "--as-of", "2026-11-23");
        var (_, without, _) = Run("eval", patient, "--format", "json", "--as-of", "2026-11-23");

        Assert.True(exit == 0, error);
        Assert.Contains("\"CSQ3011\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"CSQ3011\"", without, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_UnreadableAtcIndex_StopsBeforeEvaluating()
    {
        var index = Path.Combine(Path.GetTempPath(), $"csq-bad-index-{Guid.NewGuid():N}.csv");
        File.WriteAllText(index, "atc_code,name\nN06AB06,sertraline\nnot-a-code,x\n");
        try
        {
            var (exit, output, error) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--atc-index", index);

            Assert.Equal(2, exit);
            Assert.Empty(output);
            Assert.Contains("line(s) do not start with a well-formed ATC code (lines 3)", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(index);
        }
    }

    [Fact]
    public void Eval_WithoutRulesOption_UsesTheShippedPacks_AndPrintsFrenchText()
    {
        var (exit, output, error) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--lang", "fr");

        Assert.True(exit == 0, error);
        Assert.Contains("Aide à la décision", output, StringComparison.Ordinal);
        Assert.Contains("PROPOSITIONS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_SameInputTwice_IsByteIdentical_ApartFromTheClock()
    {
        var args = new[] { "eval", Sample("double-diagnosis-alcohol.yaml"), "--format", "json", "--as-of", "2026-11-23" };
        static string WithoutClock(string json) => string.Join("\n", json.Split('\n').Where(l => !l.Contains("\"evaluatedAt\"", StringComparison.Ordinal)));

        Assert.Equal(WithoutClock(Run(args).Out), WithoutClock(Run(args).Out));
    }

    [Fact]
    public void Eval_InvalidRules_PrintsDiagnosticsAndExits1()
    {
        var (exit, _, error) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--rules", TestData.Invalid("CSQ2002-gettype"));

        Assert.Equal(1, exit);
        Assert.Contains("error CSQ2002", error, StringComparison.Ordinal);
        Assert.Contains("no advice was produced", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_UnreadablePatient_Exits2()
    {
        var file = Path.Combine(Path.GetTempPath(), $"csq-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "id: [broken");

        var (exit, _, error) = Run("eval", file, "--rules", TestData.BasicPack);

        Assert.Equal(2, exit);
        Assert.Contains(":1:", error, StringComparison.Ordinal);
        Assert.Contains("error CSQ3010:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PrintsCompilerStyleDiagnostics_AndExitCode()
    {
        var bad = Run("validate", TestData.Invalid("CSQ1002-unknown-key"));
        var good = Run("validate", TestData.BasicPack);

        Assert.Equal(1, bad.Exit);
        Assert.Matches(@"rules\.yaml\(9,7\): error CSQ1002: Unknown key 'priorty'", bad.Out);
        Assert.Equal(0, good.Exit);
        Assert.Contains("1 pack(s) loaded, 0 rejected; 0 error(s)", good.Out, StringComparison.Ordinal);
    }
}
