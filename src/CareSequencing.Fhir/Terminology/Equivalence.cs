namespace CareSequencing.Fhir.Terminology;

/// <summary>How far an R4 ConceptMap equivalence (<c>ConceptMapEquivalence</c>) lets a target code stand for the source code.</summary>
internal enum EquivalenceKind
{
    /// <summary><c>equivalent</c>, <c>equal</c>, <c>wider</c>, <c>subsumes</c>: the target covers what was sent.</summary>
    Exact,

    /// <summary><c>narrower</c>, <c>specializes</c>, <c>inexact</c>, <c>relatedto</c> (or none given): used, with a warning.</summary>
    NotExact,

    /// <summary><c>unmatched</c>, <c>disjoint</c>: no code.</summary>
    NoMatch,
}

internal static class Equivalence
{
    /// <summary>The kind of an equivalence code as FHIR R4 spells it; <see langword="null"/> for a code R4 does not have.</summary>
    public static EquivalenceKind? Classify(string? code) => code switch
    {
        "equivalent" or "equal" or "wider" or "subsumes" => EquivalenceKind.Exact,
        "narrower" or "specializes" or "inexact" or "relatedto" => EquivalenceKind.NotExact,
        "unmatched" or "disjoint" => EquivalenceKind.NoMatch,
        _ => null,
    };

    /// <summary>The problem reported with a code whose equivalence is not exact: no code, display or patient value in it.</summary>
    public static string NotExactProblem(string? code) => code is null
        ? "no equivalence was given for the translation, so it may not mean exactly the code sent"
        : $"the map's equivalence is '{code}', not exact: the target code may not mean exactly the code sent";
}
