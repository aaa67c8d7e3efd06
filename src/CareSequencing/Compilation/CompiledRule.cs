using CareSequencing.Model;

namespace CareSequencing.Compilation;

/// <summary>An expression rule with its compiled condition and the pack it came from.</summary>
internal sealed record CompiledRule(RuleDefinition Definition, RulePack Pack, CompiledCondition Condition)
{
    public RuleAttributes Attributes { get; } = Pack.AttributesOf(Definition);
}

/// <summary>An interaction table entry with the pack it came from.</summary>
internal sealed record CompiledInteraction(InteractionEntry Entry, RulePack Pack)
{
    public RuleAttributes Attributes { get; } = Pack.AttributesOf(Entry);

    // The explanation's queries, built once rather than for every alert.
    public string AQuery { get; } = string.Join(" | ", Entry.A.Codes);

    public string BQuery { get; } = string.Join(" | ", Entry.B.Codes);
}

/// <summary>One side (A or B) of the interaction at <paramref name="Index"/>.</summary>
internal readonly record struct InteractionSideRef(int Index, bool IsA);
