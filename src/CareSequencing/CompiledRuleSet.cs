using System.Collections.Frozen;
using System.Collections.Immutable;
using CareSequencing.Compilation;
using CareSequencing.Model;

namespace CareSequencing;

/// <summary>
/// Rule packs parsed, validated and compiled, ready to evaluate. Immutable and safe to share
/// between threads; to change rules, load a new set and swap the reference.
/// </summary>
public sealed class CompiledRuleSet
{
    internal CompiledRuleSet(ImmutableArray<RulePack> packs, ImmutableArray<CompiledRule> rules, ImmutableArray<CompiledInteraction> interactions)
    {
        PackModels = packs;
        Packs = packs.Select(p => p.Reference).ToImmutableArray();
        Rules = rules;
        Interactions = interactions;
        InteractionIndex = BuildIndex(interactions);
        RuleIndex = new RuleIndex(rules);
    }

    /// <summary>A rule set with no packs.</summary>
    public static CompiledRuleSet Empty { get; } = new([], [], []);

    /// <summary>The packs in this set, in load order.</summary>
    public IReadOnlyList<PackReference> Packs { get; }

    /// <summary>Expression rules plus interaction table entries, every status included.</summary>
    public int RuleCount => Rules.Length + Interactions.Length;

    internal ImmutableArray<RulePack> PackModels { get; }

    internal ImmutableArray<CompiledRule> Rules { get; }

    internal ImmutableArray<CompiledInteraction> Interactions { get; }

    /// <summary>Expression rules keyed by their trigger facts.</summary>
    internal RuleIndex RuleIndex { get; }

    /// <summary>ATC code or class → the interaction sides that name it; a check costs a lookup per medication ancestor.</summary>
    internal FrozenDictionary<string, ImmutableArray<InteractionSideRef>> InteractionIndex { get; }

    private static FrozenDictionary<string, ImmutableArray<InteractionSideRef>> BuildIndex(ImmutableArray<CompiledInteraction> interactions)
    {
        var index = new Dictionary<string, List<InteractionSideRef>>(StringComparer.Ordinal);
        for (var i = 0; i < interactions.Length; i++)
        {
            foreach (var code in interactions[i].Entry.A.Codes) Add(code, new(i, IsA: true));
            foreach (var code in interactions[i].Entry.B.Codes) Add(code, new(i, IsA: false));
        }
        return index.ToFrozenDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.Ordinal);

        void Add(string code, InteractionSideRef side)
        {
            if (!index.TryGetValue(code, out var list)) index[code] = list = [];
            list.Add(side);
        }
    }
}
