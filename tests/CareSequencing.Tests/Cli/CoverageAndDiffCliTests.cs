using System.Text.Json;
using CareSequencing.Cli;
using CareSequencing.Cli.Commands;

namespace CareSequencing.Tests.Cli;

/// <summary>
/// 'test --coverage' and 'diff'. Coverage tests pass '--coverage-strict' explicitly (true or false),
/// so they mean the same on a laptop and under CI=true.
/// </summary>
public sealed class CoverageAndDiffCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Test_Coverage_ListsUncoveredAndRetired_AndExits0WhenNotStrict()
    {
        var (exit, output, error) = Run("test", TestData.CoveragePack("gaps"), "--coverage", "--coverage-strict", "false");

        Assert.True(exit == 0, output + error);
        Assert.Contains("3 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("uncovered (no scenario fires them):\n  cov.draft-unfired (rule, draft)", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  cov.unfired (rule, active)  coverage-gaps  ", output, StringComparison.Ordinal);
        Assert.Contains("  cov.ix-unexercised (entry, active)  coverage-gaps  ", output, StringComparison.Ordinal);
        Assert.Contains("retired (not expected to fire):", output, StringComparison.Ordinal);
        Assert.Contains("coverage: 1/2 rules, 1/2 interaction entries; draft: 1/2 rules, 0/0 entries; retired: 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_CoverageStrict_UncoveredActiveRule_Exits1()
    {
        var (exit, output, error) = Run("test", TestData.CoveragePack("gaps"), "--coverage", "--coverage-strict");

        Assert.Equal(1, exit);
        Assert.Contains("3 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("error: 2 active rule(s) or interaction entr(ies) have no scenario", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_CoverageStrictAlone_ImpliesCoverage()
    {
        var (exit, output, _) = Run("test", TestData.CoveragePack("gaps"), "--coverage-strict");

        Assert.Equal(1, exit);
        Assert.Contains("coverage: 1/2 rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_CoverageStrict_FullCoverage_Exits0()
    {
        var (exit, output, error) = Run("test", TestData.CoveragePack("complete"), "--coverage", "--coverage-strict");

        Assert.True(exit == 0, output + error);
        Assert.Contains("coverage: 1/1 rules, 1/1 interaction entries; draft: 0/0 rules, 0/0 entries; retired: 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("uncovered", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_WithoutCoverage_PrintsNoCoverage_EvenWhenStrictByDefault()
    {
        var (exit, output, _) = Run("test", TestData.CoveragePack("gaps"));

        Assert.Equal(0, exit);
        Assert.DoesNotContain("coverage:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" true ", true)]
    [InlineData("false", false)]
    [InlineData("1", false)]
    [InlineData(null, false)]
    public void IsContinuousIntegration_ReadsCiTrue(string? value, bool expected) =>
        Assert.Equal(expected, TestCoverage.IsContinuousIntegration(value));

    [Fact]
    public void Diff_Fixtures_Text_Exits0AndShowsChanges()
    {
        var (exit, output, error) = Run("diff", TestData.DiffVersion("v1"), TestData.DiffVersion("v2"));

        Assert.True(exit == 0, error);
        Assert.Contains("demo 1.0.0 -> 1.1.0", output, StringComparison.Ordinal);
        Assert.Contains("warning version-not-bumped", output, StringComparison.Ordinal);
        Assert.Contains("4 scenario(s) with changed advice; 1 warning(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_Json_Exits0_IsValidJson_AndWarnsOnStderr()
    {
        var (exit, output, error) = Run("diff", TestData.DiffVersion("v1"), TestData.DiffVersion("v2"), "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(4, json.RootElement.GetProperty("packs").GetArrayLength());
        Assert.Contains("warning version-not-bumped: stale:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_NoDifference_Exits0()
    {
        var (exit, output, _) = Run("diff", TestData.DiffVersion("v2"), TestData.DiffVersion("v2"));

        Assert.Equal(0, exit);
        Assert.Contains("0 changed, 0 added, 0 removed, 3 unchanged; 0 scenario(s) with changed advice; 0 warning(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MissingFolder_Exits2()
    {
        var (exit, output, error) = Run("diff", Path.Combine(TestData.Fixtures, "no-such-folder"), TestData.DiffVersion("v2"));

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("error: OLD rules", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_PackWithErrors_Exits2_WithItsDiagnostics()
    {
        var (exit, _, error) = Run("diff", TestData.DiffVersion("v1"), TestData.Invalid("CSQ1002-unknown-key"));

        Assert.Equal(2, exit);
        Assert.Contains("error CSQ1002", error, StringComparison.Ordinal);
        Assert.Contains("error: NEW rules", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_InvalidScenario_Exits2()
    {
        var pack = TestData.TempPack(
            ("pack.yaml", TestData.Manifest),
            ("rules.yaml", "rules: []\n"),
            ("scenarios/broken.yaml", "patient: { id: x }\npriorty: 1\n"));

        var (exit, _, error) = Run("diff", pack, pack);

        Assert.Equal(2, exit);
        Assert.Contains("unknown key 'priorty'", error, StringComparison.Ordinal);
    }
}
