using System.Text.RegularExpressions;
using CareSequencing.Authoring.Validation;
using CareSequencing.Loading;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Localization;

/// <summary>
/// Every diagnostic code, through the fixture named after it, reads in French with its placeholders
/// filled; patient-input warnings follow the advice language; the CLI takes <c>--lang</c>.
/// </summary>
public sealed partial class LocalizedDiagnosticsTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "invalid", "lint" })
        {
            foreach (var directory in Directory.EnumerateDirectories(Path.Combine(TestData.Fixtures, folder)).Order(StringComparer.Ordinal))
                data.Add(folder + "/" + Path.GetFileName(directory));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void GetMessage_EveryCodeFixture_IsFrenchAndFilled(string fixture)
    {
        var code = Path.GetFileName(fixture)[..7];
        var diagnostic = Assert.Single(Diagnostics(fixture), d => d.Code == code);

        var english = diagnostic.GetMessage("en");
        var french = diagnostic.GetMessage("fr");

        Assert.Equal(diagnostic.Message, english);
        Assert.NotEqual(english, french);
        Assert.Matches(FrenchMarker(), french);
        Assert.DoesNotMatch(UnfilledPlaceholder(), french);
        if (diagnostic.Hint is not null)
        {
            Assert.NotEqual(diagnostic.Hint, diagnostic.GetHint("fr"));
            Assert.DoesNotMatch(UnfilledPlaceholder(), diagnostic.GetHint("fr")!);
        }
        Assert.Contains($": {(diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning")} {code}: {french}", diagnostic.ToString("fr"), StringComparison.Ordinal);
    }

    [Fact]
    public void GetMessage_UnsupportedLanguage_FallsBackToEnglish()
    {
        var diagnostic = Assert.Single(Diagnostics("invalid/CSQ1002-unknown-key"), d => d.Code == "CSQ1002");

        Assert.Equal(diagnostic.Message, diagnostic.GetMessage("de"));
        Assert.Equal(diagnostic.ToString(), diagnostic.ToString("de"));
    }

    [Fact]
    public void GetMessage_DiagnosticMadeOutsideTheLibrary_KeepsItsMessage()
    {
        var diagnostic = new RulePackDiagnostic("X0001", DiagnosticSeverity.Warning, "as given", new("f.yaml", 1, 1), Hint: "hint");

        Assert.Equal("as given", diagnostic.GetMessage("fr"));
        Assert.Equal("hint", diagnostic.GetHint("fr"));
    }

    [Theory]
    [InlineData("CSQ3001-invalid-atc", "CSQ3001")]
    [InlineData("CSQ3002-invalid-icd10", "CSQ3002")]
    [InlineData("CSQ3003-unsupported-system", "CSQ3003")]
    [InlineData("CSQ3004-missing-field", "CSQ3004")]
    [InlineData("CSQ3005-unknown-value", "CSQ3005")]
    [InlineData("CSQ3006-fact-unavailable", "CSQ3006")]
    [InlineData("CSQ3007-unknown-phase", "CSQ3007")]
    [InlineData("CSQ3008-unknown-key", "CSQ3008")]
    [InlineData("CSQ3009-invalid-value", "CSQ3009")]
    public void Evaluate_PatientWarnings_AreInTheAdviceLanguage(string fixture, string code)
    {
        var patient = PatientContextReader.ReadFile(Path.Combine(TestData.Fixtures, "patients", fixture + ".yaml"));
        var evaluator = TestData.Evaluator(ShippedRules.Value);

        var english = Assert.Single(evaluator.Evaluate(patient, new EvaluationSettings { Language = "en" }).Warnings, w => w.Code == code);
        var french = Assert.Single(evaluator.Evaluate(patient, new EvaluationSettings { Language = "fr" }).Warnings, w => w.Code == code);

        Assert.Equal(english.Path, french.Path);
        Assert.NotEqual(english.Message, french.Message);
        Assert.Matches(FrenchMarker(), french.Message);
    }

    [Fact]
    public void Validate_LangFr_PrintsFrenchDiagnosticsAndSummary()
    {
        var result = CliRunner.Run("validate", TestData.Invalid("CSQ1002-unknown-key"), "--lang", "fr");

        Assert.Equal(1, result.Exit);
        Assert.Contains("error CSQ1002: Clé « ", result.Out, StringComparison.Ordinal);
        Assert.Contains("erreur(s)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown key", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultLanguage_PrintsEnglish()
    {
        var result = CliRunner.Run("validate", TestData.Invalid("CSQ1002-unknown-key"));

        Assert.Contains("error CSQ1002: Unknown key '", result.Out, StringComparison.Ordinal);
        Assert.Contains("error(s)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("test")]
    [InlineData("diff")]
    [InlineData("eval")]
    [InlineData("explain")]
    public void Lang_UnknownLanguage_IsAUsageError(string command)
    {
        var badFormat = CliRunner.Run("eval", CliRunner.Sample("sequencing-new-anxiety.yaml"), "--format", "xml");
        string[] args = command switch
        {
            "diff" => ["diff", TestData.BasicPack, TestData.BasicPack, "--lang", "de"],
            "eval" => ["eval", "patient.yaml", "--lang", "de"],
            "explain" => ["explain", "patient.yaml", "--rule", "x", "--lang", "de"],
            _ => [command, TestData.BasicPack, "--lang", "de"],
        };

        var result = CliRunner.Run(args);

        // System.CommandLine reports the refused value, as for any option with a fixed set of values; the command never runs.
        Assert.NotEqual(0, result.Exit);
        Assert.Equal(badFormat.Exit, result.Exit);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Diff_LangFr_WritesAFrenchReport()
    {
        var result = CliRunner.Run("diff", TestData.DiffVersion("v1"), TestData.DiffVersion("v2"), "--lang", "fr");

        Assert.Equal(0, result.Exit);
        Assert.Contains("paquet(s) :", result.Out, StringComparison.Ordinal);
        Assert.Contains("scénarios :", result.Out, StringComparison.Ordinal);
        Assert.Contains("augmentez-la", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_LangFr_WritesFrenchSummaryAndCoverage()
    {
        var result = CliRunner.Run("test", TestData.CoveragePack("complete"), "--coverage", "--lang", "fr");

        Assert.Contains("réussi(s), 0 échoué(s)", result.Out, StringComparison.Ordinal);
        Assert.Contains("couverture :", result.Out, StringComparison.Ordinal);
    }

    private static readonly Lazy<CompiledRuleSet> ShippedRules = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    private static IReadOnlyList<RulePackDiagnostic> Diagnostics(string fixture)
    {
        var directory = Path.Combine(TestData.Fixtures, fixture);
        // A pin is the host's choice, outside every file: the CSQ1027 fixture needs one to fail.
        if (fixture.EndsWith("CSQ1027-pinned-version", StringComparison.Ordinal))
            return [.. RulePackLoader.Load([RulePackSource.Folder(directory)], new Dictionary<string, string> { ["pinned"] = "2.0.0" }).Diagnostics.Take(1)];
        if (fixture.StartsWith("invalid/", StringComparison.Ordinal)) return RulePackLoader.Load(directory).Diagnostics;
        var pack = Path.Combine(directory, "pack");
        var load = RulePackLoader.Load(pack);
        var referencePath = Path.Combine(directory, "reference", "atc-codes.tsv");
        var options = new PackLintOptions { AtcReference = File.Exists(referencePath) ? CodeReference.Load(referencePath) : null };
        return [.. load.Diagnostics, .. PackLinter.Lint(load.GetPartialRuleSet(), options), .. PackLinter.LintScenarioFolders(load.GetPartialRuleSet(), [pack])];
    }

    // French text: guillemets, an accented letter, or a French function word.
    [GeneratedRegex(@"«|[éèêàçù]|\b(?:le|la|les|une?|des?|du|dans|est|doit|aucune?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchMarker();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex UnfilledPlaceholder();
}

/// <summary>Warnings raised while mapping a FHIR bundle are rendered in the advice language too.</summary>
public sealed class LocalizedFhirWarningsTests
{
    [Fact]
    public void Evaluate_FhirBundleWarnings_AreInTheAdviceLanguage()
    {
        var patient = CareSequencing.Fhir.FhirPatientContextMapper.FromJson(File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "entered-in-error.json")));
        var evaluator = TestData.Evaluator();

        var english = evaluator.Evaluate(patient, new EvaluationSettings { Language = "en" }).Warnings;
        var french = evaluator.Evaluate(patient, new EvaluationSettings { Language = "fr" }).Warnings;

        Assert.NotEmpty(patient.InputWarnings);
        Assert.Contains(english, w => w.Message == "1 condition(s) refuted or entered in error were ignored.");
        Assert.Contains(french, w => w.Message == "1 pathologie(s) réfutées ou saisies par erreur ont été ignorées.");
        Assert.Equal(english.Select(w => (w.Code, w.Path)), french.Select(w => (w.Code, w.Path)));
    }
}
