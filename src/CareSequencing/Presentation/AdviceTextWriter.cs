using System.Globalization;
using System.Text;
using CareSequencing.Model;

namespace CareSequencing.Presentation;

/// <summary>
/// Writes an <see cref="Advice"/> as plain text a clinician reads: what was not checked, alerts, then proposals, then warnings.
/// Labels come from the message catalogue, in the advice's language.
/// </summary>
public static class AdviceTextWriter
{
    /// <summary>Renders the advice in its own language.</summary>
    /// <param name="advice">The advice.</param>
    /// <returns>Text with LF line endings.</returns>
    public static string Write(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        string L(string key) => MessageCatalog.Get("text." + key, advice.Language);
        var text = new StringBuilder();
        void Line(string value = "") => text.Append(value).Append('\n');

        Line("CareSequencing — " + L("banner"));
        Line(Invariant($"{L("patient")} {advice.PatientId ?? "-"} · {L("evaluated")} {advice.EvaluatedAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"));
        Line($"{L("packs")}: " + string.Join(", ", advice.Packs.Select(p => $"{p} ({p.Sha256[..12]})")));
        if (advice.Faults.Count > 0)
            Line(MessageCatalog.Get("text.incomplete", advice.Language, advice.Faults.Count, string.Join(", ", advice.Faults.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))));
        // Above the alerts: no alert about a medication that was not checked is not an all-clear.
        foreach (var kind in new[] { UncheckedCodeKind.Medication, UncheckedCodeKind.Condition })
        {
            if (UncheckedSummary.Line(advice, kind) is { } notChecked) Line(notChecked);
        }
        Line();

        Line(Invariant($"{L("alerts")} ({advice.Alerts.Count})"));
        if (advice.Alerts.Count == 0) Line("  " + L("none"));
        foreach (var alert in advice.Alerts)
        {
            Line($"  [{Names.Severity(alert.Severity).ToUpperInvariant()}] {alert.Title}" + (alert.Codes.Count > 0 ? $"  ({string.Join(", ", alert.Codes)})" : ""));
            Line($"      {L("why")}: {alert.Explanation.Text}");
            Line($"      {L("management")}: {alert.Management}");
            foreach (var assumption in alert.Explanation.Assumptions) Line($"      {L("assumed")}: {assumption}");
            foreach (var m in alert.Merged) Line($"      {L("merged")}: [{Names.Severity(m.Severity).ToUpperInvariant()}] {m.Title} · {m.RuleId} · {m.Pack}");
            WriteExplanation(alert.Explanation);
        }
        Line();

        Line(Invariant($"{L("proposals")} ({advice.Proposals.Count})"));
        if (advice.Proposals.Count == 0) Line("  " + L("none"));
        foreach (var proposal in advice.Proposals)
        {
            var status = proposal.Status switch
            {
                ProposalStatus.Blocked => $" ({L("blocked")})",
                ProposalStatus.Declined => $" ({L("declined")})",
                _ => string.Empty,
            };
            var s = proposal.Score;
            Line(Invariant($"  {proposal.Rank}. {proposal.Title}{status}"));
            Line(Invariant($"      {L("action")}: {proposal.Action} · {L("score")} {s.Total} = {s.Priority} {Signed(s.PhaseFit)} {Signed(s.Preference)} {Signed(s.AlertPenalty)}"));
            Line($"      {L("why")}: {proposal.Explanation.Text}");
            foreach (var reason in proposal.Explanation.WhyNot) Line($"      {L("why-not")}: {reason}");
            WriteExplanation(proposal.Explanation);
        }
        Line();

        Line(Invariant($"{L("warnings")} ({advice.Warnings.Count})"));
        if (advice.Warnings.Count == 0) Line("  " + L("none"));
        foreach (var warning in advice.Warnings) Line($"  {warning.Code} {warning.Path}: {warning.Message}");
        return text.ToString();

        void WriteExplanation(Explanation explanation)
        {
            if (explanation.MatchedFacts.Count > 0)
            {
                Line($"      {L("facts")}: " + string.Join("; ", explanation.MatchedFacts.Select(f =>
                    $"{f.Fact} {f.Query} = {(f.Values.Count == 0 ? L("absent") : string.Join(", ", f.Values))}")));
            }
            var a = explanation.Attributes;
            Line(Invariant($"      {L("rule")}: {explanation.RuleId} · {explanation.Pack} · {L("developer")} {a.Developer}{(a.Funding is null ? "" : $" · {L("funding")} {a.Funding}")} · {L("released")} {a.ReleaseDate:yyyy-MM-dd} · {L("revised")} {a.RevisionDate:yyyy-MM-dd}"));
            foreach (var source in explanation.Sources)
            {
                var year = source.Year is null ? "" : Invariant($" ({source.Year})");
                var url = source.Url is null ? "" : " " + source.Url;
                Line($"      {L("sources")}: {source.Citation}{year}{url}");
            }
        }
    }

    private static string Signed(int value) => value < 0 ? Invariant($"- {-value}") : Invariant($"+ {value}");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
