using System.Globalization;
using BenchmarkDotNet.Attributes;
using CareSequencing.Loading;

namespace CareSequencing.Benchmarks;

/// <summary>
/// A long record against the shipped packs: a patient with <see cref="Entries"/> medications,
/// conditions and flags each, against the baseline of the sample double-diagnosis patient in the same
/// run. The ratio grows with the entries in proportion, not with their square: de-duplication and
/// interaction grouping are linear (see <see cref="DeduplicationBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class PatientSizeBenchmarks
{
    private static readonly string[] Atc = ["N06AB", "N02AX", "N05AN", "M01AE", "N05BA", "N03AX", "L01EA", "J05AE", "N07BB", "C09AA"];

    private CareEvaluator _evaluator = null!;
    private PatientContext _sample = null!;
    private PatientContext _large = null!;

    /// <summary>Entries in each of the three lists.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = ShippedPacksBenchmarks.RepositoryRoot();
        _evaluator = new CareEvaluator(RulePackLoader.Load(Path.Combine(root, "rules")).GetRuleSetOrThrow(),
            defaults: new EvaluationSettings { AsOf = new DateOnly(2026, 11, 23) });
        _sample = PatientContextReader.ReadFile(Path.Combine(root, "samples", "patients", "double-diagnosis-alcohol.yaml"));
        _large = new PatientContext
        {
            Age = 70,
            // Distinct substances (10 classes × 100 numbers, then repeats), two conditions, distinct flags.
            Medications = [.. Enumerable.Range(0, Entries).Select(i => new PatientMedication(Atc[i % Atc.Length] + (i / Atc.Length % 100).ToString("00", CultureInfo.InvariantCulture)))],
            Conditions = [.. Enumerable.Range(0, Entries).Select(i => new PatientCondition(i % 2 == 0 ? "F32.1" : "F10.2"))],
            Flags = [.. Enumerable.Range(0, Entries).Select(i => "flag-" + i.ToString(CultureInfo.InvariantCulture))],
        };
    }

    [Benchmark(Baseline = true, Description = "sample patient (double-diagnosis-alcohol.yaml)")]
    public Advice SamplePatient() => _evaluator.Evaluate(_sample);

    [Benchmark(Description = "patient with Entries medications, conditions and flags")]
    public Advice LargePatient() => _evaluator.Evaluate(_large);
}
