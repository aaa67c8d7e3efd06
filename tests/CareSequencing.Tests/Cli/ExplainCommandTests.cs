using System.Globalization;
using System.Text.Json;
using CareSequencing.Cli;

namespace CareSequencing.Tests.Cli;

public sealed class ExplainCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string Sample(string name) => CliRunner.Sample(name);

    /// <summary>A patient for the basic pack: depression and alcohol dependence, on tramadol, declined CBT.</summary>
    private static string Patient(string yaml = """
        id: cli-1
        age: 40
        conditions: [{ code: F32.1 }, { code: F10.2 }]
        medications: [{ code: N02AX02, name: tramadol, form: capsule }]
        therapies: [{ kind: psychotherapy/cbt, status: declined }]
        phase: { current: medication-treatment, completed: [assessment] }
        flags: [social-isolation]
        """)
    {
        var file = Path.Combine(Path.GetTempPath(), $"csq-explain-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    private static (int Exit, string Out, string Err) Explain(string patient, string rule, params string[] more) =>
        Run(["explain", patient, "--rule", rule, "--rules", TestData.BasicPack, "--as-of", "2026-11-23", .. more]);

    [Fact]
    public void Explain_FiredRule_PrintsAnAlignedTree_AndItsRanking()
    {
        var (exit, output, error) = Explain(Patient(), "t.adult-only");

        Assert.True(exit == 0, error);
        Assert.Contains("Result:     FIRED — the condition is true", output, StringComparison.Ordinal);
        var rows = output.Split('\n').Where(l => l.Contains(" 44:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count); // all of, the comparison, facts.Age, the flag
        Assert.Single(rows.Select(r => r.IndexOf(" 44:", StringComparison.Ordinal)).Distinct()); // one column
        Assert.Contains("│  └─ facts.Age", output, StringComparison.Ordinal);
        Assert.Contains("flag social-isolation: social-isolation", output, StringComparison.Ordinal);
        Assert.Contains("proposal 1 of 3 · proposed · score 50 = 50 + 0 + 0 + 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cli-1", output, StringComparison.Ordinal); // the patient id is not needed to explain a rule
    }

    [Fact]
    public void Explain_ShortCircuit_ShowsTheValueInParentheses_NotReached()
    {
        var patient = Patient("""
            age: 40
            conditions: [{ code: F10.2 }]
            phase: { current: medication-treatment }
            """);

        var (exit, output, _) = Explain(patient, "t.cbt");

        Assert.Equal(0, exit);
        Assert.Contains("NOT FIRED — the condition is false", output, StringComparison.Ordinal);
        Assert.Matches(@"├─ facts\.HasCondition\(""F32""\)\s+19:11\s+false\n", output);
        Assert.Matches(@"└─ facts\.CurrentPhase == ""medication-treatment""\s+19:40\s+\(true\)  not reached\n", output);
        Assert.Contains("condition F32: none", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_BlockedAndDeclinedProposals_SayWhy()
    {
        var patient = Patient();

        var blocked = Explain(patient, "t.naltrexone").Out;
        var declined = Explain(patient, "t.cbt").Out;

        Assert.Contains("· blocked ·", blocked, StringComparison.Ordinal);
        Assert.Contains("[CONTRAINDICATED] t.ix.opioid-naltrexone · naltrexone + opioids · would be raised by the codes it starts · blocks it", blocked, StringComparison.Ordinal);
        Assert.Contains("the patient declined psychotherapy/cbt", declined, StringComparison.Ordinal);
        Assert.Contains("why not: Held back: the patient declined this therapy", declined, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InteractionEntry_ShowsBothSides()
    {
        var (exit, output, _) = Run("explain", Sample("double-diagnosis-alcohol.yaml"), "--rule", "ix.ssri-tramadol",
            "--rules", TestData.ShippedRules, "--as-of", "2026-11-23");

        Assert.Equal(0, exit);
        Assert.Contains("+ sertraline (N06AB06) · tablet · under N06AB", output, StringComparison.Ordinal);
        Assert.Contains("+ tramadol (N02AX02) · capsule · under N02AX02", output, StringComparison.Ordinal);
        Assert.Contains("→ two different active medications match a and b", output, StringComparison.Ordinal);
        Assert.Contains("alert 1 of ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InteractionSideLimitedToOralForms_ShowsTheFormThatDoesNotCount()
    {
        var patient = Patient("""
            age: 49
            medications:
              - { code: N07BB01, name: disulfiram, form: tablet }
              - { code: J01XD01, name: metronidazole, form: solution-for-infusion }
            """);

        var (exit, output, _) = Run("explain", patient, "--rule", "ix.disulfiram-metronidazole", "--rules", TestData.ShippedRules, "--as-of", "2026-11-23");

        Assert.Equal(0, exit);
        Assert.Contains("NOT FIRED", output, StringComparison.Ordinal);
        Assert.Contains("- metronidazole (J01XD01) · solution-for-infusion · under J01XD01 · form not accepted", output, StringComparison.Ordinal);
        Assert.Contains("→ no active medication of an accepted form matches side b", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_DraftRule_WithoutIncludeDraft_IsNotRun_AndSaysHow()
    {
        var without = Explain(Patient(), "t.draft");
        var with = Explain(Patient(), "t.draft", "--include-draft");

        Assert.Equal(0, without.Exit);
        Assert.Contains("NOT RUN — for this patient the condition is true", without.Out, StringComparison.Ordinal);
        Assert.Contains("draft rules are not run (--include-draft)", without.Out, StringComparison.Ordinal);
        Assert.Contains("Result:     FIRED", with.Out, StringComparison.Ordinal);
        Assert.Contains("alert 2 of 2 · minor", with.Out, StringComparison.Ordinal); // after the moderate double-diagnosis alert
        Assert.Contains("1. [MODERATE] t.dd-alert", with.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_UnknownRuleId_Exits1_WithTheClosestIds()
    {
        var (exit, output, error) = Run("explain", Sample("double-diagnosis-alcohol.yaml"), "--rule", "ix.ssri-tramdol", "--rules", TestData.ShippedRules);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("error: No rule or interaction entry 'ix.ssri-tramdol' in the loaded packs.", error, StringComparison.Ordinal);
        Assert.Contains("hint: did you mean ix.ssri-tramadol", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_UnreadableInput_Exits2()
    {
        var broken = Patient("id: [broken");

        var unreadable = Explain(broken, "t.cbt");
        var missing = Explain(Path.Combine(Path.GetTempPath(), $"csq-missing-{Guid.NewGuid():N}.yaml"), "t.cbt");
        var badDate = Run("explain", Patient(), "--rule", "t.cbt", "--rules", TestData.BasicPack, "--as-of", "23/11/2026");

        Assert.Equal((2, 2, 2), (unreadable.Exit, missing.Exit, badDate.Exit));
        Assert.Contains("error CSQ3010:", unreadable.Err, StringComparison.Ordinal);
        Assert.Contains("--as-of must be a date", badDate.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Json_IsDeterministic_AcrossRunsAndCultures()
    {
        var patient = Patient();
        var first = Explain(patient, "t.cbt", "--format", "json").Out;
        string second;
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            second = Explain(patient, "t.cbt", "--format", "json").Out;
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(first, second);
        using var json = JsonDocument.Parse(first);
        var root = json.RootElement;
        Assert.Equal("fired", root.GetProperty("verdict").GetString());
        Assert.Equal("2026-11-23", root.GetProperty("asOf").GetString());
        var node = root.GetProperty("condition").GetProperty("root");
        Assert.Equal("all-of", node.GetProperty("kind").GetString());
        Assert.Equal(19, node.GetProperty("location").GetProperty("line").GetInt32());
        Assert.Equal("declined", root.GetProperty("proposalRanking").GetProperty("status").GetString());
        Assert.Equal(10, root.GetProperty("proposalRanking").GetProperty("scoreBreakdown").GetProperty("phaseFit").GetInt32());
    }

    [Fact]
    public void Readme_ShowsTheRealOutputOfItsExplainExample()
    {
        var readme = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("$ dotnet run --project src/CareSequencing.Cli -- explain", StringComparison.Ordinal);
        var block = readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
        var documented = string.Join("\n", block.Split('\n').SkipWhile(l => l.StartsWith('$') || l.StartsWith("    ", StringComparison.Ordinal))) + "\n";

        var (exit, output, _) = Run("explain", Sample("double-diagnosis-alcohol.yaml"), "--rule", "seq.gp-psychiatry-shared-care",
            "--rules", TestData.ShippedRules, "--as-of", "2026-11-23");

        // The README runs from the repository root; here the packs are elsewhere, so only their folder differs.
        var rules = Path.GetFullPath(TestData.ShippedRules).Replace('\\', '/') + "/";
        Assert.Equal(0, exit);
        Assert.Equal(documented, output.Replace(rules, "rules/", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_French_TranslatesLabelsAndReasons()
    {
        var (exit, output, _) = Explain(Patient(), "t.cbt", "--lang", "fr");

        Assert.Equal(0, exit);
        Assert.Contains("Règle:      t.cbt · Envisager une TCC", output, StringComparison.Ordinal);
        Assert.Contains("Résultat:   DÉCLENCHÉE", output, StringComparison.Ordinal);
        Assert.Contains("Écartée : le patient a refusé cette thérapie", output, StringComparison.Ordinal);
    }
}
