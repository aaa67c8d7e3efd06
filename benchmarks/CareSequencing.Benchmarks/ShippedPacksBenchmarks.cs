using BenchmarkDotNet.Attributes;
using CareSequencing.Loading;
using CareSequencing.Presentation;

namespace CareSequencing.Benchmarks;

/// <summary>
/// The sample patients against the packs shipped in rules/: the cost a host pays per call.
/// The baseline is the evaluation alone; the other methods add what hosts usually add.
/// </summary>
[MemoryDiagnoser]
public class ShippedPacksBenchmarks
{
    private CareEvaluator _evaluator = null!;
    private PatientContext _patient = null!;

    /// <summary>A sample patient file in samples/patients/.</summary>
    [Params("double-diagnosis-alcohol.yaml")]
    public string Patient { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        _evaluator = new CareEvaluator(RulePackLoader.Load(Path.Combine(root, "rules")).GetRuleSetOrThrow());
        _patient = PatientContextReader.ReadFile(Path.Combine(root, "samples", "patients", Patient));
    }

    [Benchmark(Baseline = true)]
    public Advice Evaluate() => _evaluator.Evaluate(_patient);

    [Benchmark]
    public string EvaluateAndWriteJson() => AdviceJsonWriter.Write(_evaluator.Evaluate(_patient));

    internal static string RepositoryRoot()
    {
        // BenchmarkDotNet runs a generated copy of this program from a deep bin folder: walk up to the solution.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareSequencing.sln"))) directory = directory.Parent;
        directory ??= new DirectoryInfo(Environment.CurrentDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareSequencing.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}

/// <summary>YAML to ready-to-evaluate: reading, validating and compiling the shipped packs.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string _rules = "";

    [GlobalSetup]
    public void Setup() => _rules = Path.Combine(ShippedPacksBenchmarks.RepositoryRoot(), "rules");

    [Benchmark(Baseline = true)]
    public CompiledRuleSet LoadShippedPacks() => RulePackLoader.Load(_rules).GetRuleSetOrThrow();
}
