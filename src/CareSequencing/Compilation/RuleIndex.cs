using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Numerics;
using CareSequencing.Evaluation;

namespace CareSequencing.Compilation;

/// <summary>
/// Rules keyed by the facts that trigger them (<see cref="TriggerAnalysis"/>). An evaluation looks
/// up the patient's own facts and visits only the rules they can trigger, plus the few rules that
/// have no trigger, in rule order: its cost follows what the patient has, not the size of the packs.
/// </summary>
internal sealed class RuleIndex
{
    private readonly FrozenDictionary<string, int[]>[] _byKind;
    private readonly ulong[] _always;
    private readonly ulong[] _phaseKeyed;

    public RuleIndex(ImmutableArray<CompiledRule> rules)
    {
        RuleCount = rules.Length;
        _always = new ulong[(rules.Length + 63) / 64];
        _phaseKeyed = new ulong[_always.Length];
        var byKind = Enum.GetValues<TriggerKind>().Select(_ => new Dictionary<string, List<int>>(StringComparer.Ordinal)).ToArray();
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Condition.Triggers is not { } triggers)
            {
                _always[i / 64] |= 1UL << (i % 64);
                continue;
            }
            foreach (var trigger in triggers)
            {
                if (trigger.Kind is TriggerKind.Phase or TriggerKind.CompletedPhase) _phaseKeyed[i / 64] |= 1UL << (i % 64);
                var map = byKind[(int)trigger.Kind];
                if (!map.TryGetValue(trigger.Key, out var list)) map[trigger.Key] = list = [];
                list.Add(i);
            }
        }
        _byKind = [.. byKind.Select(m => m.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal))];
        AlwaysRunCount = _always.Sum(w => BitOperations.PopCount(w));
    }

    public int RuleCount { get; }

    /// <summary>Rules that no trigger guards (negations, age tests alone): they run for every patient.</summary>
    public int AlwaysRunCount { get; }

    /// <summary>
    /// Marks the candidate rules for <paramref name="facts"/> in a pooled bit set; the caller walks
    /// it in rule order and returns it with <see cref="Return"/>. Nothing is allocated per rule.
    /// </summary>
    public ulong[] Candidates(PatientFacts facts)
    {
        var bits = ArrayPool<ulong>.Shared.Rent(_always.Length);
        _always.CopyTo(bits, 0);
        foreach (var key in facts.ConditionKeys) Mark(bits, TriggerKind.Condition, key);
        foreach (var key in facts.MedicationKeys.Keys) Mark(bits, TriggerKind.Medication, key);
        foreach (var key in facts.TherapyKeys) Mark(bits, TriggerKind.Therapy, key);
        foreach (var key in facts.DeclinedKeys) Mark(bits, TriggerKind.Declined, key);
        foreach (var key in facts.PreferredKeys) Mark(bits, TriggerKind.Preferred, key);
        foreach (var key in facts.FlagKeys) Mark(bits, TriggerKind.Flag, key);
        foreach (var key in facts.CompletedPhaseKeys) Mark(bits, TriggerKind.CompletedPhase, key);
        if (facts.CurrentPhase.Length > 0) Mark(bits, TriggerKind.Phase, facts.CurrentPhase);
        else
        {
            // Phase unknown: every phase-keyed rule might have fired, so it is visited and reported
            // as not evaluated rather than silently skipped.
            for (var w = 0; w < _phaseKeyed.Length; w++) bits[w] |= _phaseKeyed[w];
        }
        return bits;
    }

    /// <summary>Number of 64-rule words of a candidate set (the rented array may be longer).</summary>
    public int WordCount => _always.Length;

    public static void Return(ulong[] bits) => ArrayPool<ulong>.Shared.Return(bits);

    private void Mark(ulong[] bits, TriggerKind kind, string key)
    {
        if (!_byKind[(int)kind].TryGetValue(key, out var rules)) return;
        foreach (var i in rules) bits[i >> 6] |= 1UL << (i & 63);
    }
}
