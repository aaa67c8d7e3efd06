using System.Globalization;
using BenchmarkDotNet.Attributes;
using CareSequencing.Evaluation;

namespace CareSequencing.Benchmarks;

/// <summary>
/// Removing repeats from a patient's list, keeping order: the list scan the evaluator used before
/// (baseline; quadratic) against <see cref="DistinctStrings"/>, which scans up to 16 entries and hashes
/// beyond. At 16 the two do the same work; the larger sizes show why the set is needed.
/// </summary>
[MemoryDiagnoser]
public class DeduplicationBenchmarks
{
    private string[] _values = [];

    /// <summary>Strings in the list; one in four is a repeat.</summary>
    [Params(8, 16, 1_000, 10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _values = [.. Enumerable.Range(0, Count).Select(i => "flag-" + (i * 3 / 4).ToString(CultureInfo.InvariantCulture))];

    [Benchmark(Baseline = true, Description = "list scan (before)")]
    public int ListScan()
    {
        var distinct = new List<string>(_values.Length);
        foreach (var value in _values)
        {
            if (!distinct.Contains(value)) distinct.Add(value);
        }
        return distinct.Count;
    }

    [Benchmark(Description = "DistinctStrings (scan to 16, then a set)")]
    public int Distinct()
    {
        var distinct = new DistinctStrings(_values.Length);
        foreach (var value in _values) distinct.Add(value);
        return distinct.Items.Count;
    }
}
