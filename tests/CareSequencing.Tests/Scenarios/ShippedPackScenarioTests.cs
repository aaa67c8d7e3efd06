using CareSequencing.Authoring.Scenarios;
using CareSequencing.Authoring.Validation;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Scenarios;

/// <summary>
/// Every scenario of every shipped pack, one test case per scenario, compared with its approved
/// snapshot (*.verified.json). Approve changes with 'caresequencing test rules --approve'.
/// </summary>
public sealed class ShippedPackScenarioTests
{
    private static readonly Lazy<CompiledRuleSet> Rules = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in ScenarioRunner.Discover(TestData.ShippedRules)) data.Add(scenario.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_MatchesItsApprovedSnapshot(string name)
    {
        var scenario = ScenarioRunner.Discover(TestData.ShippedRules).Single(s => s.Name == name);

        var result = ScenarioRunner.Run(Rules.Value, scenario);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
    }

    [Fact]
    public void ShippedPacks_LoadWithoutErrors_AndEveryRuleHasSources()
    {
        var result = RulePackLoader.Load(TestData.ShippedRules);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "CSQ1014");
        Assert.Equal(5, result.RuleSet.Packs.Count);
        Assert.All(result.RuleSet.Rules, r => Assert.NotEmpty(r.Definition.Sources));
        Assert.All(result.RuleSet.Interactions, i => Assert.NotEmpty(i.Entry.Sources));
    }

    [Fact]
    public void ShippedPacks_CoverEveryFamily_WithActiveRules()
    {
        var rules = Rules.Value;
        var families = rules.Rules.Where(r => r.Definition.Status == Model.RuleStatus.Active).Select(r => r.Definition.Family)
            .Concat(rules.Interactions.Where(i => i.Entry.Status == Model.RuleStatus.Active).Select(_ => RuleFamily.Interaction))
            .ToHashSet();

        Assert.Equal(Enum.GetValues<RuleFamily>().ToHashSet(), families);
    }

    [Fact]
    public void ShippedPacks_EveryActiveRuleAndEntry_IsCoveredByAScenario()
    {
        var report = ScenarioCoverage.Compute(Rules.Value, ScenarioRunner.Discover(TestData.ShippedRules));
        // As 'test --coverage': a pack declaring sampled coverage (an imported table) is counted, not required.
        var sampled = Rules.Value.PackModels.Where(p => p.SampledCoverage).Select(p => p.Reference.Id).ToHashSet(StringComparer.Ordinal);

        var uncovered = report.Uncovered.Where(r => r.Status == Authoring.RuleLifecycle.Active && !sampled.Contains(r.PackId)).ToList();
        Assert.True(uncovered.Count == 0,
            "Active rules and interaction entries no scenario fires (add a scenario to the pack's scenarios/, "
            + "or see 'caresequencing test rules --coverage'): " + string.Join(", ", uncovered.Select(r => $"{r.Id} at {r.Location}")));
    }

    public static TheoryData<string> PackFolders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.EnumerateDirectories(TestData.ShippedRules).Where(d => File.Exists(Path.Combine(d, "pack.yaml"))).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(folder));
        return data;
    }

    /// <summary>rules/README.md: each pack's own scenarios/ holds a scenario for every rule and entry of the pack.</summary>
    [Theory]
    [MemberData(nameof(PackFolders))]
    public void ShippedPack_OwnScenarios_CoverEveryActiveRuleAndEntryOfThePack(string pack)
    {
        var folder = Path.Combine(TestData.ShippedRules, pack);
        var rules = RulePackLoader.Load(folder).GetRuleSetOrThrow();

        var report = ScenarioCoverage.Compute(rules, ScenarioRunner.Discover(folder));
        var model = Assert.Single(rules.PackModels);
        if (model.SampledCoverage)
        {
            // Sampled: its own scenarios fire at least one entry of every severity (ANSM level).
            var fired = model.Interactions.Where(e => !report.Uncovered.Any(u => string.Equals(u.Id, e.Id, StringComparison.Ordinal)))
                .Select(e => e.Severity).ToHashSet();
            Assert.Equal(Enum.GetValues<AlertSeverity>().ToHashSet(), fired);
            return;
        }

        var uncovered = report.Uncovered.Where(r => r.Status == Authoring.RuleLifecycle.Active).ToList();
        Assert.True(uncovered.Count == 0,
            $"Active rules and entries of '{pack}' that none of its own scenarios fires: " + string.Join(", ", uncovered.Select(r => $"{r.Id} at {r.Location}")));
    }

    [Fact]
    public void ShippedPacks_LintClean_WithEveryAtcCodeInTheWhoExcerpt()
    {
        var reference = CodeReference.Load(Path.Combine(TestData.ShippedRules, "reference", "atc-codes.tsv"));

        var diagnostics = PackLinter.Lint(Rules.Value, new PackLintOptions { AtcReference = reference })
            .Concat(PackLinter.LintScenarioFolders(Rules.Value, [TestData.ShippedRules]));

        Assert.Empty(diagnostics);
        Assert.True(reference.Count > 250, "the excerpt lists the codes the packs use");
    }

    [Fact]
    public void ScenarioAndSamplePatients_UseOnlyAtcCodesOfTheWhoExcerpt() // well-formed ones: malformed codes are warned about at input
    {
        var reference = CodeReference.Load(Path.Combine(TestData.ShippedRules, "reference", "atc-codes.tsv"));
        var patients = ScenarioRunner.Discover(TestData.ShippedRules).Select(s => (s.Name, s.Patient))
            .Concat(Directory.EnumerateFiles(Path.Combine(TestData.RepositoryRoot, "samples", "patients"), "*.yaml")
                .Select(f => (Path.GetFileName(f), PatientContextReader.ReadFile(f))));

        var unknown = patients
            .SelectMany(p => p.Item2.Medications.Where(m => m.System == CodeSystems.Atc && Model.ClinicalCodes.NormalizeAtc(m.Code) == m.Code && !reference.Contains(m.Code!))
                .Select(m => $"{p.Item1}: {m.Code}"))
            .ToList();

        Assert.True(unknown.Count == 0, "ATC codes not in the WHO excerpt: " + string.Join(", ", unknown));
    }

    [Fact]
    public void NoScenario_GetsTwoInteractionAlertsForOneDrugPair()
    {
        var tableIds = Rules.Value.Interactions.Select(i => i.Entry.Id).ToHashSet(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var scenario in ScenarioRunner.Discover(TestData.ShippedRules))
        {
            var advice = new CareEvaluator(Rules.Value, new FixedTimeProvider(scenario.EvaluatedAt))
                .Evaluate(scenario.Patient, new EvaluationSettings { Language = scenario.Language, IncludeDraftRules = scenario.IncludeDraftRules });
            duplicates.AddRange(advice.Alerts.Where(a => tableIds.Contains(a.RuleId))
                .GroupBy(a => string.Join("+", a.Codes.Order(StringComparer.Ordinal)), StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .Select(g => $"{scenario.Name}: {g.Key} by {string.Join(", ", g.Select(a => a.RuleId))}"));
        }

        Assert.True(duplicates.Count == 0, "One combination, several alerts: " + string.Join("; ", duplicates));
    }
}
