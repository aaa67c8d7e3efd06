using System.Collections.Immutable;
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

    // The explanation's queries, built once rather than for every alert. A class side of an imported
    // table lists up to a few hundred codes: the explanation shows the first ones and the count, since
    // the matched medications (with their codes) are what the clinician reads.
    public string AQuery { get; } = Query(Entry.A.Codes);

    public string BQuery { get; } = Query(Entry.B.Codes);

    /// <summary>Both sides' codes, which a proposal is checked against; shared by every alert of the entry rather than copied into each.</summary>
    public ImmutableArray<string> CodePatterns { get; } = [.. Entry.A.Codes, .. Entry.B.Codes];

    internal const int QueryCodesShown = 6;

    private static string Query(System.Collections.Immutable.ImmutableArray<string> codes) =>
        codes.Length <= QueryCodesShown + 1
            ? string.Join(" | ", codes)
            : string.Join(" | ", codes.Take(QueryCodesShown)) + $" | … ({codes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} codes)";
}

/// <summary>One side (A or B) of the interaction at <paramref name="Index"/>.</summary>
internal readonly record struct InteractionSideRef(int Index, bool IsA);
