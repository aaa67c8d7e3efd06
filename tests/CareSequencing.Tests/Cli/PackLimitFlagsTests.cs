namespace CareSequencing.Tests.Cli;

/// <summary>The <c>--max-*</c> flags of every command that loads packs (<see cref="PackLoadLimits"/> on the command line).</summary>
public sealed class PackLimitFlagsTests
{
    public static TheoryData<string> LoadingCommands => new() { "validate", "test", "diff", "eval", "explain" };

    private static string[] Args(string command, params string[] flags) => command switch
    {
        "diff" => ["diff", TestData.BasicPack, TestData.BasicPack, .. flags],
        "eval" => ["eval", CliRunner.Sample("sequencing-new-anxiety.yaml"), "--rules", TestData.BasicPack, .. flags],
        "explain" => ["explain", CliRunner.Sample("sequencing-new-anxiety.yaml"), "--rule", "x", "--rules", TestData.BasicPack, .. flags],
        _ => [command, TestData.BasicPack, .. flags],
    };

    [Fact]
    public void Validate_MaxRulesPerPack_ExactlyTheRuleCountLoads_OneLessIsRefusedNamingTheFlag()
    {
        var rules = RulePackLoader.Load(TestData.BasicPack).GetRuleSetOrThrow().RuleCount;

        var at = CliRunner.Run("validate", TestData.BasicPack, "--max-rules-per-pack", rules.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var under = CliRunner.Run("validate", TestData.BasicPack, "--max-rules-per-pack", (rules - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(at.Exit == 0, at.Out + at.Err);
        Assert.Equal(1, under.Exit);
        Assert.Matches(@"\.yaml\(\d+,\d+\): error CSQ1017: The pack has \d+ rules and interaction entries; the limit is \d+\. Limit MaxRulesPerPack: .*--max-rules-per-pack\.", under.Out);
    }

    [Theory]
    [MemberData(nameof(LoadingCommands))]
    public void LoadingCommand_MaxFilesPerPack_IsApplied(string command)
    {
        // The basic pack has three files: a limit of two refuses it in every command, before any file is read.
        var (exit, output, error) = CliRunner.Run(Args(command, "--max-files-per-pack", "2"));

        Assert.NotEqual(0, exit);
        Assert.Contains("error CSQ1017: The pack has 3 files; the limit is 2.", output + error, StringComparison.Ordinal);
        Assert.Contains("--max-files-per-pack", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LoadingCommands))]
    public void LoadingCommand_HasAFlagForEveryLimit(string command)
    {
        var options = CareSequencing.Cli.Program.BuildCommand(TextWriter.Null, TextWriter.Null).Subcommands
            .Single(c => c.Name == command).Options.Select(o => o.Name).ToList();

        Assert.All(PackLoadLimits.Default.All(), limit => Assert.Contains(PackLoadLimits.FlagName(limit.Name), options));
    }

    [Theory]
    [InlineData("--max-rules-per-pack", "0")]
    [InlineData("--max-file-bytes", "-1")]
    [InlineData("--max-depth", "many")]
    public void Validate_LimitFlagNotAPositiveNumber_IsAUsageError(string flag, string value)
    {
        var usage = CliRunner.Run("validate", TestData.BasicPack, "--lang", "de");

        var result = CliRunner.Run("validate", TestData.BasicPack, flag, value);

        Assert.NotEqual(0, result.Exit);
        Assert.Equal(usage.Exit, result.Exit);
        Assert.Empty(result.Out);
    }
}
