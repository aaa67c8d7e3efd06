using System.Globalization;
using System.Text;
using CareSequencing.Model;
using CareSequencing.Presentation;

namespace CareSequencing.Authoring.Explain;

/// <summary>
/// Writes a <see cref="RuleExplanation"/> as text for rule authors: a header, the condition as an
/// aligned tree (source text, line:col, value), the interaction sides, the ranking. Deterministic;
/// no clock, no patient identifier.
/// </summary>
public static class RuleExplanationTextWriter
{
    private const int TextColumnLimit = 72;
    private const int FieldWidth = 12;

    private static readonly Dictionary<string, (string En, string Fr)> Labels = new(StringComparer.Ordinal)
    {
        ["rule"] = ("Rule", "Règle"),
        ["kind"] = ("Kind", "Type"),
        ["pack"] = ("Pack", "Paquet"),
        ["status"] = ("Status", "Statut"),
        ["as-of"] = ("As of", "Date"),
        ["outcome"] = ("Outcome", "Issue"),
        ["result"] = ("Result", "Résultat"),
        ["expression"] = ("expression rule", "règle à expression"),
        ["interaction"] = ("interaction entry", "entrée d'interaction"),
        ["effective-always"] = ("in effect on every date", "en vigueur à toute date"),
        ["effective"] = ("in effect {0} to {1}", "en vigueur du {0} au {1}"),
        ["open"] = ("…", "…"),
        ["drafts-included"] = ("draft rules run", "règles brouillon exécutées"),
        ["drafts-excluded"] = ("draft rules not run", "règles brouillon non exécutées"),
        ["proposal"] = ("proposal {0} · priority {1}", "proposition {0} · priorité {1}"),
        ["therapy"] = ("therapy {0}", "thérapie {0}"),
        ["alert"] = ("alert · {0}", "alerte · {0}"),
        ["fired"] = ("FIRED", "DÉCLENCHÉE"),
        ["not-fired"] = ("NOT FIRED", "NON DÉCLENCHÉE"),
        ["not-run"] = ("NOT RUN", "NON EXÉCUTÉE"),
        ["failed"] = ("FAILED", "EN ÉCHEC"),
        ["condition-true"] = ("the condition is true", "la condition est vraie"),
        ["condition-false"] = ("the condition is false", "la condition est fausse"),
        ["condition-failed"] = ("the condition fails on this patient (the engine skips the rule and reports it: CSQ1042)",
            "la condition échoue pour ce patient (le moteur ignore la règle et le signale : CSQ1042)"),
        ["would-be"] = ("for this patient the condition is {0}", "pour ce patient la condition vaut {0}"),
        ["would-be-unknown"] = ("read with the unknown fact (age -1, phase \"\"), the condition is {0}",
            "lue avec le fait inconnu (âge -1, phase \"\"), la condition vaut {0}"),
        ["reason-draft"] = ("draft rule, and draft rules are not run (--include-draft)", "règle brouillon, et les brouillons ne sont pas exécutés (--include-draft)"),
        ["reason-retired"] = ("retired rule", "règle retirée"),
        ["reason-not-yet"] = ("not yet in effect on {0}", "pas encore en vigueur le {0}"),
        ["reason-no-longer"] = ("no longer in effect on {0}", "plus en vigueur le {0}"),
        ["reason-age"] = ("missing fact: the age is unknown, and the condition reads facts.Age", "fait manquant : l'âge est inconnu, et la condition lit facts.Age"),
        ["reason-phase"] = ("missing fact: the current phase is unknown, and the condition reads it", "fait manquant : la phase actuelle est inconnue, et la condition la lit"),
        ["condition"] = ("Condition", "Condition"),
        ["all-of"] = ("all of (&&)", "toutes (&&)"),
        ["any-of"] = ("any of (||)", "au moins une (||)"),
        ["not-reached"] = ("not reached", "non atteint"),
        ["unknown"] = ("unknown", "inconnu"),
        ["error"] = ("error", "erreur"),
        ["none"] = ("none", "aucun"),
        ["sides"] = ("Interaction sides", "Côtés de l'interaction"),
        ["codes"] = ("codes {0}", "codes {0}"),
        ["every-form"] = ("every form", "toute forme"),
        ["forms"] = ("forms {0}", "formes {0}"),
        ["under"] = ("under {0}", "sous {0}"),
        ["form-refused"] = ("form not accepted", "forme non retenue"),
        ["no-form"] = ("no form given", "forme non précisée"),
        ["no-candidate"] = ("no medication under these codes", "aucun médicament sous ces codes"),
        ["sides-match"] = ("two different active medications match a and b", "deux médicaments actifs différents correspondent à a et b"),
        ["same-only"] = ("only one medication matches both sides; an interaction needs two", "un seul médicament correspond aux deux côtés ; une interaction en demande deux"),
        ["no-match"] = ("no active medication of an accepted form matches side {0}", "aucun médicament actif d'une forme retenue ne correspond au côté {0}"),
        ["ranking"] = ("Ranking", "Classement"),
        ["ranking-none"] = ("none: the rule did not fire", "aucun : la règle ne s'est pas déclenchée"),
        ["ranking-not-run"] = ("none: the rule did not run", "aucun : la règle n'a pas été exécutée"),
        ["ranking-unavailable"] = ("unavailable: {0}", "indisponible : {0}"),
        ["proposal-rank"] = ("proposal {0} of {1} · {2} · score {3}", "proposition {0} sur {1} · {2} · score {3}"),
        ["score-parts"] = ("priority + phase fit + preference + alert penalty", "priorité + adéquation à la phase + préférence + pénalité d'alerte"),
        ["ranked-above"] = ("ranked above", "classées au-dessus"),
        ["alerts-involved"] = ("alerts that concern it", "alertes qui la concernent"),
        ["raised"] = ("raised", "levée"),
        ["would-raise"] = ("would be raised by the codes it starts", "serait levée par les codes qu'elle introduit"),
        ["blocks"] = ("blocks it", "l'écarte"),
        ["demotes"] = ("demotes it", "la rétrograde"),
        ["no-effect"] = ("a more severe alert decides", "une alerte plus grave décide"),
        ["declined"] = ("the patient declined {0}", "le patient a refusé {0}"),
        ["why-not"] = ("why not", "pourquoi pas"),
        ["alert-rank"] = ("alert {0} of {1} · {2}", "alerte {0} sur {1} · {2}"),
        ["listed-above"] = ("listed above", "listées au-dessus"),
        ["concerns"] = ("proposals it concerns", "propositions concernées"),
        ["warnings"] = ("Patient input warnings", "Avertissements sur les données du patient"),
        ["assumptions"] = ("Assumed by the advice", "Hypothèses du conseil"),
        ["evaluation-error"] = ("Evaluation error", "Erreur d'évaluation"),
    };

