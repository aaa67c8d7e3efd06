using System.Text.RegularExpressions;
using CareSequencing.Authoring.Explain;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Explain;

/// <summary>
/// The explainer against the shipped packs: its verdict is the evaluator's for every rule and every
/// sample patient and scenario, and every node of every shipped condition is located in its file.
/// </summary>
public sealed partial class ShippedPacksExplainTests
{
    private static readonly Lazy<CompiledRuleSet> Rules = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());
    private static readonly Lazy<IReadOnlyList<Scenario>> AllScenarios = new(() => ScenarioRunner.Discover(TestData.ShippedRules));
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static TheoryData<string> SamplePatients()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestData.RepositoryRoot, "samples", "patients"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in AllScenarios.Value) data.Add(scenario.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SamplePatients))]
    public void EveryRule_VerdictIsTheEvaluators_AndEveryNodeIsLocated(string file)
    {
        var patient = PatientContextReader.ReadFile(Path.Combine(TestData.RepositoryRoot, "samples", "patients", file));
        var settings = new EvaluationSettings { AsOf = AsOf };
        var ids = Rules.Value.Rules.Select(r => r.Definition.Id).Concat(Rules.Value.Interactions.Select(i => i.Entry.Id));

        AssertAgreesWithTheEvaluator(patient, settings, ids);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ScenarioRules_VerdictIsTheEvaluators(string name)
    {
        var scenario = AllScenarios.Value.Single(s => s.Name == name);
        var settings = new EvaluationSettings
        {
            AsOf = DateOnly.FromDateTime(scenario.EvaluatedAt.UtcDateTime),
            Language = scenario.Language,
            IncludeDraftRules = scenario.IncludeDraftRules,
        };
        var advice = new CareEvaluator(Rules.Value).Evaluate(scenario.Patient, settings);
        var ids = advice.Proposals.Select(p => p.RuleId).Concat(advice.Alerts.Select(a => a.RuleId))
            .Concat(scenario.Expect.Absent).Concat(scenario.Expect.Alerts).Distinct(StringComparer.Ordinal);

        AssertAgreesWithTheEvaluator(scenario.Patient, settings, ids);
    }

    private static void AssertAgreesWithTheEvaluator(PatientContext patient, EvaluationSettings settings, IEnumerable<string> ids)
    {
        var advice = new CareEvaluator(Rules.Value).Evaluate(patient, settings);
        var produced = advice.Proposals.Select(p => p.RuleId).Concat(advice.Alerts.Select(a => a.RuleId)).ToHashSet(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var explanation = RuleExplainer.Explain(Rules.Value, patient, id, settings);

            Assert.True(produced.Contains(id) == (explanation.Verdict == RuleVerdict.Fired), $"{id}: {explanation.Verdict}");
            if (explanation.Verdict == RuleVerdict.Fired)
                Assert.True(explanation.ProposalRanking is not null || explanation.AlertRanking is not null, id);
            if (explanation.Condition is not { } condition) continue;
            if (explanation.Verdict is RuleVerdict.Fired or RuleVerdict.NotFired)
                Assert.Equal(explanation.Verdict == RuleVerdict.Fired, condition.Root.Value is true);
            AssertLocated(condition);
        }
    }

    /// <summary>Every node is source text; its span is its text; its line:col points at it in the rule file.</summary>
    private static void AssertLocated(ConditionTrace condition)
    {
        var lines = File.ReadAllLines(condition.Location.File);
        foreach (var node in Flatten(condition.Root))
        {
            Assert.True(node.IsSourceText, node.Text);
            var span = condition.Text.Substring(node.Offset!.Value, node.Length!.Value);
            Assert.Equal(node.Text, Whitespace().Replace(span, " "));
            var firstToken = node.Text.Split(' ')[0];
            var at = node.Location!;
            Assert.StartsWith(firstToken, lines[at.Line - 1][(at.Column - 1)..], StringComparison.Ordinal);
        }
    }

    private static IEnumerable<ConditionNode> Flatten(ConditionNode node) => node.Children.SelectMany(Flatten).Prepend(node);
}
