using BenchmarkDotNet.Attributes;
using CareSequencing.Benchmarks.Synthetic;

namespace CareSequencing.Benchmarks;

/// <summary>
/// A patient with 15 active medications against synthetic interaction tables (ATC classes and
/// substances as in the shipped tables) of growing size; three entries fire and twelve have one side
/// matching, whatever the size. CareSequencing checks through its ATC index (the whole evaluation,
/// alerts and explanations included); the baseline is the unindexed loop a developer would write
/// first, which only finds the entries.
/// </summary>
[MemoryDiagnoser]
public class InteractionBenchmarks
{
    private SyntheticPacks _packs = null!;
    private CareEvaluator _evaluator = null!;
    private PatientContext _patient = null!;
    private (string Id, string[] A, string[] B)[] _entries = [];

    [Params(100, 1000, 10000)]
    public int EntryCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var set = SyntheticPackGenerator.Generate(EntryCount, SyntheticMix.InteractionsOnly, new FireTargets(0, 0, EntryFires: 3, EntryNearMisses: 12),
            SyntheticPatients.Polypharmacy);
        _packs = SyntheticPacks.Write(set);
        _evaluator = _packs.LoadEvaluator();
        _patient = set.Patient;
        _entries = [.. set.Interactions.Select(i => (i.Id, i.A.ToArray(), i.B.ToArray()))];
        Agreement.Check("CareSequencing", set, patient => Agreement.Fired(_evaluator.Evaluate(patient)));
        Agreement.Check("Linear scan", set, patient => Scan(patient).ToHashSet(StringComparer.Ordinal));
    }

    [GlobalCleanup]
    public void Cleanup() => _packs.Dispose();

    [Benchmark(Baseline = true, Description = "Linear scan over every entry")]
    public List<string> LinearScan() => Scan(_patient);

    [Benchmark(Description = "CareSequencing Evaluate (ATC index)")]
    public Advice CareSequencingEvaluate() => _evaluator.Evaluate(_patient);

    private List<string> Scan(PatientContext patient)
    {
        var codes = patient.Medications.Where(m => m.Status == MedicationStatus.Active && !string.IsNullOrWhiteSpace(m.Code))
            .Select(m => m.Code!.Trim().ToUpperInvariant()).ToArray();
        var found = new List<string>();
        foreach (var (id, a, b) in _entries)
        {
            // The sides never overlap, so two matches are two different medications.
            if (AnyUnder(codes, a) && AnyUnder(codes, b)) found.Add(id);
        }
        return found;
    }

    private static bool AnyUnder(string[] codes, string[] classes)
    {
        foreach (var code in codes)
        {
            foreach (var atcClass in classes)
            {
                if (code.StartsWith(atcClass, StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }
}
