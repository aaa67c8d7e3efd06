namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>
/// The texts of an imported entry. French: the ANSM level and texts verbatim. English: a template that
/// names the pair, the level and the mechanisms the French text mentions, marked as a template, with
/// the ANSM's own definition of the level as the management and the French conduct quoted.
/// </summary>
internal static class AnsmImportText
{
    public const string TemplateMark = "[English template rendered from the ANSM French text, which is the reference.]";

    public static (string En, string Fr) Mechanism(IReadOnlyList<AnsmLevel> levels, string mechanism)
    {
        // Conditional rows ("CI - ASDEC") continue the level sentence, so their text starts with ": - avec ...".
        mechanism = mechanism.TrimStart(':', ' ');
        var conditional = levels.Count > 1 ? " ; niveau selon les conditions du texte, le plus sévère est retenu" : "";
        var fr = $"{FrenchLevels(levels)} (ANSM{conditional}) — {{a}} + {{b}} : {(mechanism.Length > 0 ? mechanism : "mécanisme non précisé par le thésaurus.")}";
        var phrases = MechanismKeywords.Find(mechanism);
        var named = phrases.Count > 0
            ? $"The ANSM text names: {string.Join("; ", phrases)}."
            : "The ANSM mechanism text is in French only (see the French version of this alert).";
        var en = $"{EnglishLevels(levels)} (ANSM: {FrenchLevels(levels).ToLowerInvariant()}) — {{a}} with {{b}}. {named} {TemplateMark}";
        return (en, fr);
    }

    public static (string En, string Fr) Management(IReadOnlyList<AnsmLevel> levels, string conduct)
    {
        var fr = conduct.Length > 0 ? conduct : $"{AnsmLevels.French(levels[0])} : {FrenchDefinition(levels[0])}";
        var definition = Definition(levels[0]);
        var conditional = levels.Count > 1
            ? $" The level depends on the conditions the ANSM text sets out ({string.Join(", ", levels.Select(AnsmLevels.English))}); the most severe is shown."
            : "";
        var en = conduct.Length > 0
            ? $"{definition}{conditional} ANSM conduct (French, not translated): “{conduct}”"
            : $"{definition}{conditional}";
        return (en, fr);
    }

    /// <summary>The ANSM's definition of each level (thésaurus introduction), in English.</summary>
    private static string Definition(AnsmLevel level) => level switch
    {
        AnsmLevel.ContreIndication => "Contraindication: absolute, it must not be transgressed.",
        AnsmLevel.AssociationDeconseillee => "Combination not recommended: it should usually be avoided unless a thorough benefit/risk assessment supports it, and then requires close monitoring of the patient.",
        AnsmLevel.PrecautionEmploi => "Precaution for use: the combination is possible if the recommendations that avoid the interaction are followed, especially at the start of treatment (dose adjustment, closer clinical, laboratory or ECG monitoring).",
        _ => "To be taken into account: the risk of interaction exists, mostly as added adverse effects; no practical recommendation can be given, and the physician weighs whether to combine.",
    };

    /// <summary>The ANSM's definition of each level, in its own words (thésaurus introduction).</summary>
    private static string FrenchDefinition(AnsmLevel level) => level switch
    {
        AnsmLevel.ContreIndication => "la contre-indication revêt un caractère absolu. Elle ne doit pas être transgressée.",
        AnsmLevel.AssociationDeconseillee => "l'association déconseillée doit être le plus souvent évitée, sauf après examen approfondi du rapport bénéfice/risque. Elle impose une surveillance étroite du patient.",
        AnsmLevel.PrecautionEmploi => "l'association est possible dès lors que sont respectées, notamment en début de traitement, les recommandations simples permettant d'éviter la survenue de l'interaction (adaptation posologique, renforcement de la surveillance clinique, biologique, ECG, etc.).",
        _ => "le risque d'interaction médicamenteuse existe et correspond le plus souvent à une addition d'effets indésirables. Aucune recommandation pratique ne peut être proposée. Il revient au médecin d'évaluer l'opportunité de l'association.",
    };

    public static string FrenchLevels(IReadOnlyList<AnsmLevel> levels) => string.Join(" / ", levels.Select(AnsmLevels.French));

    public static string EnglishLevels(IReadOnlyList<AnsmLevel> levels) => string.Join(" / ", levels.Select(AnsmLevels.English));
}
