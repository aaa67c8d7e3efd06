using System.Collections.Frozen;
using System.Globalization;

namespace CareSequencing.Model;

/// <summary>
/// The library's own user-facing sentences in every supported language: advice warnings and reasons
/// (this file), authoring diagnostics (<c>MessageCatalog.Diagnostics.cs</c>), patient-input warnings
/// (<c>MessageCatalog.PatientInput.cs</c>) and the command-line tool (<c>MessageCatalog.Tool.cs</c>).
/// Rule text lives in the packs; this is everything else.
/// </summary>
/// <remarks>
/// Templates use <see cref="string.Format(IFormatProvider, string, object[])"/> placeholders with the
/// invariant culture. Fallback order: the requested language, then English, then the key itself, so a
/// lookup never throws at run time. A test checks that every key has both languages with the same
/// placeholders, and that every key written in the sources exists here.
/// To add a sentence: add its key to the table of its area with the English and the French text.
/// </remarks>
internal static partial class MessageCatalog
{
    private static readonly FrozenDictionary<string, (string En, string Fr)> Messages = Build();

    /// <summary>Every key with its English and French templates (for the catalogue tests).</summary>
    public static IReadOnlyDictionary<string, (string En, string Fr)> All => Messages;

    private static FrozenDictionary<string, (string En, string Fr)> Build()
    {
        // Add, not the indexer: a key defined twice (e.g. after a merge) fails at the first use and in the tests.
        var messages = new Dictionary<string, (string En, string Fr)>(StringComparer.Ordinal);
        foreach (var table in new[] { AdviceMessages(), DiagnosticMessages(), FaultMessages(), PatientInputMessages(), TerminologyMessages(), ToolMessages(), InputMessages(), DisplayMessages() })
        {
            foreach (var (key, texts) in table) messages.Add(key, texts);
        }
        return messages.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Dictionary<string, (string En, string Fr)> AdviceMessages() => new(StringComparer.Ordinal)
    {
        ["assumed-form"] = ("The form of {0} is not recorded: the form this entry requires ({1}) was assumed, so the alert applies. Check the form.",
            "La forme de {0} n'est pas renseignée : la forme qu'exige cette entrée ({1}) a été supposée, et l'alerte s'applique. Vérifiez la forme."),
        ["assumed-translation-name"] = ("{0} was read from {1} by its name ({2}): the advice relies on that reading. Check the mapping.",
            "{0} a été lu depuis {1} par son nom ({2}) : le conseil repose sur cette lecture. Vérifiez la correspondance."),
        ["assumed-translation-parent"] = ("{0} was read from {1} as its broader parent category ({2}): the advice relies on that reading. Check the mapping.",
            "{0} a été lu depuis {1} comme sa catégorie parente, plus large ({2}) : le conseil repose sur cette lecture. Vérifiez la correspondance."),
        ["invalid-atc"] = ("Medication code '{0}' is not a valid ATC code; interaction checks could not cover this medication.",
            "Le code de médicament « {0} » n'est pas un code ATC valide ; les contrôles d'interactions n'ont pas pu couvrir ce médicament."),
        ["unknown-atc"] = ("Medication code '{0}' is not in the ATC vocabulary configured by the host; interaction checks may not cover this medication.",
            "Le code de médicament « {0} » ne figure pas dans le vocabulaire ATC configuré par l'application hôte ; les contrôles d'interactions peuvent ne pas couvrir ce médicament."),
        ["cds.warnings-summary"] = ("Decision support may be incomplete: {0} item(s) of the record could not be used",
            "L'aide à la décision peut être incomplète : {0} élément(s) du dossier n'ont pas pu être utilisés"),
        ["cds.warnings-detail"] = ("Parts of the record could not be used, so some checks may not have run. The other cards do not cover what is listed here; correct the record or check by other means.",
            "Des éléments du dossier n'ont pas pu être utilisés : certains contrôles peuvent ne pas avoir été faits. Les autres cartes ne couvrent pas ce qui est listé ici ; corrigez le dossier ou vérifiez par d'autres moyens."),
        ["cds.warnings-topic"] = ("Record data not used", "Données du dossier non utilisées"),
        ["invalid-icd10"] = ("Condition code '{0}' is not a valid ICD-10 code; rules could not take this condition into account.",
            "Le code de pathologie « {0} » n'est pas un code CIM-10 valide ; les règles n'ont pas pu tenir compte de cette pathologie."),
        ["unsupported-system-medication"] = ("Medication code system '{0}' is not supported (ATC is); interaction checks could not cover this medication.",
            "Le système de codage de médicament « {0} » n'est pas pris en charge (ATC l'est) ; les contrôles d'interactions n'ont pas pu couvrir ce médicament."),
        ["unsupported-system-condition"] = ("Condition code system '{0}' is not supported (ICD-10 is); rules could not take this condition into account.",
            "Le système de codage de pathologie « {0} » n'est pas pris en charge (la CIM-10 l'est) ; les règles n'ont pas pu tenir compte de cette pathologie."),
        ["missing-medication-code"] = ("A medication has no code; interaction checks could not cover it.",
            "Un médicament n'a pas de code ; les contrôles d'interactions n'ont pas pu le couvrir."),
        ["missing-condition-code"] = ("A condition has no code; rules could not take it into account.",
            "Une pathologie n'a pas de code ; les règles n'ont pas pu en tenir compte."),
        ["missing-therapy-kind"] = ("A therapy has no kind; rules could not take it into account.",
            "Une thérapie n'a pas de type ; les règles n'ont pas pu en tenir compte."),
        ["unknown-status"] = ("Entry has status '{0}', which is not understood; it was not treated as active.",
            "L'entrée a le statut « {0} », qui n'est pas reconnu ; elle n'a pas été considérée comme active."),
        ["unknown-phase"] = ("Phase '{0}' is not a known phase; phase-based rules may not apply.",
            "La phase « {0} » n'est pas une phase connue ; les règles fondées sur la phase peuvent ne pas s'appliquer."),
        ["invalid-age"] = ("The age or birth date is not plausible for the evaluation date; age-based rules were not evaluated.",
            "L'âge ou la date de naissance n'est pas plausible à la date d'évaluation ; les règles fondées sur l'âge n'ont pas été évaluées."),
        ["needs-age"] = ("The patient's age is unknown; {0} rule(s) that depend on it were not evaluated: {1}.",
            "L'âge du patient est inconnu ; {0} règle(s) qui en dépendent n'ont pas été évaluées : {1}."),
        ["needs-phase"] = ("The current phase is unknown; {0} rule(s) that depend on it were not evaluated: {1}.",
            "La phase actuelle est inconnue ; {0} règle(s) qui en dépendent n'ont pas été évaluées : {1}."),
        ["why-blocked"] = ("Held back: contraindicated alert '{0}' ({1}).",
            "Écartée : alerte de contre-indication « {0} » ({1})."),
        ["why-demoted"] = ("Ranked lower: {0} alert '{1}' ({2}).",
            "Classée plus bas : alerte {0} « {1} » ({2})."),
        ["why-declined"] = ("Held back: the patient declined this therapy ({0}).",
            "Écartée : le patient a refusé cette thérapie ({0})."),
        ["severity-contraindicated"] = ("contraindicated", "contre-indication"),
        ["severity-major"] = ("major", "majeure"),
        ["severity-moderate"] = ("moderate", "modérée"),
        ["severity-minor"] = ("minor", "mineure"),
    };

    /// <summary>
    /// The sentence <paramref name="key"/> in <paramref name="language"/>, placeholders filled with
    /// <paramref name="args"/> (invariant culture). An unsupported language gives English; an unknown key
    /// gives the key itself. Never throws.
    /// </summary>
    public static string Get(string key, string? language, params object?[] args)
    {
        if (!Messages.TryGetValue(key, out var texts)) return key;
        var format = string.Equals(language, "fr", StringComparison.Ordinal) && texts.Fr.Length > 0 ? texts.Fr : texts.En;
        if (args.Length == 0) return format;
        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            // Only a template with more placeholders than arguments gets here; the catalogue tests prevent it.
            return format;
        }
    }

    public static string Severity(AlertSeverity severity, string language) =>
        Get("severity-" + severity.ToString().ToLowerInvariant(), language);
}