    /// <summary>Renders the explanation in its own language.</summary>
    /// <param name="explanation">The explanation.</param>
    /// <returns>Text with LF line endings.</returns>
    public static string Write(RuleExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var writer = new Writer(explanation);
        writer.WriteAll();
        return writer.ToString();
    }

    private sealed class Writer(RuleExplanation e)
    {
        private readonly StringBuilder _text = new();
        private readonly bool _fr = string.Equals(e.Language, "fr", StringComparison.Ordinal);

        public override string ToString() => _text.ToString();

        private string L(string key, params object[] args)
        {
            var format = _fr ? Labels[key].Fr : Labels[key].En;
            return args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        }

        private void Line(string value = "") => _text.Append(value).Append('\n');

        private void Field(string key, string value) => Line((L(key) + ":").PadRight(FieldWidth - 1) + " " + value);

        public void WriteAll()
        {
            Field("rule", $"{e.RuleId} · {e.Title}");
            Field("kind", $"{L(e.Kind == ExplainedRuleKind.Expression ? "expression" : "interaction")} · {Names.Family(e.Family)}");
            Field("pack", $"{e.Pack} · {e.Location}");
            var effective = e.EffectiveFrom is null && e.EffectiveUntil is null ? L("effective-always")
                : L("effective", Date(e.EffectiveFrom) ?? L("open"), Date(e.EffectiveUntil) ?? L("open"));
            Field("status", $"{e.Status.ToString().ToLowerInvariant()} · {effective}");
            Field("as-of", $"{Date(e.AsOf)} · {L(e.IncludeDraftRules ? "drafts-included" : "drafts-excluded")}");
            Field("outcome", e.Outcome.Severity is { } severity && e.Outcome.Action is null
                ? L("alert", MessageCatalog.Severity(severity, e.Language))
                : L("proposal", e.Outcome.Action!, e.Outcome.Priority!.Value) + (e.Outcome.Therapy is { } t ? " · " + L("therapy", t) : ""));
            WriteResult();
            if (e.Condition is { } condition) WriteCondition(condition);
            if (e.Interaction is { } interaction) WriteInteraction(interaction);
            WriteRanking();
            if (e.Assumptions.Count > 0)
            {
                Line();
                Line(L("assumptions"));
                foreach (var assumption in e.Assumptions) Line($"  {assumption}");
            }
            if (e.Warnings.Count > 0)
            {
                Line();
                Line(L("warnings"));
                foreach (var warning in e.Warnings) Line($"  {warning.Code} {warning.Path}: {warning.Message}");
            }
        }

