namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>
/// The vocabularies synthetic rules draw from: real ATC level-4 classes and real ICD-10 blocks,
/// with the therapy kinds, flags and phases the shipped packs use. Large enough that a
/// 10,000-rule pack spreads over many codes, as a real knowledge base would.
/// </summary>
internal static class CodePools
{
    /// <summary>
    /// Real ATC chemical subgroups (level 4, five characters). Substances are numbered 01 to
    /// <see cref="SubstancesPerClass"/> within each; most of those seven-character codes are real substances.
    /// </summary>
    public static readonly string[] AtcClasses =
    [
        "A02BA", "A02BC", "A03FA", "A04AA", "A06AD", "A07EC", "A10AB", "A10AE", "A10BA", "A10BB", "A10BH", "A10BJ",
        "A10BK", "A11CC", "A12AA", "B01AA", "B01AB", "B01AC", "B01AE", "B01AF", "B03AA", "B03BA", "C01AA", "C01BD",
        "C01DA", "C03AA", "C03CA", "C03DA", "C07AA", "C07AB", "C08CA", "C08DA", "C09AA", "C09CA", "C10AA", "C10AX",
        "D07AC", "G03AA", "G03CA", "G04BD", "G04CA", "H02AB", "H03AA", "H03BB", "J01AA", "J01CA", "J01CR", "J01DD",
        "J01FA", "J01MA", "J01XD", "J01XX", "J02AC", "J04AB", "J05AB", "J05AE", "J05AR", "L01BA", "L01BC", "L01EA",
        "L01EB", "L02AE", "L02BA", "L02BB", "L02BG", "L04AX", "M01AB", "M01AC", "M01AE", "M01AH", "M03BX", "M04AA",
        "M05BA", "N02AA", "N02AB", "N02AE", "N02AX", "N02BA", "N02BE", "N02CC", "N03AA", "N03AE", "N03AF", "N03AG",
        "N03AX", "N04BA", "N04BC", "N04BD", "N05AA", "N05AD", "N05AH", "N05AN", "N05AX", "N05BA", "N05BB", "N05CD",
        "N05CF", "N05CH", "N06AA", "N06AB", "N06AF", "N06AG", "N06AX", "N06BA", "N06DA", "N06DX", "N07BA", "N07BB",
        "N07BC", "P01AB", "P01BA", "R03AC", "R03AK", "R03BA", "R03BB", "R05DA", "R06AE", "R06AX", "S01ED", "S01EE",
        "V03AB",
    ];

    public const int SubstancesPerClass = 12;

    /// <summary>Real ICD-10 blocks (first and last three-character category).</summary>
    public static readonly (string From, string To)[] Icd10Blocks =
    [
        ("A00", "A09"), ("A15", "A19"), ("B15", "B19"), ("B20", "B24"), ("C15", "C26"), ("C30", "C39"), ("C43", "C44"),
        ("C50", "C50"), ("C51", "C58"), ("C60", "C63"), ("C81", "C96"), ("D50", "D53"), ("E00", "E07"), ("E10", "E14"),
        ("E40", "E46"), ("E65", "E68"), ("E70", "E90"), ("F00", "F09"), ("F10", "F19"), ("F20", "F29"), ("F30", "F39"),
        ("F40", "F48"), ("F50", "F59"), ("F60", "F69"), ("F70", "F79"), ("F80", "F89"), ("F90", "F98"), ("G20", "G26"),
        ("G30", "G32"), ("G35", "G37"), ("G40", "G47"), ("G50", "G59"), ("H40", "H42"), ("I10", "I15"), ("I20", "I25"),
        ("I26", "I28"), ("I30", "I52"), ("I60", "I69"), ("I70", "I79"), ("J09", "J18"), ("J40", "J47"), ("K20", "K31"),
        ("K50", "K52"), ("K55", "K64"), ("K70", "K77"), ("L40", "L45"), ("M05", "M14"), ("M15", "M19"), ("M45", "M49"),
        ("M50", "M54"), ("M80", "M85"), ("N17", "N19"), ("N30", "N39"), ("N40", "N51"), ("R50", "R69"), ("Z70", "Z76"),
    ];

    /// <summary>Sub-codes used below a category (F32 → F32.0 …); .8 and .9 are the usual "other" and "unspecified".</summary>
    public static readonly string[] Icd10Subdivisions = ["0", "1", "2", "3", "4", "8", "9"];

    public static readonly string[] TherapyKinds =
    [
        "psychotherapy/cbt", "psychotherapy/psychoanalysis", "psychotherapy/integrative", "psychotherapy/somatanalysis",
        "psychotherapy/humanistic", "psychotherapy/systemic", "psychotherapy/emdr", "psychotherapy/dbt", "psychotherapy/ipt",
        "education/programme", "education/workshop", "education/family", "accompaniment/patient-partner",
        "accompaniment/peer-support", "coordination/shared-care", "coordination/double-diagnosis-plan",
        "coordination/case-management", "assessment/audit", "assessment/phq9", "assessment/gad7", "assessment/moca",
        "referral/psychiatry", "referral/addiction", "referral/social-work", "rehabilitation/cognitive",
        "rehabilitation/physiotherapy",
    ];

    public static readonly string[] Flags =
    [
        "shock", "not-engaging", "social-isolation", "geographic-isolation", "medical-isolation", "low-health-literacy",
        "high-anxiety", "homelessness", "unemployment", "caregiver-burden", "language-barrier", "cognitive-impairment",
    ];

    public static readonly string[] Phases =
        ["assessment", "medication-treatment", "therapeutic-education", "psychological-support", "follow-up"];

    public static readonly string[] Forms = ["tablet", "capsule", "oral-solution", "injection", "patch", "inhalation"];

    /// <summary>Every ICD-10 category of every block, in block order.</summary>
    public static readonly string[] Icd10Categories = [.. Icd10Blocks.SelectMany(b => CategoriesOf(b.From, b.To))];

    /// <summary>A substance code in a class: N06AB + 6 → N06AB06.</summary>
    public static string Substance(string atcClass, int number) =>
        atcClass + number.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ATC code truncated to a level: 1, 3, 4, 5 or 7 characters.</summary>
    public static string AtcAtLength(string code, int length) => code[..Math.Min(length, code.Length)];

    private static IEnumerable<string> CategoriesOf(string from, string to)
    {
        var first = int.Parse(from.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        var last = int.Parse(to.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        for (var n = first; n <= last; n++) yield return from[0] + n.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }
}
