namespace CareSequencing.Model;

// Warnings about the patient input (AdviceWarning, CSQ3xxx), raised while reading YAML, JSON or a FHIR
// bundle and rendered in the advice's language at evaluation. Arguments are keys, paths, FHIR resource
// types and code systems, never a patient's values.
internal static partial class MessageCatalog
{
    private static Dictionary<string, (string En, string Fr)> PatientInputMessages() => new(StringComparer.Ordinal)
    {
        // PatientContextReader (YAML and JSON).
        ["input.phase-not-mapping"] = ("'phase' should be a mapping {{ current, completed }}; it was ignored.",
            "« phase » devrait être un mapping {{ current, completed }} ; elle a été ignorée."),
        ["input.preferences-not-mapping"] = ("'preferences' should be a mapping {{ declined, preferred }}; it was ignored.",
            "« preferences » devrait être un mapping {{ declined, preferred }} ; elles ont été ignorées."),
        ["input.unknown-key"] = ("Unknown key '{0}' was ignored.", "La clé inconnue « {0} » a été ignorée."),
        ["input.duplicate-key"] = ("Key '{0}' appears twice; the first value was used.", "La clé « {0} » apparaît deux fois ; la première valeur a été retenue."),
        ["input.not-list"] = ("'{0}' should be a list; it was ignored.", "« {0} » devrait être une liste ; l'élément a été ignoré."),
        ["input.entry-not-mapping"] = ("Entry should be a mapping; it was ignored.", "L'entrée devrait être un mapping ; elle a été ignorée."),
        ["input.origin-not-mapping"] = ("'origin' should be a mapping (system, code, display, mapping, source); it was ignored.", "« origin » devrait être un dictionnaire (system, code, display, mapping, source) ; il a été ignoré."),
        ["input.origin-incomplete"] = ("'origin' needs a system and a code; it was ignored.", "« origin » demande un système et un code ; il a été ignoré."),
        ["input.unchecked-incomplete"] = ("An 'unchecked' entry needs a system and a code; it was ignored.", "Une entrée de « unchecked » demande un système et un code ; elle a été ignorée."),
        ["input.entry-not-text"] = ("Entry should be text; it was ignored.", "L'entrée devrait être du texte ; elle a été ignorée."),
        ["input.not-text"] = ("'{0}' should be text; it was ignored.", "« {0} » devrait être du texte ; l'élément a été ignoré."),
        ["input.not-date"] = ("'{0}' is not a date written yyyy-mm-dd; it was ignored.", "« {0} » n'est pas une date écrite aaaa-mm-jj ; l'élément a été ignoré."),
        ["input.not-int"] = ("'{0}' is not a whole number; it was ignored.", "« {0} » n'est pas un nombre entier ; l'élément a été ignoré."),
        ["input.value-not-understood"] = ("'{0}' has a value that is not understood (expected {1}).",
            "« {0} » a une valeur qui n'est pas reconnue (valeurs attendues : {1})."),

        // FHIR R4 bundles (CareSequencing.Fhir).
        ["fhir.nonconforming"] = ("{0} element(s) did not conform to FHIR R4; what could be read was used.",
            "{0} élément(s) non conforme(s) à FHIR R4 ; ce qui a pu être lu a été utilisé."),
        ["fhir.entry-no-resource"] = ("Entry has no resource; it was ignored.", "L'entrée n'a pas de ressource ; elle a été ignorée."),
        ["fhir.resource-not-read"] = ("Resource type '{0}' is not read; it was ignored.", "Le type de ressource « {0} » n'est pas lu ; la ressource a été ignorée."),
        ["fhir.second-patient"] = ("A second Patient was ignored; a bundle describes one patient.",
            "Un second Patient a été ignoré ; un bundle décrit un seul patient."),
        ["fhir.condition-verification"] = ("Condition is '{0}'; it was ignored.", "La Condition est « {0} » ; elle a été ignorée."),
        ["fhir.entered-in-error"] = ("{0} is 'entered-in-error'; it was ignored.", "{0} est « entered-in-error » ; la ressource a été ignorée."),
        ["fhir.medication-reference"] = ("The referenced Medication is neither contained nor in the bundle; it was ignored.",
            "La Medication référencée n'est ni contenue ni présente dans le bundle ; l'entrée a été ignorée."),
        ["fhir.no-medication"] = ("No medication given; the entry was ignored.", "Aucun médicament indiqué ; l'entrée a été ignorée."),
        ["fhir.second-phase"] = ("A second active phase was ignored.", "Une seconde phase active a été ignorée."),
        ["fhir.activity-reference"] = ("The referenced activity is not in the bundle; it was ignored.",
            "L'activité référencée n'est pas dans le bundle ; elle a été ignorée."),
        ["fhir.activity-no-code"] = ("Activity has no detail.code; it was ignored.", "L'activité n'a pas de detail.code ; elle a été ignorée."),
        ["fhir.consent-not-deny"] = ("Only a 'deny' provision is read (as declined therapy kinds); the consent was ignored.",
            "Seule une disposition « deny » est lue (comme types de thérapie refusés) ; le consentement a été ignoré."),
        ["fhir.no-coding-of"] = ("No {0} coding; the entry was ignored.", "Aucun codage {0} ; l'entrée a été ignorée."),
        ["fhir.system-not"] = ("Code system '{0}' is not {1}; the coding was ignored.", "Le système de codage « {0} » n'est pas {1} ; le codage a été ignoré."),
        ["fhir.coding-no-code"] = ("The coding has no code; it was ignored.", "Le codage n'a pas de code ; il a été ignoré."),
        ["fhir.code-not-valid"] = ("The code is not a valid {0} code; it was ignored.", "Le code n'est pas un code {0} valide ; il a été ignoré."),
        ["fhir.no-usable-coding"] = ("No usable {0} coding; the entry was ignored.", "Aucun codage {0} utilisable ; l'entrée a été ignorée."),
        ["fhir.no-code"] = ("No code; the entry was ignored.", "Aucun code ; l'entrée a été ignorée."),
        ["fhir.system-not-quoted"] = ("Code system '{0}' is not '{1}'; the coding was ignored.", "Le système de codage « {0} » n'est pas « {1} » ; le codage a été ignoré."),
        ["fhir.no-coding"] = ("No coding; the entry was ignored.", "Aucun codage ; l'entrée a été ignorée."),
        ["fhir.partial-date"] = ("The date is not a full date (yyyy-mm-dd); it was ignored.", "La date n'est pas complète (aaaa-mm-jj) ; elle a été ignorée."),
        ["fhir.code-not-understood"] = ("The code is not understood; it was read as unknown.", "Le code n'est pas reconnu ; il a été lu comme inconnu."),
        ["fhir.no-status"] = ("No status; it was read as unknown.", "Aucun statut ; il a été lu comme inconnu."),
    };
}
