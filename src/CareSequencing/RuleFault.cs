using CareSequencing.Model;

namespace CareSequencing;

/// <summary>What kind of failure stopped a rule's condition, named without any value it was computing.</summary>
public enum RuleFaultKind
{
    /// <summary>An integer or decimal division or remainder by zero.</summary>
    DivisionByZero,
    /// <summary>A result outside its type's range, e.g. a decimal product too large.</summary>
    Overflow,
    /// <summary>A member or string method reached a missing (null) value.</summary>
    NullValue,
    /// <summary>A string or helper method refused one of its arguments.</summary>
    InvalidArgument,
    /// <summary>Any other failure.</summary>
    Other,
}

/// <summary>
/// A rule or interaction entry that could not be evaluated for this patient: its condition threw.
/// The evaluation went on without it, so the advice is incomplete for what it checks; the advice's
/// <see cref="Advice.Warnings"/> carry the same fault as warning <c>CSQ1042</c>. Names the rule, its
/// pack and the kind of failure, never a patient value.
/// </summary>
public sealed class RuleFault
{
    internal RuleFault(string ruleId, PackReference pack, RuleFaultKind kind)
    {
        RuleId = ruleId;
        Pack = pack;
        Kind = kind;
    }

    /// <summary>The rule or interaction entry that failed.</summary>
    public string RuleId { get; }

    /// <summary>The pack it belongs to, with version and hash.</summary>
    public PackReference Pack { get; }

    /// <summary>What kind of failure it was.</summary>
    public RuleFaultKind Kind { get; }

    /// <summary>Faults in a stable order: pack id, pack version, rule id (ordinal), then kind.</summary>
    internal static readonly Comparison<RuleFault> Order = (x, y) =>
    {
        var byPack = string.CompareOrdinal(x.Pack.Id, y.Pack.Id);
        if (byPack != 0) return byPack;
        var byVersion = string.CompareOrdinal(x.Pack.Version, y.Pack.Version);
        if (byVersion != 0) return byVersion;
        var byRule = string.CompareOrdinal(x.RuleId, y.RuleId);
        return byRule != 0 ? byRule : x.Kind.CompareTo(y.Kind);
    };

    /// <summary>The kind of an exception a condition threw; its message and values are never read.</summary>
    internal static RuleFaultKind KindOf(Exception error) => error switch
    {
        DivideByZeroException => RuleFaultKind.DivisionByZero,
        OverflowException or NotFiniteNumberException => RuleFaultKind.Overflow,
        NullReferenceException or ArgumentNullException => RuleFaultKind.NullValue,
        ArgumentException or IndexOutOfRangeException or FormatException or InvalidCastException => RuleFaultKind.InvalidArgument,
        _ => RuleFaultKind.Other,
    };

    /// <summary>The kind as written in warnings, JSON and logs: <c>division-by-zero</c>, <c>overflow</c>...</summary>
    internal static string Name(RuleFaultKind kind) => kind switch
    {
        RuleFaultKind.DivisionByZero => "division-by-zero",
        RuleFaultKind.Overflow => "overflow",
        RuleFaultKind.NullValue => "null-value",
        RuleFaultKind.InvalidArgument => "invalid-argument",
        _ => "other",
    };

    /// <summary>The warning <c>CSQ1042</c> that carries this fault in the advice, its path the rule id.</summary>
    internal AdviceWarning ToWarning(string language) =>
        new AdviceWarning(Loading.DiagnosticCodes.RuleFault, RuleId,
            new MessageText("rule-fault", RuleId, Pack.ToString(), new MessageText("fault." + Name(Kind)))).Localize(language);
}
