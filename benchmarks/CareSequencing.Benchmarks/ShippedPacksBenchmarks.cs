using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using CareSequencing.Loading;
using CareSequencing.Presentation;

namespace CareSequencing.Benchmarks;

/// <summary>
/// Each sample patient of samples/patients/ against the packs shipped in rules/: the cost a host
/// pays per call. The baseline is the evaluation alone; the other method adds the JSON contract
/// most hosts write. Evaluated as of the packs' release date, so the results do not change with the day.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(FullFileNames))]
public class ShippedPacksBenchmarks
{
    private CareEvaluator _evaluator = null!;
    private PatientContext _patient = null!;

    /// <summary>A sample patient file in samples/patients/.</summary>
    [ParamsSource(nameof(SamplePatients))]
    public string Patient { get; set; } = "";

    /// <summary>Every sample patient file, in ordinal order.</summary>
    public static IEnumerable<string> SamplePatients() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "patients"), "*.yaml")
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        _evaluator = new CareEvaluator(RulePackLoader.Load(Path.Combine(root, "rules")).GetRuleSetOrThrow(),
            defaults: new EvaluationSettings { AsOf = new DateOnly(2026, 11, 23) });
        _patient = PatientContextReader.ReadFile(Path.Combine(root, "samples", "patients", Patient));
    }

    [Benchmark(Baseline = true)]
    public Advice Evaluate() => _evaluator.Evaluate(_patient);

    [Benchmark]
    public string EvaluateAndWriteJson() => AdviceJsonWriter.Write(_evaluator.Evaluate(_patient));

    /// <summary>Shows the whole file name in the Patient column (BenchmarkDotNet cuts parameters at 20 characters).</summary>
    private sealed class FullFileNames : ManualConfig
    {
        public FullFileNames() => SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(60);
    }

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
public class ShippedPacksLoadBenchmarks
{
    private string _rules = "";

    [GlobalSetup]
    public void Setup() => _rules = Path.Combine(ShippedPacksBenchmarks.RepositoryRoot(), "rules");

    [Benchmark(Baseline = true)]
    public CompiledRuleSet LoadShippedPacks() => RulePackLoader.Load(_rules).GetRuleSetOrThrow();
}
