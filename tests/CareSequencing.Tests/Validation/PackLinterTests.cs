using CareSequencing.Authoring.Validation;

namespace CareSequencing.Tests.Validation;

/// <summary>The linter's checks, each against a fixture named after the code it must produce.</summary>
public sealed class PackLinterTests
{
    private static string Fixture(string name) => Path.Combine(TestData.Fixtures, "lint", name);

    [Theory]
    [InlineData("CSQ1020-unknown-atc", "CSQ1020", DiagnosticSeverity.Error, "rules.yaml", 6, 65)]
    [InlineData("CSQ1022-overlapping-interactions", "CSQ1022", DiagnosticSeverity.Warning, "rules.yaml", 10, 5)]
    [InlineData("CSQ1023-unknown-action", "CSQ1023", DiagnosticSeverity.Warning, "rules.yaml", 12, 5)]
    [InlineData("CSQ1024-unknown-rule-reference", "CSQ1024", DiagnosticSeverity.Error, "s.yaml", 5, 12)]
    [InlineData("CSQ1025-retired-rule-reference", "CSQ1025", DiagnosticSeverity.Warning, "s.yaml", 5, 12)]
    [InlineData("CSQ1026-scenario-format", "CSQ1026", DiagnosticSeverity.Error, "s.yaml", 4, 3)]
    public void Lint_Fixture_ReportsItsCodeAtTheOffendingToken(string fixture, string code, DiagnosticSeverity severity, string file, int line, int column)
    {
        var diagnostics = Lint(Fixture(fixture));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(file, Path.GetFileName(diagnostic.Location.File));
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Hint), "every linter diagnostic says how to fix it");
    }

    [Fact]
    public void Lint_UnknownAtc_NamesTheCodeAndTheReference_AndKnownCodesPass()
    {
        var diagnostic = Assert.Single(Lint(Fixture("CSQ1020-unknown-atc")));

        Assert.Contains("'N06AB99'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("atc-codes.tsv", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("t.unknown-code", diagnostic.RuleId);
    }

    [Fact]
    public void Lint_WithoutReference_SkipsTheCodeCheck()
    {
        var ruleSet = RulePackLoader.Load(Path.Combine(Fixture("CSQ1020-unknown-atc"), "pack")).GetRuleSetOrThrow();

        Assert.Empty(PackLinter.Lint(ruleSet, new PackLintOptions()));
    }

    [Fact]
    public void Lint_OverlappingEntries_NameTheSharedPair_InEitherSideOrder()
    {
        var diagnostic = Assert.Single(Lint(Fixture("CSQ1022-overlapping-interactions")));

        Assert.Contains("N06AB06 with N02AX02", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_UnknownActionAndRuleReference_SuggestTheClosestName()
    {
        Assert.Contains("'start-psychotherapy'", Assert.Single(Lint(Fixture("CSQ1023-unknown-action"))).Hint!, StringComparison.Ordinal);
        Assert.Contains("t.live", Assert.Single(Lint(Fixture("CSQ1024-unknown-rule-reference"))).Hint!, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_BasicPack_IsClean()
    {
        Assert.Empty(PackLinter.Lint(TestData.BasicRules, new PackLintOptions()));
    }

    [Fact]
    public void CodeReference_ReadsTsvAndWhoCsv_SkippingHeadersAndComments()
    {
        var tsv = CodeReference.Parse("a.tsv", ["# comment", "", "N06AB06\tsertraline", "N06AB"]);
        var csv = CodeReference.Parse("b.csv", ["atc_code,atc_name,ddd,uom,adm_r,note", "N06AB06,sertraline,50,mg,O,", "A,ALIMENTARY TRACT AND METABOLISM,,,,"]);

        Assert.Equal(2, tsv.Count);
        Assert.True(tsv.Contains("N06AB"));
        Assert.Equal("sertraline", tsv.NameOf("N06AB06"));
        Assert.Null(tsv.NameOf("N06AB"));
        Assert.Equal(2, csv.Count);
        Assert.Equal("sertraline", csv.NameOf("N06AB06"));
        Assert.False(csv.Contains("atc_code"));
    }

    private static IReadOnlyList<RulePackDiagnostic> Lint(string fixture)
    {
        var pack = Path.Combine(fixture, "pack");
        var load = RulePackLoader.Load(pack);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        var referencePath = Path.Combine(fixture, "reference", "atc-codes.tsv");
        var options = new PackLintOptions { AtcReference = File.Exists(referencePath) ? CodeReference.Load(referencePath) : null };
        return [.. PackLinter.Lint(load.GetPartialRuleSet(), options), .. PackLinter.LintScenarioFolders(load.GetPartialRuleSet(), [pack])];
    }
}
