using BenchmarkDotNet.Attributes;
using CareSequencing.Benchmarks.Synthetic;
using RulesEngine.Models;

namespace CareSequencing.Benchmarks;

/// <summary>
/// One evaluation of the typical synthetic patient against synthetic packs of growing size, three
/// ways over the same rules: RulesEngine's <c>ExecuteAllRulesAsync</c> on the equivalent workflow
/// (the baseline), CareSequencing's <see cref="CareEvaluator.Evaluate(PatientContext)"/> on the
/// packs loaded from YAML, and hand-written C#. Each builds its facts from the
/// <see cref="PatientContext"/> on every call. About six rules fire whatever the size; see
/// benchmarks/README.md. Each setup checks that its engine fires exactly the expected rules.
/// </summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private SyntheticRuleSet _set = null!;
    private SyntheticPacks? _packs;
    private CareEvaluator _evaluator = null!;
    private RulesEngine.RulesEngine _engine = null!;
    private PatientContext _patient = null!;

    [Params(10, 100, 1000, 10000)]
    public int RuleCount { get; set; }

    [GlobalSetup(Target = nameof(RulesEngineExecuteAll))]
    public void SetupRulesEngine()
    {
        Generate();
        _engine = new RulesEngine.RulesEngine([RulesEngineWorkflow.Build(_set)], RulesEngineWorkflow.Settings());
        Agreement.Check("RulesEngine", _set, patient => RulesEngineWorkflow.Fired(
            _engine.ExecuteAllRulesAsync(RulesEngineWorkflow.Name, RulesEngineWorkflow.Input(SyntheticFacts.From(patient, SyntheticPatients.AsOf)))
                .AsTask().GetAwaiter().GetResult()));
    }

    [GlobalSetup(Target = nameof(CareSequencingEvaluate))]
    public void SetupCareSequencing()
    {
        Generate();
        _packs = SyntheticPacks.Write(_set);
        _evaluator = _packs.LoadEvaluator();
        if (_evaluator.RuleSet.RuleCount != RuleCount)
            throw new InvalidOperationException($"Loaded {_evaluator.RuleSet.RuleCount} rules, expected {RuleCount}.");
        Agreement.Check("CareSequencing", _set, patient => Agreement.Fired(_evaluator.Evaluate(patient)));
    }

    [GlobalSetup(Target = nameof(HandWritten))]
    public void SetupHandWritten()
    {
        Generate();
        HandWrittenRules.EnsureCurrent(_set);
        Agreement.Check("Hand-written C#", _set, patient => Run(patient).ToHashSet(StringComparer.Ordinal));
    }

    [GlobalCleanup]
    public void Cleanup() => _packs?.Dispose();

    [Benchmark(Baseline = true, Description = "RulesEngine ExecuteAllRulesAsync")]
    public ValueTask<List<RuleResultTree>> RulesEngineExecuteAll() =>
        _engine.ExecuteAllRulesAsync(RulesEngineWorkflow.Name, RulesEngineWorkflow.Input(SyntheticFacts.From(_patient, SyntheticPatients.AsOf)));

    [Benchmark(Description = "CareSequencing Evaluate")]
    public Advice CareSequencingEvaluate() => _evaluator.Evaluate(_patient);

    [Benchmark(Description = "Hand-written C#")]
    public List<string> HandWritten() => Run(_patient);

    private List<string> Run(PatientContext patient)
    {
        var fired = new List<string>();
        HandWrittenRules.Evaluate(RuleCount, SyntheticFacts.From(patient, SyntheticPatients.AsOf), fired);
        return fired;
    }

    private void Generate()
    {
        _set = SyntheticPackGenerator.Generate(RuleCount);
        _patient = _set.Patient;
    }
}
