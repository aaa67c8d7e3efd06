using CareSequencing.Authoring;
using CareSequencing.Authoring.Scenarios;

namespace CareSequencing.Tests.Scenarios;

public sealed class ScenarioCoverageTests
{
    private static CoverageReport GapsCoverage()
    {
        var rules = RulePackLoader.Load(TestData.CoveragePack("gaps")).GetRuleSetOrThrow();
        return ScenarioCoverage.Compute(rules, ScenarioRunner.Discover(TestData.CoveragePack("gaps")));
    }

    [Fact]
    public void Compute_FixtureWithGaps_ListsTheUncoveredRuleAndTheUnexercisedEntry()
    {
        var report = GapsCoverage();

        Assert.Equal(3, report.ScenarioCount);
        Assert.Equal(["cov.draft-unfired", "cov.unfired", "cov.ix-unexercised"], report.Uncovered.Select(r => r.Id));
        var entry = report.Uncovered.Single(r => r.Id == "cov.ix-unexercised");
        Assert.Equal(RuleKind.InteractionEntry, entry.Kind);
        Assert.Equal("coverage-gaps", entry.PackId);
        Assert.EndsWith("rules.yaml", entry.Location.File, StringComparison.Ordinal);
        Assert.True(report.HasUncoveredActive);
        Assert.Equal(new CoverageCount(1, 2), report.ActiveRules);
        Assert.Equal(new CoverageCount(1, 2), report.ActiveEntries);
        Assert.Equal("coverage: 1/2 rules, 1/2 interaction entries; draft: 1/2 rules, 0/0 entries; retired: 1", report.Summary);
    }

    [Fact]
    public void Compute_CoveredRulesAndEntries_NameTheScenariosThatFireThem()
    {
        var report = GapsCoverage();

        Assert.Equal(["assessment-ssri-tramadol"], report.Rules.Single(r => r.Id == "cov.fired").CoveredBy);
        Assert.Equal(["assessment-ssri-tramadol"], report.Rules.Single(r => r.Id == "cov.ix-exercised").CoveredBy);
    }

    [Fact]
    public void Compute_DraftRule_IsCoveredOnlyByScenariosThatIncludeDrafts()
    {
        var report = GapsCoverage();

        // 'literacy-without-drafts' matches cov.draft-unfired's condition but runs active rules only.
        Assert.Equal(["isolation-with-drafts"], report.Rules.Single(r => r.Id == "cov.draft-fired").CoveredBy);
        var unfired = report.Uncovered.Single(r => r.Id == "cov.draft-unfired");
        Assert.Equal(RuleLifecycle.Draft, unfired.Status);
        Assert.Equal(new CoverageCount(1, 2), report.DraftRules);
    }

    [Fact]
    public void Compute_RetiredRule_IsListedApart_AndNeverUncovered()
    {
        var report = GapsCoverage();

        var retired = Assert.Single(report.Retired);
        Assert.Equal("cov.retired", retired.Id);
        Assert.DoesNotContain(report.Uncovered, r => r.Id == "cov.retired");
    }

    [Fact]
    public void Compute_FromScenarioResults_MatchesComputeFromScenarios()
    {
        var rules = RulePackLoader.Load(TestData.CoveragePack("complete")).GetRuleSetOrThrow();
        var scenarios = ScenarioRunner.Discover(TestData.CoveragePack("complete"));

        var fromResults = ScenarioCoverage.Compute(rules, scenarios.Select(s => ScenarioRunner.Run(rules, s)).ToList());
        var direct = ScenarioCoverage.Compute(rules, scenarios);

        Assert.Equal(direct.Summary, fromResults.Summary);
        Assert.Empty(fromResults.Uncovered);
        Assert.False(fromResults.HasUncoveredActive);
    }
}