        private void WriteResult()
        {
            var conditionValue = e.Condition?.Root.Value is bool b ? b : (bool?)null;
            switch (e.Verdict)
            {
                case RuleVerdict.NotRun:
                    var missing = e.NotRunReasons.Any(r => r is NotRunReason.AgeUnknown or NotRunReason.PhaseUnknown);
                    var would = e.Condition is not null && conditionValue is not null
                        ? " — " + L(missing ? "would-be-unknown" : "would-be", TraceFormat.Value(conditionValue))
                        : "";
                    Field("result", L("not-run") + would);
                    foreach (var reason in e.NotRunReasons) Line(new string(' ', FieldWidth) + "- " + Reason(reason));
                    break;
                case RuleVerdict.Failed:
                    Field("result", L("failed") + " — " + L("condition-failed"));
                    break;
                default:
                    var fired = e.Verdict == RuleVerdict.Fired;
                    Field("result", L(fired ? "fired" : "not-fired") + (e.Condition is null ? "" : " — " + L(fired ? "condition-true" : "condition-false")));
                    break;
            }
        }

        private string Reason(NotRunReason reason) => reason switch
        {
            NotRunReason.Draft => L("reason-draft"),
            NotRunReason.Retired => L("reason-retired"),
            NotRunReason.NotYetEffective => L("reason-not-yet", Date(e.AsOf)!),
            NotRunReason.NoLongerEffective => L("reason-no-longer", Date(e.AsOf)!),
            NotRunReason.AgeUnknown => L("reason-age"),
            _ => L("reason-phase"),
        };

        private void WriteCondition(ConditionTrace condition)
        {
            Line();
            Line($"{L("condition")} ({condition.Location})");
            var rows = new List<Row>();
            Collect(condition.Root, "", "", rows);
            var width = Math.Min(TextColumnLimit, rows.Max(r => r.Tree.Length));
            var atWidth = rows.Max(r => r.At.Length);
            foreach (var row in rows)
            {
                var tree = row.Tree;
                if (tree.Length > width)
                {
                    // Too long for the column: the text on its own line, its location and value aligned below it.
                    Line("  " + tree);
                    tree = row.Below;
                }
                Line(("  " + tree.PadRight(width) + "  " + row.At.PadRight(atWidth) + "  " + row.Value).TrimEnd());
                if (row.Fact is not null) Line("  " + row.Below + row.Fact);
            }
        }

        /// <summary>One node's line: tree and text, location, value; what goes under it; the facts it read.</summary>
        private sealed record Row(string Tree, string Below, string At, string Value, string? Fact);

        private void Collect(ConditionNode node, string lead, string continuation, List<Row> rows)
        {
            var label = node.Kind switch
            {
                ConditionNodeKind.AllOf => L("all-of"),
                ConditionNodeKind.AnyOf => L("any-of"),
                _ => node.Text,
            };
            var at = node.Location is { } location ? Invariant($"{location.Line}:{location.Column}") : "-";
            var value = node.Error is not null ? $"{L("error")}: {node.Error}"
                : node.ValueIsUnknownFact ? L("unknown")
                : TraceFormat.Value(node.Value);
            if (!node.Reached) value = $"({value})  {L("not-reached")}";
            var fact = node.Fact is { } f ? $"{f.Fact} {f.Query}: {(f.Values.Count == 0 ? L("none") : string.Join(", ", f.Values))}" : null;
            rows.Add(new Row(lead + label, continuation + (node.Children.Count > 0 ? "│  " : "   "), at, value, fact));
            for (var i = 0; i < node.Children.Count; i++)
            {
                var last = i == node.Children.Count - 1;
                Collect(node.Children[i], continuation + (last ? "└─ " : "├─ "), continuation + (last ? "   " : "│  "), rows);
            }
        }

