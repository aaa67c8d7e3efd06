using CareSequencing.Tests.Evaluation;
using static CareSequencing.Tests.Cli.CliRunner;

namespace CareSequencing.Tests.Cli;

/// <summary><c>eval</c> with a rule that fails at run time: exit 0, the advice and the warning; never a stack trace.</summary>
public sealed class EvalFaultCliTests
{
    private static readonly string Faulty = RuleFaultIsolationTests.FaultyPack("10 / facts.CountMedications(\"N05BA\") > 1", "faulty.divide");

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("cds-hooks")]
    public void Eval_ShippedPacksAndADivideByZeroRule_ExitsZeroWithTheAdviceAndTheWarning(string format)
    {
        var (exit, output, error) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--rules", TestData.ShippedRules, Faulty, "--format", format);
        var (shippedExit, shipped, _) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--rules", TestData.ShippedRules, "--format", format);

        Assert.Equal((0, 0), (exit, shippedExit));
        Assert.Equal("", error);
        Assert.Contains("faulty.divide", output, StringComparison.Ordinal);
        Assert.Contains("CSQ1042", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        // The shipped alerts are all there: the SSRI + tramadol interaction first of all.
        Assert.Contains("tramadol", shipped, StringComparison.OrdinalIgnoreCase);
        foreach (var ruleId in new[] { "ix.", "dd." }.Where(p => shipped.Contains(p, StringComparison.Ordinal)))
            Assert.Contains(ruleId, output, StringComparison.Ordinal);
        if (format == "cds-hooks") Assert.Contains("\"rule-faults\"", output, StringComparison.Ordinal);
        if (format == "text") Assert.Contains("INCOMPLETE: 1 rule(s) could not be evaluated", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ShippedPacksAndADivideByZeroRule_KeepsEveryShippedAlertAndProposal()
    {
        var (_, output, _) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--rules", TestData.ShippedRules, Faulty, "--format", "json");
        var (_, shipped, _) = Run("eval", Sample("double-diagnosis-alcohol.yaml"), "--rules", TestData.ShippedRules, "--format", "json");

        using var with = System.Text.Json.JsonDocument.Parse(output);
        using var without = System.Text.Json.JsonDocument.Parse(shipped);
        Assert.Equal(RuleIds(without, "alerts"), RuleIds(with, "alerts"));
        Assert.Equal(RuleIds(without, "proposals"), RuleIds(with, "proposals").Where(id => id != "ok"));
        Assert.Equal("faulty.divide", Assert.Single(with.RootElement.GetProperty("faults").EnumerateArray()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public void Run_UnexpectedFailure_PrintsOneLineWithoutStackTraceOrDetails_AndExitsThree()
    {
        using var stderr = new StringWriter();
        // A console that breaks while the advice is written is a failure no command foresees.
        var exit = CareSequencing.Cli.Program.Run(["eval", Sample("double-diagnosis-alcohol.yaml")], new BrokenWriter(), stderr);

        Assert.Equal(CareSequencing.Cli.Program.UnexpectedFailure, exit);
        var message = stderr.ToString().TrimEnd();
        Assert.Equal("error: the command failed unexpectedly (InvalidOperationException); please report it with the command line you ran.", message);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    private static List<string> RuleIds(System.Text.Json.JsonDocument advice, string list) =>
        [.. advice.RootElement.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("ruleId").GetString()!)];

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(string? value) => throw new InvalidOperationException("console gone: p-001 secret");

        public override void Write(char value) => throw new InvalidOperationException("console gone");
    }
}
