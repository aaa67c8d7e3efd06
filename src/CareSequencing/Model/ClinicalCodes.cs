using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace CareSequencing.Model;

/// <summary>
/// ATC and ICD-10 codes and their hierarchies. A class matches every code below it, so matching
/// is a set lookup over a code's ancestors (computed once per patient, not once per rule).
/// </summary>
internal static class ClinicalCodes
{
    // ATC levels are 1, 3, 4, 5 and 7 characters long: N, N06, N06A, N06AB, N06AB06.
    private static readonly int[] AtcLevelLengths = [1, 3, 4, 5, 7];
    private const string AtcAnatomicalGroups = "ABCDGHJLMNPRSV";

    /// <summary>Upper-cases and trims; returns null when the code is not a well-formed ATC code at any level.</summary>
    public static string? NormalizeAtc(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var c = code.Trim().ToUpperInvariant();
        if (Array.IndexOf(AtcLevelLengths, c.Length) < 0) return null;
        if (!AtcAnatomicalGroups.Contains(c[0], StringComparison.Ordinal)) return null;
        for (var i = 1; i < c.Length; i++)
        {
            // Positions 2-3 and 6-7 are digits, 4-5 are letters.
            var digit = i is 1 or 2 or 5 or 6;
            if (digit ? !char.IsAsciiDigit(c[i]) : !char.IsAsciiLetterUpper(c[i])) return null;
        }
        return c;
    }

    /// <summary>The code and each ATC class above it, most specific first.</summary>
    public static ImmutableArray<string> AtcAncestorsAndSelf(string normalized) =>
        Cached(AtcAncestors, normalized, static code =>
        {
            var builder = ImmutableArray.CreateBuilder<string>(5);
            for (var i = AtcLevelLengths.Length - 1; i >= 0; i--)
            {
                if (AtcLevelLengths[i] <= code.Length) builder.Add(code[..AtcLevelLengths[i]]);
            }
            return builder.ToImmutable();
        });

    // Codes come from finite vocabularies (about 7,000 ATC codes, 12,000 ICD-10 codes): their ancestors
    // are computed once per process instead of once per evaluation. The cap keeps a stream of invented
    // codes from growing the cache without bound.
    private const int MaxCachedCodes = 50_000;
    private static readonly ConcurrentDictionary<string, ImmutableArray<string>> AtcAncestors = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ImmutableArray<string>> Icd10Ancestors = new(StringComparer.Ordinal);

    private static ImmutableArray<string> Cached(ConcurrentDictionary<string, ImmutableArray<string>> cache, string code, Func<string, ImmutableArray<string>> compute)
    {
        if (cache.TryGetValue(code, out var ancestors)) return ancestors;
        ancestors = compute(code);
        if (cache.Count < MaxCachedCodes) cache.TryAdd(code, ancestors);
        return ancestors;
    }

    /// <summary>
    /// Upper-cases, trims and inserts the dot (<c>F102</c> becomes <c>F10.2</c>); returns null when
    /// the code is not a well-formed ICD-10 code (letter, two digits, optional dot and up to four characters).
    /// </summary>
    public static string? NormalizeIcd10(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var c = code.Trim().ToUpperInvariant();
        if (c.Length > 3 && c[3] != '.') c = c[..3] + "." + c[3..];
        if (c.Length < 3 || !char.IsAsciiLetterUpper(c[0]) || !char.IsAsciiDigit(c[1]) || !char.IsAsciiDigit(c[2])) return null;
        if (c.Length == 3) return c;
        if (c.Length < 5 || c.Length > 8) return null;
        for (var i = 4; i < c.Length; i++)
        {
            if (!char.IsAsciiDigit(c[i]) && !char.IsAsciiLetterUpper(c[i])) return null;
        }
        return c;
    }

    /// <summary>The code and each level above it: <c>F32.10</c>, <c>F32.1</c>, <c>F32</c>.</summary>
    public static ImmutableArray<string> Icd10AncestorsAndSelf(string normalized) =>
        Cached(Icd10Ancestors, normalized, static code =>
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            builder.Add(code);
            for (var length = code.Length - 1; length >= 5; length--) builder.Add(code[..length]);
            if (code.Length > 3) builder.Add(code[..3]);
            return builder.ToImmutable();
        });

    /// <summary>True when the ICD-10 category (first three characters) lies in <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static bool Icd10CategoryInRange(string normalized, string from, string to) =>
        string.CompareOrdinal(normalized[..3], from) >= 0 && string.CompareOrdinal(normalized[..3], to) <= 0;

    /// <summary>True when <paramref name="kind"/> is <paramref name="query"/> or below it (<c>psychotherapy</c> covers <c>psychotherapy/cbt</c>).</summary>
    public static bool KindMatches(string kind, string query) =>
        kind.Length == query.Length
            ? string.Equals(kind, query, StringComparison.Ordinal)
            : kind.Length > query.Length && kind[query.Length] == '/' && kind.StartsWith(query, StringComparison.Ordinal);
}

/// <summary>The therapeutic phases of the seeds' phase table, in sequence order.</summary>
internal static class TherapeuticPhases
{
    public const string Assessment = "assessment";
    public const string MedicationTreatment = "medication-treatment";
    public const string TherapeuticEducation = "therapeutic-education";
    public const string PsychologicalSupport = "psychological-support";
    public const string FollowUp = "follow-up";

    public static readonly ImmutableArray<string> All =
        [Assessment, MedicationTreatment, TherapeuticEducation, PsychologicalSupport, FollowUp];

    public static bool IsKnown(string? phase) => phase is not null && All.Contains(phase);

    /// <summary>The phase's name in the advice's language, for text placeholders; unknown phases are shown as written.</summary>
    public static string Display(string phase, string language) => (phase, language) switch
    {
        (Assessment, "fr") => "diagnostic et évaluation initiale",
        (MedicationTreatment, "fr") => "traitement médicamenteux",
        (TherapeuticEducation, "fr") => "éducation thérapeutique",
        (PsychologicalSupport, "fr") => "accompagnement psychologique",
        (FollowUp, "fr") => "suivi et réévaluation",
        (Assessment, _) => "diagnosis and initial evaluation",
        (MedicationTreatment, _) => "medication treatment",
        (TherapeuticEducation, _) => "therapeutic patient education",
        (PsychologicalSupport, _) => "psychological support",
        (FollowUp, _) => "follow-up and reassessment",
        _ => phase,
    };
}
