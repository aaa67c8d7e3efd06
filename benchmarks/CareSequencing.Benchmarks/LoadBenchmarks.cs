using BenchmarkDotNet.Attributes;
using CareSequencing.Benchmarks.Synthetic;
using CareSequencing.Compilation;
using CareSequencing.Loading;
using CareSequencing.Model;
using RulesEngine.Models;

namespace CareSequencing.Benchmarks;

/// <summary>
/// From rule files to the first answer, in a warm process: CareSequencing from the YAML packs
/// (read, validate, compile, evaluate) against RulesEngine from the workflow's JSON file (build the
/// engine, which compiles lazily during its first evaluation). Then each stage on its own. The
/// library exposes only the whole path publicly; the stages use its internal reader and compiler
/// (InternalsVisibleTo), so they follow any change to those internals.
/// </summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private SyntheticPacks _packs = null!;
    private string _workflowFile = "";
    private string[] _packDirectories = [];
    private List<RulePack> _packModels = [];
    private CompiledRuleSet _freshRuleSet = null!;
    private RulesEngine.RulesEngine _freshEngine = null!;
    private PatientContext _patient = null!;

    [Params(100, 1000)]
    public int RuleCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _packs = SyntheticPacks.Write(SyntheticPackGenerator.Generate(RuleCount));
        _patient = _packs.Set.Patient;
        _workflowFile = Path.Combine(_packs.Directory, "workflow.json");
        File.WriteAllText(_workflowFile, RulesEngineWorkflow.ToJson(RulesEngineWorkflow.Build(_packs.Set)));
        _packDirectories = [.. Directory.GetDirectories(_packs.Directory).Order(StringComparer.Ordinal)];
        _packModels = ReadPacks();

        var planned = _packs.Set.PlannedFired;
        if (!Agreement.Fired(YamlToFirstEvaluation()).SetEquals(planned) || !RulesEngineWorkflow.Fired(JsonToFirstEvaluation()).SetEquals(planned))
            throw new InvalidOperationException("The loaded rules do not fire the planned rules for the benchmark patient.");
    }

    [GlobalCleanup]
    public void Cleanup() => _packs.Dispose();

    [Benchmark(Baseline = true, Description = "RulesEngine: JSON file → engine → first evaluation")]
    public List<RuleResultTree> JsonToFirstEvaluation() => FirstEvaluation(RulesEngineWorkflow.FromJson(File.ReadAllText(_workflowFile)));

    [Benchmark(Description = "CareSequencing: YAML packs → loaded → first evaluation")]
    public Advice YamlToFirstEvaluation() => new CareEvaluator(RulePackLoader.Load(_packs.Directory).GetRuleSetOrThrow(), defaults: SyntheticPacks.Settings).Evaluate(_patient);

    [Benchmark(Description = "CareSequencing stage: read and validate YAML")]
    public int ReadYaml() => ReadPacks().Count;

    [Benchmark(Description = "CareSequencing stage: compile conditions")]
    public CompiledRuleSet Compile() => CompileRuleSet();

    private CompiledRuleSet CompileRuleSet()
    {
        var diagnostics = new DiagnosticBag();
        var ruleSet = RulePackCompiler.Compile(_packModels, diagnostics);
        return diagnostics.HasErrors ? throw new InvalidOperationException("Compilation failed.") : ruleSet;
    }

    [IterationSetup(Target = nameof(FirstEvaluation))]
    public void CompileFresh() => _freshRuleSet = CompileRuleSet();

    [Benchmark(Description = "CareSequencing stage: first evaluation")]
    public Advice FirstEvaluation() => new CareEvaluator(_freshRuleSet, defaults: SyntheticPacks.Settings).Evaluate(_patient);

    [Benchmark(Description = "RulesEngine stage: JSON file → engine")]
    public RulesEngine.RulesEngine BuildEngine() => RulesEngineWorkflow.FromJson(File.ReadAllText(_workflowFile));

    [IterationSetup(Target = nameof(EngineFirstEvaluation))]
    public void BuildFresh() => _freshEngine = BuildEngine();

    [Benchmark(Description = "RulesEngine stage: first evaluation (compiles)")]
    public List<RuleResultTree> EngineFirstEvaluation() => FirstEvaluation(_freshEngine);

    private List<RuleResultTree> FirstEvaluation(RulesEngine.RulesEngine engine) =>
        engine.ExecuteAllRulesAsync(RulesEngineWorkflow.Name, RulesEngineWorkflow.Input(SyntheticFacts.From(_patient, SyntheticPatients.AsOf)))
            .AsTask().GetAwaiter().GetResult();

    private List<RulePack> ReadPacks()
    {
        var diagnostics = new DiagnosticBag();
        var packs = _packDirectories.Select(d => RulePackReader.Read(d, diagnostics, out _)).ToList();
        if (diagnostics.HasErrors || packs.Contains(null)) throw new InvalidOperationException("A synthetic pack did not read.");
        return [.. packs.OfType<RulePack>()];
    }
}
