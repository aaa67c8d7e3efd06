namespace CareSequencing.Model;

// Rule faults: the CSQ1042 warning in the advice, its CDS Hooks card, and the load errors for faults
// visible before any patient is seen (CSQ1040, CSQ1041, CSQ1043). Arguments are rule ids, pack
// references and fault kinds, never patient data.
internal static partial class MessageCatalog
{
    private static Dictionary<string, (string En, string Fr)> FaultMessages() => new(StringComparer.Ordinal)
    {
        ["rule-fault"] = ("Rule '{0}' of pack {1} could not be evaluated ({2}); what it checks was not checked for this patient.",
            "La règle « {0} » du paquet {1} n'a pas pu être évaluée ({2}) ; ce qu'elle vérifie n'a pas été vérifié pour ce patient."),
        ["fault.division-by-zero"] = ("division by zero", "division par zéro"),
        ["fault.overflow"] = ("arithmetic overflow", "dépassement arithmétique"),
        ["fault.null-value"] = ("missing value", "valeur manquante"),
        ["fault.invalid-argument"] = ("invalid argument", "argument invalide"),
        ["fault.other"] = ("unexpected error", "erreur inattendue"),
        ["cds.faults-summary"] = ("Decision support is incomplete: {0} rule(s) could not be evaluated",
            "L'aide à la décision est incomplète : {0} règle(s) n'ont pas pu être évaluées"),
        ["cds.faults-detail"] = ("These rules failed while running and were skipped, so what they check was not checked. The absence of another card about it does not mean there is no problem; check by other means and report the rule to its pack's maintainers.",
            "Ces règles ont échoué à l'exécution et ont été ignorées : ce qu'elles vérifient n'a pas été vérifié. L'absence d'une autre carte à ce sujet ne signifie pas l'absence de problème ; vérifiez par d'autres moyens et signalez la règle aux responsables de son paquet."),
        ["cds.faults-topic"] = ("Rules not evaluated", "Règles non évaluées"),

        ["cli.unexpected-error"] = ("error: the command failed unexpectedly ({0}); please report it with the command line you ran.",
            "erreur : la commande a échoué de façon inattendue ({0}) ; merci de le signaler avec la ligne de commande utilisée."),

        ["diag.constant-zero-divisor"] = ("The divisor of '{0}' is always zero: the condition would fail at every evaluation.",
            "Le diviseur de « {0} » vaut toujours zéro : la condition échouerait à chaque évaluation."),
        ["diag.null-receiver"] = ("'{0}' is applied to a value that can be null: the condition would fail at evaluation.",
            "« {0} » s'applique à une valeur qui peut être nulle : la condition échouerait à l'évaluation."),
        ["diag.null-argument"] = ("'{0}' is given an argument that can be null: it would fail, or never match, at evaluation.",
            "« {0} » reçoit un argument qui peut être nul : il échouerait, ou ne correspondrait jamais, à l'évaluation."),
        ["diag.constant-fault"] = ("A part of the condition that reads no patient fact always fails ({0}).",
            "Une partie de la condition qui ne lit aucune donnée du patient échoue toujours ({0})."),
        ["hint.zero-divisor"] = ("divide by a non-zero number, or guard the divisor: 'facts.X != 0 && 10 / facts.X > 1'",
            "divisez par un nombre non nul, ou protégez le diviseur : « facts.X != 0 && 10 / facts.X > 1 »"),
        ["hint.null-value"] = ("use a text literal or a facts value; null is only for comparisons such as 'facts.Sex != null'",
            "utilisez un texte littéral ou une valeur de facts ; null ne sert qu'aux comparaisons comme « facts.Sex != null »"),
    };
}
