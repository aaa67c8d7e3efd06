using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using CareSequencing.Benchmarks.Synthetic;

namespace CareSequencing.Benchmarks;

/// <summary>
/// Evaluations per second with one shared evaluator at 1,000 synthetic rules: a plain loop on one
/// thread against <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> on every core.
/// Each invocation runs <see cref="Evaluations"/> evaluations; the table reports per evaluation
/// (OperationsPerInvoke) and adds an operations-per-second column. Server GC, as in the ASP.NET Core
/// hosts that embed the library: with workstation GC every core waits on one collector. Advice is
/// consumed, not kept, so it dies young as it does in a request.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
[Config(typeof(OperationsPerSecondConfig))]
public class ThroughputBenchmarks
{
    public const int RuleCount = 1000;
    public const int Evaluations = 256;

    private readonly int[] _counts = new int[Evaluations];
    private readonly ParallelOptions _allCores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
    private SyntheticPacks _packs = null!;
    private CareEvaluator _evaluator = null!;
    private PatientContext _patient = null!;

    [GlobalSetup]
    public void Setup()
    {
        var set = SyntheticPackGenerator.Generate(RuleCount);
        _packs = SyntheticPacks.Write(set);
        _evaluator = _packs.LoadEvaluator();
        _patient = set.Patient;
        Agreement.Check("CareSequencing", set, patient => Agreement.Fired(_evaluator.Evaluate(patient)));
    }

    [GlobalCleanup]
    public void Cleanup() => _packs.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Evaluations, Description = "1 thread")]
    public int[] OneThread()
    {
        for (var i = 0; i < Evaluations; i++) _counts[i] = _evaluator.Evaluate(_patient).Alerts.Count;
        return _counts;
    }

    [Benchmark(OperationsPerInvoke = Evaluations, Description = "All cores (Parallel.For)")]
    public int[] AllCores()
    {
        Parallel.For(0, Evaluations, _allCores, i => _counts[i] = _evaluator.Evaluate(_patient).Alerts.Count);
        return _counts;
    }

    private sealed class OperationsPerSecondConfig : ManualConfig
    {
        public OperationsPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