        private void WriteInteraction(InteractionTrace trace)
        {
            Line();
            Line(L("sides"));
            WriteSide("a", trace.A);
            WriteSide("b", trace.B);
            if (trace.SidesMatch) Line("  → " + L("sides-match"));
            else if (trace.SameMedicationOnly) Line("  → " + L("same-only"));
            foreach (var (name, side) in new[] { ("a", trace.A), ("b", trace.B) })
            {
                if (!trace.SidesMatch && !trace.SameMedicationOnly && !side.Matched) Line("  → " + L("no-match", name));
            }
        }

        private void WriteSide(string name, InteractionSideTrace side)
        {
            var forms = side.Forms.Count == 0 ? L("every-form") : L("forms", string.Join(", ", side.Forms));
            Line($"  {name}  {side.Label} · {L("codes", string.Join(", ", side.Codes))} · {forms}");
            if (side.Medications.Count == 0) Line("       " + L("no-candidate"));
            foreach (var m in side.Medications)
            {
                var parts = new List<string> { m.Display, m.Form ?? L("no-form"), L("under", m.SideCode) };
                if (m.Status != MedicationStatus.Active) parts.Add(m.Status.ToString().ToLowerInvariant());
                if (!m.FormAccepted) parts.Add(L("form-refused"));
                Line($"     {(m.Matched ? '+' : '-')} " + string.Join(" · ", parts));
            }
        }

        private void WriteRanking()
        {
            Line();
            if (e.ProposalRanking is null && e.AlertRanking is null)
            {
                Field("ranking", e.EvaluationError is { } error ? L("ranking-unavailable", error)
                    : L(e.Verdict == RuleVerdict.NotRun ? "ranking-not-run" : "ranking-none"));
                return;
            }
            Line(L("ranking"));
            if (e.ProposalRanking is { } p)
            {
                var s = p.Score;
                Line("  " + L("proposal-rank", p.Rank, p.Count, Names.Status(p.Status), s.Total)
                    + Invariant($" = {s.Priority} {Signed(s.PhaseFit)} {Signed(s.Preference)} {Signed(s.AlertPenalty)}") + $" ({L("score-parts")})");
                Line($"  {L("ranked-above")}:" + (p.RankedAbove.Count == 0 ? " " + L("none") : ""));
                foreach (var above in p.RankedAbove)
                    Line(Invariant($"    {above.Rank}. {above.RuleId} · {above.Title} · {Names.Status(above.Status)} · score {above.Score}"));
                Line($"  {L("alerts-involved")}:" + (p.Alerts.Count == 0 ? " " + L("none") : ""));
                foreach (var alert in p.Alerts)
                {
                    var effect = L(alert.Effect switch { AlertEffect.Blocks => "blocks", AlertEffect.Demotes => "demotes", _ => "no-effect" });
                    Line($"    [{Names.Severity(alert.Severity).ToUpperInvariant()}] {alert.RuleId} · {alert.Title} · {L(alert.Raised ? "raised" : "would-raise")} · {effect}");
                }
                if (p.DeclinedTherapy is { } declined) Line("  " + L("declined", declined));
                foreach (var reason in p.WhyNot) Line($"  {L("why-not")}: {reason}");
            }
            if (e.AlertRanking is { } a)
            {
                Line("  " + L("alert-rank", a.Position, a.Count, Names.Severity(a.Severity)) + (a.Codes.Count > 0 ? " · " + string.Join(", ", a.Codes) : ""));
                Line($"  {L("listed-above")}:" + (a.RankedAbove.Count == 0 ? " " + L("none") : ""));
                foreach (var above in a.RankedAbove)
                    Line(Invariant($"    {above.Position}. [{Names.Severity(above.Severity).ToUpperInvariant()}] {above.RuleId} · {above.Title}"));
                Line($"  {L("concerns")}:" + (a.Affects.Count == 0 ? " " + L("none") : ""));
                foreach (var affected in a.Affects)
                {
                    var effect = L(affected.Effect switch { AlertEffect.Blocks => "blocks", AlertEffect.Demotes => "demotes", _ => "no-effect" });
                    Line(Invariant($"    {affected.Rank}. {affected.RuleId} · {Names.Status(affected.Status)} · {effect}"));
                }
            }
            if (e.EvaluationError is { } failure) Line($"{L("evaluation-error")}: {failure}");
        }

        private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Signed(int value) => value < 0 ? Invariant($"- {-value}") : Invariant($"+ {value}");

        private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
