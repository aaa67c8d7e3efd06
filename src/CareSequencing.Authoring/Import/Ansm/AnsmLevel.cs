namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>The four levels of the ANSM thésaurus, most severe first, and how each maps to an alert severity.</summary>
internal enum AnsmLevel
{
    /// <summary>Contre-indication → contraindicated.</summary>
    ContreIndication,
    /// <summary>Association déconseillée → major.</summary>
    AssociationDeconseillee,
    /// <summary>Précaution d'emploi → moderate.</summary>
    PrecautionEmploi,
    /// <summary>À prendre en compte → minor (non-interruptive).</summary>
    APrendreEnCompte,
}

/// <summary>Reads the level(s) at the start of a thésaurus text and renders their names.</summary>
internal static class AnsmLevels
{
    // The thésaurus writes a single level in words, or several (a level that depends on dose or
    // history) as abbreviations: "CI - ASDEC - APEC Contre-indication avec : ...".
    private static readonly (string Prefix, AnsmLevel Level)[] Words =
    [
        ("CONTRE-INDICATION", AnsmLevel.ContreIndication),
        ("Association DECONSEILLEE", AnsmLevel.AssociationDeconseillee),
        ("Precaution d'emploi", AnsmLevel.PrecautionEmploi),
        ("A prendre en compte", AnsmLevel.APrendreEnCompte),
    ];

    private static readonly (string Abbreviation, AnsmLevel Level)[] Abbreviations =
    [
        ("CI", AnsmLevel.ContreIndication),
        ("ASDEC", AnsmLevel.AssociationDeconseillee),
        ("PE", AnsmLevel.PrecautionEmploi),
        ("APEC", AnsmLevel.APrendreEnCompte),
    ];

    /// <summary>
    /// The levels the text starts with (one, or several for a conditional level), most severe first,
    /// and the text after them; empty when the text names no level.
    /// </summary>
    public static (IReadOnlyList<AnsmLevel> Levels, string Text) Parse(string text)
    {
        foreach (var (prefix, level) in Words)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal)) return ([level], text[prefix.Length..].Trim());
        }
        var levels = new SortedSet<AnsmLevel>();
        var position = 0;
        while (true)
        {
            var matched = false;
            foreach (var (abbreviation, level) in Abbreviations)
            {
                var end = position + abbreviation.Length;
                if (string.CompareOrdinal(text, position, abbreviation, 0, abbreviation.Length) == 0
                    && (end == text.Length || text[end] == ' '))
                {
                    levels.Add(level);
                    position = end;
                    matched = true;
                    break;
                }
            }
            if (!matched) break;
            if (string.CompareOrdinal(text, position, " - ", 0, 3) == 0) position += 3;
            else break;
        }
        // A single abbreviation is not the thésaurus's way of writing a level: only lists count.
        return levels.Count >= 2 ? ([.. levels], text[position..].Trim()) : ([], text);
    }

    public static AlertSeverity Severity(AnsmLevel level) => level switch
    {
        AnsmLevel.ContreIndication => AlertSeverity.Contraindicated,
        AnsmLevel.AssociationDeconseillee => AlertSeverity.Major,
        AnsmLevel.PrecautionEmploi => AlertSeverity.Moderate,
        _ => AlertSeverity.Minor,
    };

    /// <summary>The level as the ANSM writes it (French).</summary>
    public static string French(AnsmLevel level) => level switch
    {
        AnsmLevel.ContreIndication => "Contre-indication",
        AnsmLevel.AssociationDeconseillee => "Association déconseillée",
        AnsmLevel.PrecautionEmploi => "Précaution d'emploi",
        _ => "À prendre en compte",
    };

    /// <summary>An English rendering of the level.</summary>
    public static string English(AnsmLevel level) => level switch
    {
        AnsmLevel.ContreIndication => "Contraindication",
        AnsmLevel.AssociationDeconseillee => "Combination not recommended",
        AnsmLevel.PrecautionEmploi => "Precaution for use",
        _ => "To be taken into account",
    };

    /// <summary>The abbreviation used in reports (CI, AD, PE, PC).</summary>
    public static string Abbreviation(AnsmLevel level) => level switch
    {
        AnsmLevel.ContreIndication => "CI",
        AnsmLevel.AssociationDeconseillee => "AD",
        AnsmLevel.PrecautionEmploi => "PE",
        _ => "PC",
    };

    /// <summary>The YAML severity word.</summary>
    public static string SeverityWord(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Contraindicated => "contraindicated",
        AlertSeverity.Major => "major",
        AlertSeverity.Moderate => "moderate",
        _ => "minor",
    };
}
