namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>
/// An English template for the French mechanism: the effects and mechanisms the ANSM text names, found
/// by fixed keywords. It is a rendering, not a translation: the English alert says so and the French
/// ANSM text stays the reference. A text with none of the keywords gets no list, never a guess.
/// </summary>
internal static class MechanismKeywords
{
    // Upper case, without accents (texts are folded first). The first keyword of a row that occurs
    // adds its phrase once; the order of the table is the order of the phrases.
    private static readonly (string[] Keywords, string Phrase)[] Table =
    [
        (["TORSADES DE POINTES"], "torsades de pointes"),
        (["ALLONGEMENT DE L'INTERVALLE QT", "ALLONGEMENT DU QT", "QT "], "QT prolongation"),
        (["SYNDROME SEROTONINERGIQUE"], "serotonin syndrome"),
        (["HYPERKALIEMIE"], "hyperkalaemia"),
        (["HYPOKALIEMIE"], "hypokalaemia"),
        (["HYPONATREMIE"], "hyponatraemia"),
        (["HYPOGLYCEMIE"], "hypoglycaemia"),
        (["HYPERGLYCEMIE"], "hyperglycaemia"),
        (["HEMORRAGI", "SAIGNEMENT"], "bleeding"),
        (["DEPRESSION RESPIRATOIRE"], "respiratory depression"),
        (["SEDATI", "VIGILANCE", "DEPRESSION CENTRALE"], "additive sedation or impaired alertness"),
        (["HYPOTENSION"], "hypotension"),
        (["BRADYCARDIE"], "bradycardia"),
        (["TROUBLES DE L'AUTOMATISME", "TROUBLES DE LA CONDUCTION", "TROUBLES DU RYTHME"], "cardiac rhythm or conduction disorders"),
        (["HYPERTENSION", "POUSSEE HYPERTENSIVE"], "hypertension"),
        (["VASOCONSTRICTION", "ERGOTISME"], "vasoconstriction or ergotism"),
        (["RHABDOMYOLYSE"], "rhabdomyolysis"),
        (["NEPHROTOX", "INSUFFISANCE RENALE"], "renal toxicity"),
        (["HEPATOTOX", "HEPATIQUE GRAVE"], "hepatotoxicity"),
        (["OTOTOX"], "ototoxicity"),
        (["CONVULSION", "SEUIL EPILEPTOGENE"], "seizures"),
        (["IMMUNODEPRESSION"], "increased immunosuppression"),
        (["MALADIE VACCINALE"], "generalised vaccine disease"),
        (["TOXICITE HEMATOLOGIQUE", "HEMATOTOXICITE", "MYELOTOX", "AGRANULOCYTOSE", "NEUTROPENIE"], "haematological toxicity"),
        (["METHEMOGLOBINEMIE"], "methaemoglobinaemia"),
        (["EFFET ANTABUSE"], "disulfiram-like (antabuse) reaction"),
        (["ATROPINIQUE", "ANTICHOLINERGIQUE"], "additive anticholinergic effects"),
        (["LITHEMIE"], "changed lithium concentrations"),
        (["AUGMENTATION DES CONCENTRATIONS", "AUGMENTATION DE LA CONCENTRATION", "AUGMENTATION (TRES) IMPORTANTE DES CONCENTRATIONS",
          "AUGMENTATION IMPORTANTE DES CONCENTRATIONS", "AUGMENTATION TRES IMPORTANTE DES CONCENTRATIONS", "SIGNES DE SURDOSAGE"], "increased plasma concentrations"),
        (["DIMINUTION DES CONCENTRATIONS", "DIMINUTION DE LA CONCENTRATION", "DIMINUTION IMPORTANTE DES CONCENTRATIONS",
          "DIMINUTION TRES IMPORTANTE DES CONCENTRATIONS", "DIMINUTION NOTABLE DES CONCENTRATIONS"], "decreased plasma concentrations"),
        (["DIMINUTION DE L'ABSORPTION", "ABSORPTION DIGESTIVE"], "reduced absorption"),
        (["INHIBITION DU METABOLISME", "DIMINUTION DE SON METABOLISME", "DIMINUTION DU METABOLISME"], "inhibited metabolism"),
        (["INDUCTION ENZYMATIQUE", "INDUCTEUR", "AUGMENTATION DU METABOLISME", "AUGMENTATION DE SON METABOLISME"], "enzyme induction"),
        (["MOINDRE EFFICACITE", "PERTE D'EFFICACITE", "BAISSE DE L'EFFICACITE", "DIMINUTION DE L'EFFICACITE", "RISQUE D'INEFFICACITE", "DIMINUTION DE L'EFFET"], "reduced efficacy"),
        (["MAJORATION DES EFFETS INDESIRABLES", "RISQUE MAJORE D'EFFETS INDESIRABLES", "AUGMENTATION DES EFFETS INDESIRABLES", "ADDITION DES EFFETS INDESIRABLES"], "more adverse effects"),
        (["ANTAGONISME"], "antagonism of effects"),
    ];

    /// <summary>The phrases whose keywords occur in <paramref name="french"/>, in table order.</summary>
    public static IReadOnlyList<string> Find(string french)
    {
        var folded = AnsmThesaurusData.Fold(french);
        var phrases = new List<string>();
        foreach (var (keywords, phrase) in Table)
        {
            foreach (var keyword in keywords)
            {
                if (folded.Contains(keyword, StringComparison.Ordinal))
                {
                    phrases.Add(phrase);
                    break;
                }
            }
        }
        return phrases;
    }
}
