using CareSequencing.Authoring.Validation;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Validation;

/// <summary>
/// <c>validate</c> and loading give one verdict: a pack validate calls wrong is refused by the loader and
/// by every command that loads it, and the summary never says "loaded" for it. A host that wants the
/// packs that did load says so by name (<see cref="RuleSetLoadResult.GetPartialRuleSet"/>).
/// </summary>
public sealed class OneVerdictTests
{
    private static string Lint(string name) => Path.Combine(TestData.Fixtures, "lint", name);

    private static string Patient => CliRunner.Sample("sequencing-new-anxiety.yaml");

    [Fact]
    public void Load_DuplicateRuleInsideOnePack_IsAnError_AndThePackIsRefused()
    {
        var result = RulePackLoader.Load(Path.Combine(Lint("CSQ1021-duplicate-rule"), "pack"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1021", DiagnosticSeverity.Error), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal(("rules.yaml", 12, 5), (Path.GetFileName(diagnostic.Location.File), diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Contains("'t.first'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("t.second", diagnostic.RuleId);
        Assert.Single(result.RejectedPacks);
        Assert.Empty(result.GetPartialRuleSet().Packs);
    }

    [Fact]
    public void Load_SameRuleInTwoPacks_LoadsBoth_AndTheLinterWarns()
    {
        using var folder = new TempFolder();
        var first = Path.Combine(folder.Path, "a");
        var second = Path.Combine(folder.Path, "b");
        CopyPackKeepingOneRule(first, "csq1021-a", keep: "t.first");
        CopyPackKeepingOneRule(second, "csq1021-b", keep: "t.second");

        var result = RulePackLoader.Load(first, second);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(PackLinter.Lint(result.RuleSet, new PackLintOptions()));
        Assert.Equal(("CSQ1021", DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
    }

    [Fact]
    public void Load_WithKnownAtcCodes_RefusesAPackWritingAnUnknownCode_WithItsLocation()
    {
        var fixture = Lint("CSQ1020-unknown-atc");
        var known = AtcVocabulary.Load(Path.Combine(fixture, "reference", "atc-codes.tsv"));

        var result = RulePackLoader.Load([RulePackSource.Folder(Path.Combine(fixture, "pack"))], null, null, known);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1020", DiagnosticSeverity.Error), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal(("rules.yaml", 6, 65), (Path.GetFileName(diagnostic.Location.File), diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Contains("'N06AB99'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("atc-codes.tsv", diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(result.RejectedPacks);
    }

    [Fact]
    public void Load_WithoutKnownAtcCodes_DoesNotCheckCodes()
    {
        var result = RulePackLoader.Load([RulePackSource.Folder(Path.Combine(Lint("CSQ1020-unknown-atc"), "pack"))], null, null, null);

        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Load_ShippedPacksWithTheirReference_LoadClean()
    {
        var known = AtcVocabulary.Load(Path.Combine(TestData.ShippedRules, "reference", "atc-codes.tsv"));

        var result = RulePackLoader.Load([RulePackSource.Folder(TestData.ShippedRules)], null, null, known);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Take(5)));
        Assert.Empty(result.RejectedPacks);
    }

    [Fact]
    public void RuleSet_OfALoadWithErrors_Throws_AndThePartialSetNeedsItsName()
    {
        var good = TestData.BasicPack;
        var bad = Path.Combine(Lint("CSQ1021-duplicate-rule"), "pack");

        var result = RulePackLoader.Load(good, bad);

        Assert.True(result.HasErrors);
        var error = Assert.Throws<RulePackLoadException>(() => result.RuleSet);
        Assert.Contains(error.Diagnostics, d => d.Code == "CSQ1021");
        Assert.Throws<RulePackLoadException>(result.GetRuleSetOrThrow);
        Assert.Equal("test-basic", Assert.Single(result.GetPartialRuleSet().Packs).Id);
    }

    [Fact]
    public void RuleSet_OfACleanLoad_IsThePartialSet()
    {
        var result = RulePackLoader.Load(TestData.BasicPack);

        Assert.Same(result.GetPartialRuleSet(), result.RuleSet);
        Assert.Same(result.RuleSet, result.GetRuleSetOrThrow());
    }

    [Theory]
    [InlineData("CSQ1020-unknown-atc")]
    [InlineData("CSQ1021-duplicate-rule")]
    public void Cli_ValidateRejects_AndEvalTestAndExplainRefuse_TheSamePack(string fixture)
    {
        var pack = Path.Combine(Lint(fixture), "pack");

        var validate = CliRunner.Run("validate", pack);
        var eval = CliRunner.Run("eval", Patient, "--rules", pack);
        var explain = CliRunner.Run("explain", Patient, "--rule", "t.first", "--rules", pack);

        Assert.Equal(1, validate.Exit);
        Assert.Contains("0 pack(s) loaded, 1 rejected", validate.Out, StringComparison.Ordinal);
        Assert.Equal(1, eval.Exit);
        Assert.Contains(fixture[..7], eval.Err, StringComparison.Ordinal);
        Assert.Empty(eval.Out);
        Assert.Equal(1, explain.Exit);
        Assert.Contains(fixture[..7], explain.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_ValidateSummary_NeverSaysLoadedForAPackWithAnError_AcrossTheErrorFixtures()
    {
        // Every fixture whose pack validate finds wrong: the summary's loaded count excludes it.
        var folders = Directory.GetDirectories(Path.Combine(TestData.Fixtures, "invalid"))
            .Concat([Path.Combine(Lint("CSQ1020-unknown-atc"), "pack"), Path.Combine(Lint("CSQ1021-duplicate-rule"), "pack")])
            .Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var validate = CliRunner.Run("validate", folder);
            // A folder with no pack at all has nothing to load or reject.
            if (validate.Exit == 0 || !Directory.EnumerateFiles(folder, "pack.yaml", SearchOption.AllDirectories).Any()) continue;
            Assert.False(validate.Out.Contains(", 0 rejected", StringComparison.Ordinal), $"{folder}: {validate.Out}");
            Assert.NotEqual(0, CliRunner.Run("eval", Patient, "--rules", folder).Exit);
        }
    }

    [Fact]
    public void Cli_UnreadableReferenceBesideThePacks_IsBadInput_NotAStackTrace()
    {
        using var folder = new TempFolder();
        var pack = Path.Combine(folder.Path, "pack");
        CopyDirectory(TestData.BasicPack, pack);
        Directory.CreateDirectory(Path.Combine(folder.Path, "reference"));
        File.WriteAllText(Path.Combine(folder.Path, "reference", "atc-codes.tsv"), "N06AB06\nnot a code 12\n");

        var validate = CliRunner.Run("validate", pack);
        var eval = CliRunner.Run("eval", Patient, "--rules", pack);

        Assert.Equal(2, validate.Exit);
        Assert.Equal(2, eval.Exit);
        Assert.Contains("atc-codes.tsv", eval.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", eval.Err, StringComparison.Ordinal);
    }

    private static void CopyPackKeepingOneRule(string target, string id, string keep)
    {
        var source = Path.Combine(Lint("CSQ1021-duplicate-rule"), "pack");
        CopyDirectory(source, target);
        var manifest = Path.Combine(target, "pack.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("id: csq1021", "id: " + id, StringComparison.Ordinal));
        var rules = Directory.GetFiles(Path.Combine(target, "rules"), "*.yaml").Single();
        var text = File.ReadAllText(rules);
        var second = text.IndexOf("  - id: t.second", StringComparison.Ordinal);
        File.WriteAllText(rules, keep == "t.first" ? text[..second] : "rules:\n" + text[second..]);
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
    }
}

/// <summary>A fresh folder under the temporary directory, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("csq-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temporary folder.
        }
    }
}
