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
        ["fhir.no-code"] = ("No code; the entry was ignored.", "Aucun code ; l'entrée a été ignorée."),
        ["fhir.system-not-quoted"] = ("Code system '{0}' is not '{1}'; the coding was ignored.", "Le système de codage « {0} » n'est pas « {1} » ; le codage a été ignoré."),
        ["fhir.no-coding"] = ("No coding; the entry was ignored.", "Aucun codage ; l'entrée a été ignorée."),
        ["fhir.partial-date"] = ("The date is not a full date (yyyy-mm-dd); it was ignored.", "La date n'est pas complète (aaaa-mm-jj) ; elle a été ignorée."),
        ["fhir.code-not-understood"] = ("The code is not understood; it was read as unknown.", "Le code n'est pas reconnu ; il a été lu comme inconnu."),
        ["fhir.no-status"] = ("No status; it was read as unknown.", "Aucun statut ; il a été lu comme inconnu."),
        ["fhir.nonconforming-at"] = ("The element does not conform to FHIR R4 ({0}); what could be read was used.",
            "L'élément n'est pas conforme à FHIR R4 ({0}) ; ce qui a pu être lu a été utilisé."),
        ["fhir.nonconforming-more"] = ("{0} more element(s) did not conform to FHIR R4; what could be read was used.",
            "{0} autre(s) élément(s) non conforme(s) à FHIR R4 ; ce qui a pu être lu a été utilisé."),

        // Summaries of a FHIR bundle: counts and resource type names only.
        ["fhir.other-patient"] = ("{0} other Patient resource(s) and {1} resource(s) whose subject is not the patient were ignored: a bundle is read for one patient.",
            "{0} autre(s) ressource(s) Patient et {1} ressource(s) dont le sujet n'est pas le patient ont été ignorées : un bundle est lu pour un seul patient."),
        ["fhir.no-patient-several-subjects"] = ("The bundle has no Patient and its resources name {0} different patients: none was read. Choose one with FhirMappingOptions.PatientId.",
            "Le bundle n'a pas de Patient et ses ressources désignent {0} patients différents : aucune n'a été lue. Choisissez-en un avec FhirMappingOptions.PatientId."),
        ["fhir.no-subject"] = ("{0} resource(s) without a subject were not read: they cannot be attributed to the patient.",
            "{0} ressource(s) sans sujet n'ont pas été lues : elles ne peuvent pas être attribuées au patient."),
        ["fhir.not-read"] = ("{0} resource(s) of {1} type(s) that can hold facts the rules use were not read: {2}.",
            "{0} ressource(s) de {1} type(s) pouvant contenir des faits utilisés par les règles n'ont pas été lues : {2}."),
        ["fhir.not-read-and-others"] = ("{0} resource(s) of {1} type(s) that can hold facts the rules use were not read: {2}. Not counted, as they hold no such facts: {3} other resource(s) ({4}).",
            "{0} ressource(s) de {1} type(s) pouvant contenir des faits utilisés par les règles n'ont pas été lues : {2}. Non comptées, car sans tels faits : {3} autre(s) ressource(s) ({4})."),
        ["fhir.unchecked"] = ("{0} medication(s) and {1} condition(s) could not be read as ATC or ICD-10 codes and were not checked.",
            "{0} médicament(s) et {1} pathologie(s) n'ont pas pu être lus en codes ATC ou CIM-10 et n'ont pas été contrôlés."),
        ["fhir.unchecked-medications"] = ("{0} medication(s) could not be read as ATC codes and were not checked.",
            "{0} médicament(s) n'ont pas pu être lus en codes ATC et n'ont pas été contrôlés."),
        ["fhir.unchecked-conditions"] = ("{0} condition(s) could not be read as ICD-10 codes and were not checked.",
            "{0} pathologie(s) n'ont pas pu être lues en codes CIM-10 et n'ont pas été contrôlées."),
        ["fhir.unchecked-other-systems"] = ("{0} therapy, flag or consent entries are coded only in systems other than CareSequencing's and were not read.",
            "{0} entrées de thérapie, d'alerte psychosociale ou de consentement ne sont codées que dans d'autres systèmes que ceux de CareSequencing et n'ont pas été lues."),
        ["fhir.medication-ended"] = ("{0} medication(s) recorded as active had a period that ended before the mapping date; they were read as stopped.",
            "{0} médicament(s) enregistrés comme actifs avaient une période terminée avant la date de lecture ; ils ont été lus comme arrêtés."),
        ["fhir.conditions-ignored"] = ("{0} condition(s) refuted or entered in error were ignored.",
            "{0} pathologie(s) réfutées ou saisies par erreur ont été ignorées."),
        ["fhir.conditions-unconfirmed"] = ("{0} condition(s) are not confirmed (unconfirmed, provisional or differential); they were read as recorded.",
            "{0} pathologie(s) ne sont pas confirmées (non confirmées, provisoires ou différentielles) ; elles ont été lues telles qu'enregistrées."),
    };
}
