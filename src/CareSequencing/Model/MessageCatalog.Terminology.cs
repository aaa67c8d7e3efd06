namespace CareSequencing.Model;

// Warnings about translating a host's codings (RxNorm, SNOMED CT, ICD-10-CM, CIP13...) into WHO ATC and
// WHO ICD-10 (CareSequencing.Fhir.Terminology). Arguments are translator names, code systems and codes of
// terminologies, never a patient's values.
internal static partial class MessageCatalog
{
    private static Dictionary<string, (string En, string Fr)> TerminologyMessages() => new(StringComparer.Ordinal)
    {
        ["fhir.terminology-problem"] = ("Translator '{0}': {1}. The coding may not have been translated; checks may not cover it.",
            "Traducteur « {0} » : {1}. Le codage n'a peut-être pas été traduit ; les contrôles peuvent ne pas le couvrir."),
        ["fhir.translated-not-valid"] = ("Translator '{0}' returned a code that is not a valid {1} code; it was ignored.",
            "Le traducteur « {0} » a renvoyé un code qui n'est pas un code {1} valide ; il a été ignoré."),
    };
}
