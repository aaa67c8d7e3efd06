namespace CareSequencing.Model;

// The command-line tool's own lines (CareSequencing.Cli): summaries and errors around the library's output.
internal static partial class MessageCatalog
{
    private static Dictionary<string, (string En, string Fr)> ToolMessages() => new(StringComparer.Ordinal)
    {
        ["cli.validate-summary"] = ("{0} pack(s) loaded, {1} rejected; {2} error(s), {3} warning(s).",
            "{0} paquet(s) chargé(s), {1} rejeté(s) ; {2} erreur(s), {3} avertissement(s)."),
        ["cli.atc-checked"] = ("ATC codes checked against {0} ({1} codes).", "Codes ATC vérifiés avec {0} ({1} codes)."),
        ["cli.load-failed"] = ("error: rule packs failed to load; no advice was produced.",
            "erreur : les paquets de règles n'ont pas pu être chargés ; aucun avis n'a été produit."),
        ["cli.test-summary"] = ("{0} passed, {1} failed", "{0} réussi(s), {1} échoué(s)"),
        ["cli.pass"] = ("PASS", "OK"),
        ["cli.fail"] = ("FAIL", "ÉCHEC"),
        ["cli.patient-unreadable"] = ("error: cannot read patient file {0}: {1}", "erreur : impossible de lire le fichier patient {0} : {1}"),
        ["cli.as-of-format"] = ("error: --as-of must be a date written yyyy-mm-dd.", "erreur : --as-of doit être une date écrite aaaa-mm-jj."),
        ["cli.error"] = ("error: {0}", "erreur : {0}"),
        ["cli.load-failed-explain"] = ("error: rule packs failed to load; nothing was explained.",
            "erreur : les paquets de règles n'ont pas pu être chargés ; rien n'a été expliqué."),
        ["cli.diff-load-failed"] = ("error: {0} rules ({1}) failed to load; nothing was compared.",
            "erreur : les règles {0} ({1}) n'ont pas pu être chargées ; rien n'a été comparé."),
        ["cli.unknown-rule"] = ("error: No rule or interaction entry '{0}' in the loaded packs.",
            "erreur : aucune règle ni interaction « {0} » dans les paquets chargés."),
        ["cli.hint-did-you-mean"] = ("hint: did you mean {0}?", "indice : vouliez-vous dire {0} ?"),
        ["cli.hint-rule-ids"] = ("hint: rule ids are listed in the packs' rule files (id: ...); check --rules.",
            "indice : les identifiants de règles figurent dans les fichiers de règles des paquets (id: ...) ; vérifiez --rules."),
        ["cli.coverage-uncovered"] = ("uncovered (no scenario fires them):", "non couvertes (aucun scénario ne les déclenche) :"),
        ["cli.coverage-retired"] = ("retired (not expected to fire):", "retirées (ne doivent pas se déclencher) :"),
        ["cli.coverage-summary"] = ("coverage: {0} rules, {1} interaction entries; draft: {2} rules, {3} entries; retired: {4}",
            "couverture : {0} règles, {1} interactions ; brouillons : {2} règles, {3} interactions ; retirées : {4}"),
        ["cli.coverage-strict-failed"] = ("error: {0} active rule(s) or interaction entr(ies) have no scenario; add one to the pack's scenarios/ (coverage is strict with --coverage-strict or CI=true).",
            "erreur : {0} règle(s) ou interaction(s) active(s) sans scénario ; ajoutez-en un dans le dossier scenarios/ du paquet (la couverture est stricte avec --coverage-strict ou CI=true)."),

        // Pack diff report (PackDiffTextWriter).
        ["diff.summary"] = ("{0} pack(s): {1} changed, {2} added, {3} removed, {4} unchanged; {5} scenario(s) with changed advice; {6} warning(s)",
            "{0} paquet(s) : {1} modifié(s), {2} ajouté(s), {3} supprimé(s), {4} inchangé(s) ; {5} scénario(s) dont l'avis change ; {6} avertissement(s)"),
        ["diff.pack-added"] = ("{0} (added)", "{0} (ajouté)"),
        ["diff.pack-removed"] = ("{0} (removed)", "{0} (supprimé)"),
        ["diff.pack-unchanged"] = ("{0} (unchanged)", "{0} (inchangé)"),
        ["diff.pack-version-unchanged"] = ("{0} (version unchanged, content changed)", "{0} (version inchangée, contenu modifié)"),
        ["diff.content-unchanged"] = (" (content unchanged)", " (contenu inchangé)"),
        ["diff.warning"] = ("  warning {0}: {1}", "  avertissement {0} : {1}"),
        ["diff.rule-counts"] = ("  {0} rule(s), {1} interaction entr(ies)", "  {0} règle(s), {1} interaction(s)"),
        ["diff.added"] = ("  added:   {0}", "  ajoutée :  {0}"),
        ["diff.removed"] = ("  removed: {0}", "  supprimée : {0}"),
        ["diff.changed"] = ("  changed: {0} ({1}): {2}", "  modifiée : {0} ({1}) : {2}"),
        ["diff.manifest"] = ("  manifest: {0}", "  manifeste : {0}"),
        ["diff.layout-only"] = ("  no rule or manifest field differs: the files changed in comments, layout, file names or unused sources",
            "  aucun champ de règle ni du manifeste ne diffère : les fichiers ont changé dans les commentaires, la mise en forme, les noms de fichiers ou des sources inutilisées"),
        ["diff.scenarios"] = ("  scenarios: {0} run against OLD and NEW rules, {1} with changed advice",
            "  scénarios : {0} exécutés avec les règles OLD et NEW, {1} dont l'avis change"),
        ["diff.more-names"] = (" and {0} more", " et {0} de plus"),
        ["diff.same-change"] = (" ({0} scenarios, same change)", " ({0} scénarios, même changement)"),
        ["diff.more-lines"] = ("      ... {0} more line(s); --format json has the whole diff", "      ... {0} ligne(s) de plus ; --format json donne le diff complet"),
        ["diff.only-in-new"] = ("  scenarios only in NEW: {0}", "  scénarios présents seulement dans NEW : {0}"),
        ["diff.only-in-old"] = ("  scenarios only in OLD: {0}", "  scénarios présents seulement dans OLD : {0}"),
    };
}
