using System.Text.RegularExpressions;
using CareSequencing.Cli;

namespace CareSequencing.Tests.Cli;

/// <summary>
/// docs/authoring.md's walkthrough, run as written: its three YAML blocks become a pack, a rule and a
/// scenario, which validate, fail before approval, approve, then pass, and evaluate as the guide says.
/// </summary>
public sealed partial class AuthoringGuideTests
{
    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex YamlBlock();

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Walkthrough_WritesValidatesTestsAndApprovesANewRule()
    {
        var guide = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "authoring.md")).ReplaceLineEndings("\n");
        var blocks = YamlBlock().Matches(guide).Select(m => m.Groups[1].Value).Take(3).ToArray();
        var packs = TestData.TempPack(
            ("phq9/pack.yaml", blocks[0]),
            ("phq9/rules/phq9.yaml", blocks[1]),
            ("phq9/scenarios/adult-depression-assessment.yaml", blocks[2]));

        var validate = Run("validate", packs);
        Assert.Equal(0, validate.Exit);
        Assert.Contains("1 pack(s) loaded, 0 rejected; 0 error(s), 0 warning(s).", validate.Out, StringComparison.Ordinal);

        var first = Run("test", packs);
        Assert.Equal(1, first.Exit);
        Assert.Contains("No approved snapshot adult-depression-assessment.verified.json", first.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(packs, "phq9", "scenarios", "adult-depression-assessment.received.json")));

        Assert.Equal(0, Run("test", packs, "--approve").Exit);
        var second = Run("test", packs);
        Assert.Equal(0, second.Exit);
        Assert.Contains("PASS phq9/adult-depression-assessment", second.Out, StringComparison.Ordinal);

        var eval = Run("eval", Path.Combine(packs, "phq9", "scenarios", "adult-depression-assessment.yaml"), "--rules", packs, "--include-draft");
        Assert.Equal(0, eval.Exit);
        Assert.Contains("1. Score depression with PHQ-9", eval.Out, StringComparison.Ordinal);
        Assert.Contains("evaluated 2026-11-28 09:00 UTC", eval.Out, StringComparison.Ordinal);

        // The typo the guide shows, with the diagnostics it prints.
        File.WriteAllText(Path.Combine(packs, "phq9", "rules", "phq9.yaml"), blocks[1].Replace("priority: 60", "priorty: 60", StringComparison.Ordinal));
        var typo = Run("validate", packs);
        Assert.Equal(1, typo.Exit);
        foreach (var line in new[] { "(11,7): error CSQ1004: 'proposal' needs 'priority'.", "(12,7): error CSQ1002: Unknown key 'priorty' in 'proposal'. (did you mean 'priority'?)" })
        {
            Assert.Contains(line, typo.Out, StringComparison.Ordinal);
            Assert.Contains(line, guide, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Guide_ListsEveryDiagnosticCode()
    {
        var guide = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "authoring.md"));
        var codes = typeof(RulePackLoader).Assembly.GetType("CareSequencing.Loading.DiagnosticCodes")!
            .GetFields().Select(f => (string)f.GetValue(null)!);

        Assert.All(codes, code => Assert.Contains($"| {code} |", guide, StringComparison.Ordinal));
    }
}
