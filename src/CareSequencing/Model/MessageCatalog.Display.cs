namespace CareSequencing.Model;

// Labels of the plain-text advice (AdviceTextWriter) and the summary of what was not checked, shown to the
// clinician in the text and in CDS Hooks cards. The summaries carry the patient's displays and codes (that is
// their point): they are never used in warnings or logs.
internal static partial class MessageCatalog
{
    private static Dictionary<string, (string En, string Fr)> DisplayMessages() => new(StringComparer.Ordinal)
    {
        ["text.banner"] = ("Decision support: proposals for the clinician to weigh, not orders.",
            "Aide à la décision : des propositions à apprécier par le clinicien, pas des prescriptions."),
        ["text.patient"] = ("Patient", "Patient"),
        ["text.evaluated"] = ("evaluated", "évalué le"),
        ["text.packs"] = ("Rule packs", "Paquets de règles"),
        ["text.alerts"] = ("ALERTS", "ALERTES"),
        ["text.proposals"] = ("PROPOSALS", "PROPOSITIONS"),
        ["text.warnings"] = ("WARNINGS", "AVERTISSEMENTS"),
        ["text.none"] = ("none", "aucune"),
        ["text.why"] = ("Why", "Pourquoi"),
        ["text.why-not"] = ("Why not", "Pourquoi pas"),
        ["text.assumed"] = ("Assumed", "Hypothèse"),
        ["text.merged"] = ("Also matched (merged)", "Également retenu (fusionné)"),
        ["text.management"] = ("Management", "Conduite à tenir"),
        ["text.facts"] = ("Facts", "Faits"),
        ["text.rule"] = ("Rule", "Règle"),
        ["text.sources"] = ("Sources", "Sources"),
        ["text.score"] = ("score", "score"),
        ["text.action"] = ("action", "action"),
        ["text.absent"] = ("absent", "absent"),
        ["text.developer"] = ("developer", "développeur"),
        ["text.funding"] = ("funding", "financement"),
        ["text.released"] = ("released", "publiée le"),
        ["text.revised"] = ("revised", "révisée le"),
        ["text.blocked"] = ("held back", "écartée"),
        ["text.declined"] = ("declined by the patient", "refusée par le patient"),
        ["text.incomplete"] = ("INCOMPLETE: {0} rule(s) could not be evaluated and were skipped ({1}); see the warnings.",
            "INCOMPLET : {0} règle(s) n'ont pas pu être évaluées et ont été ignorées ({1}) ; voir les avertissements."),

        // What was not checked (Advice.Unchecked): one line per kind, the list capped.
        ["unchecked.medications-one"] = ("{0} medication not checked: {1}", "{0} médicament non vérifié : {1}"),
        ["unchecked.medications-many"] = ("{0} medications not checked: {1}", "{0} médicaments non vérifiés : {1}"),
        ["unchecked.conditions-one"] = ("{0} condition not checked: {1}", "{0} pathologie non prise en compte : {1}"),
        ["unchecked.conditions-many"] = ("{0} conditions not checked: {1}", "{0} pathologies non prises en compte : {1}"),
        ["unchecked.more"] = ("and {0} more", "et {0} de plus"),
        ["unchecked.no-display"] = ("no name given", "sans libellé"),
        ["cds.unchecked-summary"] = ("Interaction check incomplete: {0} medication(s) not checked",
            "Contrôle des interactions incomplet : {0} médicament(s) non vérifié(s)"),
        ["cds.unchecked-summary-conditions"] = ("Check incomplete: {0} condition(s) not taken into account",
            "Contrôle incomplet : {0} pathologie(s) non prise(s) en compte"),
        ["cds.unchecked-detail"] = ("These entries of the record have no code the rules read (no map or terminology service knew them): interactions and rules did not see them. The other cards say nothing about them; check them by other means.",
            "Ces éléments du dossier n'ont aucun code que les règles lisent (aucune table ni aucun serveur de terminologie ne les connaissait) : les interactions et les règles ne les ont pas vus. Les autres cartes n'en disent rien ; vérifiez-les par d'autres moyens."),
        ["cds.unchecked-topic"] = ("Record entries not checked", "Éléments du dossier non vérifiés"),
        ["cds.more-warnings"] = ("... and {0} more; the whole list is in the advice (AdviceJsonWriter).",
            "... et {0} de plus ; la liste complète figure dans l'avis (AdviceJsonWriter)."),
    };
}
