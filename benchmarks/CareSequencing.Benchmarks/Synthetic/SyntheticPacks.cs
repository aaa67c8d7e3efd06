namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>A synthetic rule set written as pack folders in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class SyntheticPacks : IDisposable
{
    private SyntheticPacks(SyntheticRuleSet set, string directory)
    {
        Set = set;
        Directory = directory;
    }

    public SyntheticRuleSet Set { get; }

    /// <summary>The folder of packs, to hand to <see cref="RulePackLoader.Load"/>.</summary>
    public string Directory { get; }

    /// <summary>Evaluation settings of every synthetic benchmark: a fixed as-of date.</summary>
    public static EvaluationSettings Settings { get; } = new() { AsOf = SyntheticPatients.AsOf };

    public static SyntheticPacks Write(SyntheticRuleSet set)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("caresequencing-bench-").FullName;
        SyntheticPackWriter.Write(set, directory);
        return new SyntheticPacks(set, directory);
    }

    /// <summary>Loads the packs through the library's real path; any load error throws.</summary>
    public CompiledRuleSet Load() => RulePackLoader.Load(Directory).GetRuleSetOrThrow();

    public CareEvaluator LoadEvaluator() => new(Load(), defaults: Settings);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// The check that keeps the comparison honest: every engine must fire exactly the rules that the
/// condition trees say fire, for the benchmark patient and for probe patients that make many other
/// rules fire. Runs in each benchmark's setup; a mismatch throws, and the run fails.
/// </summary>
internal static class Agreement
{
    public const int ProbeCount = 12;

    /// <summary>The rules behind an advice: every proposal (held back or not), every alert and the entries merged into it.</summary>
    public static IReadOnlySet<string> Fired(Advice advice) =>
        advice.Proposals.Select(p => p.RuleId)
            .Concat(advice.Alerts.SelectMany(a => a.Merged.Select(m => m.RuleId).Prepend(a.RuleId)))
            .ToHashSet(StringComparer.Ordinal);

    public static void Check(string engine, SyntheticRuleSet set, Func<PatientContext, IReadOnlySet<string>> fired)
    {
        var planned = set.PlannedFired;
        var patients = SyntheticPatients.Probes(set, ProbeCount).Prepend(set.Patient);
        foreach (var patient in patients)
        {
            var expected = set.ExpectedFired(patient);
            var actual = fired(patient);
            if (!actual.SetEquals(expected))
            {
                throw new InvalidOperationException(
                    $"{engine} disagrees with the synthetic rules ({set.RuleCount} rules, patient {patient.Id}): " +
                    $"missing [{string.Join(", ", expected.Except(actual).Order(StringComparer.Ordinal))}], " +
                    $"extra [{string.Join(", ", actual.Except(expected).Order(StringComparer.Ordinal))}].");
            }
            if (ReferenceEquals(patient, set.Patient) && !actual.SetEquals(planned))
                throw new InvalidOperationException($"{engine}: the benchmark patient does not fire the planned rules.");
        }
    }
}
