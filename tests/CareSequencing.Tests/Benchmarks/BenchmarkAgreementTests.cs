using CareSequencing.Benchmarks.Synthetic;

namespace CareSequencing.Tests.Benchmarks;

/// <summary>
/// The three engines of the evaluation benchmarks agree on every benchmark input: CareSequencing on
/// the packs loaded from YAML, RulesEngine on the equivalent workflow and the hand-written C#, for the
/// benchmark patient and the probe patients that make many other rules fire. A ratio between engines
/// that do different work would mean nothing.
/// </summary>
public sealed class BenchmarkAgreementTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void CareSequencing_RulesEngine_AndHandWritten_FireTheSameRules(int ruleCount)
    {
        var set = SyntheticPackGenerator.Generate(ruleCount);
        using var packs = SyntheticPacks.Write(set);
        var evaluator = packs.LoadEvaluator();
        var engine = new RulesEngine.RulesEngine([RulesEngineWorkflow.Build(set)], RulesEngineWorkflow.Settings());
        HandWrittenRules.EnsureCurrent(set);

        Assert.Equal(ruleCount, evaluator.RuleSet.RuleCount);
        Agreement.Check("CareSequencing", set, patient => Agreement.Fired(evaluator.Evaluate(patient)));
        Agreement.Check("RulesEngine", set, patient => RulesEngineWorkflow.Fired(
            engine.ExecuteAllRulesAsync(RulesEngineWorkflow.Name, RulesEngineWorkflow.Input(SyntheticFacts.From(patient, SyntheticPatients.AsOf)))
                .AsTask().GetAwaiter().GetResult()));
        Agreement.Check("Hand-written C#", set, patient =>
        {
            var fired = new List<string>();
            HandWrittenRules.Evaluate(ruleCount, SyntheticFacts.From(patient, SyntheticPatients.AsOf), fired);
            return fired.ToHashSet(StringComparer.Ordinal);
        });
    }
}
