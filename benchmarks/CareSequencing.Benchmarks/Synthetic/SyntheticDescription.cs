using System.Globalization;

namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>What <c>--describe</c> prints: per rule count, the mix and how many rules fire for whom.</summary>
internal static class SyntheticDescription
{
    public static void Print(TextWriter output)
    {
        var sets = SyntheticPackGenerator.RuleCounts.Select(SyntheticPackGenerator.Generate)
            .Append(SyntheticPackGenerator.Generate(10000, SyntheticMix.InteractionsOnly, new FireTargets(0, 0, 3, 12), SyntheticPatients.Polypharmacy));
        foreach (var set in sets)
        {
            var families = set.Rules.GroupBy(r => r.Family).Select(g => $"{g.Key} {g.Count()}");
            var probes = SyntheticPatients.Probes(set, Agreement.ProbeCount).Select(p => set.ExpectedFired(p).Count).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{set.RuleCount} rules for {set.Patient.Id}: {string.Join(", ", families.Append($"interaction entries {set.Interactions.Count}"))}; " +
                $"drafts {set.Rules.Count(r => r.Draft)}; fire {set.PlannedFired.Count}, near misses {set.Rules.Count(r => r.Role == Role.NearMiss) + set.Interactions.Count(i => i.Role == Role.NearMiss)}; " +
                $"probe patients fire {probes.Min()}–{probes.Max()} (mean {probes.Average():0.0}); fingerprint {set.Fingerprint[..12]}"));
        }
    }
}
