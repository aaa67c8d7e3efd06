using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareSequencing.Model;

namespace CareSequencing.Presentation;

/// <summary>
/// Writes an <see cref="Advice"/> as a CDS Hooks 2.0 service response, <c>{ "cards": [...] }</c>:
/// one card per alert (most severe first), then one per proposal in rank order. The same advice
/// always gives byte-identical JSON, and every card carries a deterministic <c>uuid</c> that
/// <see cref="CardIndex"/> maps back to rule id and pack version when feedback arrives.
/// </summary>
/// <remarks>
/// Indicators: contraindicated and major alerts are <c>critical</c>, moderate ones <c>warning</c>,
/// minor alerts and every proposal <c>info</c> (a proposal is support, never an alarm).
/// Held-back (blocked or declined) proposals are kept as <c>info</c> cards without a suggestion, so the
/// clinician still sees why a step was not offered; they cannot be accepted.
/// Suggestions carry no FHIR actions: the library knows no order resources, and the host decides
/// what accepting a suggestion creates.
/// When the advice has warnings (parts of the record that could not be used: a medication the
/// interaction checks could not cover, rules not evaluated for want of an age), one more card says
/// that the support may be incomplete and lists them, between the alerts and the proposals:
/// <c>warning</c> when what could not be used may hide an alert (medications, conditions, age),
/// <c>info</c> when it only concerns the proposed steps (phase, therapies, flags, preferences): an EHR shows cards, not the advice's warnings, and a check that could not run must not
/// look like a check that found nothing. For the same reason, when rules could not be evaluated
/// (<see cref="Advice.Faults"/>), a <c>warning</c> card (topic <see cref="RuleFaultsTopic"/>) says the
/// support is incomplete and names them, after the alerts and before the warnings card. When medications or
/// conditions were not checked (<see cref="Advice.Unchecked"/>), a <c>warning</c> card (topic
/// <see cref="UncheckedTopic"/>) says "interaction check incomplete" and names them with their displays and codes,
/// after the faults card. List cards name at most <see cref="MaxListedItems"/> items and count the rest, so each
/// stays under 8 KB whatever the input.
/// </remarks>
public static class CdsHooksWriter
{
    /// <summary>The longest summary CDS Hooks allows.</summary>
    public const int MaxSummaryLength = 140;

    /// <summary>The code system of the override reasons offered on alert cards.</summary>
    public const string OverrideReasonSystem = "urn:caresequencing:cds-hooks:override-reason";

    /// <summary>The code system of card topics; the code is the rule id.</summary>
    public const string TopicSystem = "urn:caresequencing:rule";

    /// <summary>The topic (system <see cref="TopicSystem"/>) of the card that lists the advice's warnings.</summary>
    public const string InputWarningsTopic = "input-warnings";

    /// <summary>The topic (system <see cref="TopicSystem"/>) of the card that lists the rules that could not be evaluated.</summary>
    public const string RuleFaultsTopic = "rule-faults";

    /// <summary>The topic (system <see cref="TopicSystem"/>) of the card that lists the medications and conditions not checked (<see cref="Advice.Unchecked"/>).</summary>
    public const string UncheckedTopic = "unchecked-codes";

    /// <summary>
    /// Items a list card (warnings, faults) names one by one, fewer when they are long; the others are counted ("... and N more"), so that a
    /// card stays a few kilobytes whatever the input (one Synthea bundle once gave a 916-item, 127 KB card).
    /// The whole list stays in the advice.
    /// </summary>
    public const int MaxListedItems = 10;

    // Bounds on each listed item (a path or a message can be as long as the input made it), and on the detail the
    // listed items take once written in JSON: what does not fit is counted, not listed.
    private const int MaxPathLength = 80;
    private const int MaxCodeLength = 16;
    private const int MaxMessageLength = 200;
    private const int DetailBudget = 6 * 1024;

    private static readonly (string Code, string En, string Fr)[] OverrideReasons =
    [
        ("patient-already-informed", "Patient already informed", "Patient déjà informé"),
        ("benefit-outweighs-risk", "Benefit outweighs risk", "Le bénéfice l'emporte sur le risque"),
        ("not-applicable", "Not applicable to this patient", "Non applicable à ce patient"),
    ];

    // Fixed namespace so that card uuids never change between releases for the same name.
    private static readonly byte[] UuidNamespace = Guid.Parse("6b1f3c2e-8d4a-4f7e-9a51-0c2d7e9b4a13").ToByteArray(bigEndian: true);

    /// <summary>Serialises the advice as a CDS Hooks response.</summary>
    /// <param name="advice">The advice.</param>
    /// <returns>Indented JSON, LF line endings.</returns>
    public static string Write(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var french = string.Equals(advice.Language, "fr", StringComparison.Ordinal);
        return DeterministicJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("cards");
            foreach (var alert in advice.Alerts) WriteAlert(json, alert, french);
            if (advice.Faults.Count > 0) WriteFaults(json, advice);
            if (advice.Unchecked.Count > 0) WriteUnchecked(json, advice);
            if (InputWarnings(advice).Any()) WriteWarnings(json, advice);
            foreach (var proposal in advice.Proposals) WriteProposal(json, proposal, french);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>The card uuid of an alert: a name-based UUID over pack id@version, rule id and codes.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The uuid, lower-case.</returns>
    public static string CardUuid(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return NameBasedUuid(Invariant($"alert|{alert.Explanation.Pack}|{alert.RuleId}|{string.Join(',', alert.Codes)}"));
    }

    /// <summary>The card uuid of a proposal: a name-based UUID over pack id@version, rule id and action.</summary>
    /// <param name="proposal">The proposal.</param>
    /// <returns>The uuid, lower-case.</returns>
    public static string CardUuid(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return NameBasedUuid(Invariant($"proposal|{proposal.Explanation.Pack}|{proposal.RuleId}|{proposal.Action}"));
    }

    /// <summary>
    /// The uuid of the card listing the advice's warnings about the record: a name-based UUID over the pack
    /// versions and each warning's code and path; null when the advice has no such warning (and so no such
    /// card). Rules that could not be evaluated have their own card (<see cref="FaultsCardUuid"/>).
    /// </summary>
    /// <param name="advice">The advice.</param>
    /// <returns>The uuid, lower-case, or null.</returns>
    public static string? WarningsCardUuid(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var warnings = InputWarnings(advice).ToList();
        if (warnings.Count == 0) return null;
        return NameBasedUuid(Invariant($"warnings|{string.Join(',', advice.Packs.Select(p => p.ToString()))}|{string.Join(',', warnings.Select(w => w.Code + ":" + w.Path))}"));
    }

    /// <summary>
    /// The uuid of the card listing the rules that could not be evaluated (<see cref="Advice.Faults"/>): a
    /// name-based UUID over each fault's pack version, rule id and kind; null when no rule failed.
    /// </summary>
    /// <param name="advice">The advice.</param>
    /// <returns>The uuid, lower-case, or null.</returns>
    public static string? FaultsCardUuid(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        if (advice.Faults.Count == 0) return null;
        return NameBasedUuid(Invariant($"faults|{string.Join(',', advice.Faults.Select(f => $"{f.Pack}:{f.RuleId}:{f.Kind}"))}"));
    }

    /// <summary>
    /// The uuid of the card listing what was not checked (<see cref="Advice.Unchecked"/>): a name-based UUID over the
    /// pack versions and each entry's kind, system and code; null when everything was checked (and so no such card).
    /// </summary>
    /// <param name="advice">The advice.</param>
    /// <returns>The uuid, lower-case, or null.</returns>
    public static string? UncheckedCardUuid(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        if (advice.Unchecked.Count == 0) return null;
        return NameBasedUuid(Invariant($"unchecked|{string.Join(',', advice.Packs.Select(p => p.ToString()))}|{string.Join(',', advice.Unchecked.Select(u => $"{u.Kind}:{u.System}|{u.Code}"))}"));
    }

    /// <summary>The uuid of a proposal's suggestion, derived from its card uuid.</summary>
    /// <param name="proposal">The proposal.</param>
    /// <returns>The uuid, lower-case.</returns>
    public static string SuggestionUuid(Proposal proposal) => NameBasedUuid("suggestion|" + CardUuid(proposal));

    /// <summary>Cuts text to at most <see cref="MaxSummaryLength"/> characters at a word boundary, ending with an ellipsis.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, or its shortened form.</returns>
    public static string Summary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxSummaryLength) return text;
        var limit = MaxSummaryLength - 1;
        var cut = text.LastIndexOf(' ', limit);
        if (cut <= 0) cut = limit;
        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }

    private static void WriteAlert(Utf8JsonWriter json, Alert alert, bool french)
    {
        json.WriteStartObject();
        json.WriteString("uuid", CardUuid(alert));
        json.WriteString("summary", Summary(CardMarkdown.PlainText(alert.Title)));
        json.WriteString("indicator", alert.Severity switch
        {
            AlertSeverity.Contraindicated or AlertSeverity.Major => "critical",
            AlertSeverity.Moderate => "warning",
            _ => "info",
        });
        json.WriteString("detail", Detail(alert.Explanation, alert.Management, french) + MergedDetail(alert, french));
        WriteSource(json, alert.Explanation);
        json.WriteStartArray("overrideReasons");
        foreach (var (code, en, fr) in OverrideReasons)
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("system", OverrideReasonSystem);
            json.WriteString("display", french ? fr : en);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProposal(Utf8JsonWriter json, Proposal proposal, bool french)
    {
        var proposed = proposal.Status == ProposalStatus.Proposed;
        var title = proposed ? proposal.Title : (french ? "Écarté : " : "Held back: ") + proposal.Title;
        json.WriteStartObject();
        json.WriteString("uuid", CardUuid(proposal));
        json.WriteString("summary", Summary(CardMarkdown.PlainText(title)));
        json.WriteString("indicator", "info");
        json.WriteString("detail", Detail(proposal.Explanation, null, french));
        WriteSource(json, proposal.Explanation);
        if (proposed)
        {
            json.WriteStartArray("suggestions");
            json.WriteStartObject();
            json.WriteString("label", CardMarkdown.PlainText(proposal.Title));
            json.WriteString("uuid", SuggestionUuid(proposal));
            json.WriteBoolean("isRecommended", proposal.Rank == 1);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("selectionBehavior", "any");
        }
        json.WriteEndObject();
    }

    private static IEnumerable<AdviceWarning> InputWarnings(Advice advice) =>
        advice.Warnings.Where(w => w.Code != Loading.DiagnosticCodes.RuleFault);

    /// <summary>
    /// Always <c>warning</c>: a rule that could not run may be the very check that would have raised an
    /// alert, and an EHR that shows no card for it would read as "no problem".
    /// </summary>
    private static void WriteFaults(Utf8JsonWriter json, Advice advice)
    {
        var language = advice.Language;
        WriteListCard(json, FaultsCardUuid(advice)!, Model.MessageCatalog.Get("cds.faults-summary", language, advice.Faults.Count), "warning",
            Model.MessageCatalog.Get("cds.faults-detail", language), advice.Warnings.Where(w => w.Code == Loading.DiagnosticCodes.RuleFault),
            RuleFaultsTopic, Model.MessageCatalog.Get("cds.faults-topic", language), language);
    }

    private static void WriteWarnings(Utf8JsonWriter json, Advice advice)
    {
        var language = advice.Language;
        var warnings = InputWarnings(advice).ToList();
        WriteListCard(json, WarningsCardUuid(advice)!, Model.MessageCatalog.Get("cds.warnings-summary", language, warnings.Count),
            warnings.Exists(MayHideAnAlert) ? "warning" : "info", Model.MessageCatalog.Get("cds.warnings-detail", language), warnings,
            InputWarningsTopic, Model.MessageCatalog.Get("cds.warnings-topic", language), language);
    }

    /// <summary>
    /// Always <c>warning</c>: a medication not checked is left out of every interaction check, a condition out of
    /// every rule on diagnoses; the card names them (the patient's displays and codes, for the clinician).
    /// </summary>
    private static void WriteUnchecked(Utf8JsonWriter json, Advice advice)
    {
        var language = advice.Language;
        var medications = UncheckedSummary.Count(advice, UncheckedCodeKind.Medication);
        var summary = medications > 0
            ? Model.MessageCatalog.Get("cds.unchecked-summary", language, medications)
            : Model.MessageCatalog.Get("cds.unchecked-summary-conditions", language, UncheckedSummary.Count(advice, UncheckedCodeKind.Condition));
        var detail = new StringBuilder();
        detail.Append(CardMarkdown.Text(Model.MessageCatalog.Get("cds.unchecked-detail", language), lineStart: true)).Append("\n\n");
        foreach (var kind in new[] { UncheckedCodeKind.Medication, UncheckedCodeKind.Condition })
        {
            if (UncheckedSummary.Line(advice, kind, s => CardMarkdown.Text(s, lineStart: false), DetailBudget / 2) is { } line)
                detail.Append("- ").Append(line).Append('\n');
        }
        WriteOwnCard(json, UncheckedCardUuid(advice)!, summary, "warning", detail.ToString(), UncheckedTopic, Model.MessageCatalog.Get("cds.unchecked-topic", language));
    }

    /// <summary>
    /// A card of the library's own (no rule behind it) whose detail lists warnings: <c>- `path` (code): message</c>,
    /// at most <see cref="MaxListedItems"/> of them, each cut to a bounded length.
    /// </summary>
    private static void WriteListCard(Utf8JsonWriter json, string uuid, string summary, string indicator, string intro,
        IEnumerable<AdviceWarning> warnings, string topic, string topicDisplay, string language)
    {
        var detail = new StringBuilder();
        detail.Append(CardMarkdown.Text(intro, lineStart: true)).Append("\n\n");
        var count = 0;
        var listed = 0;
        var used = 0;
        foreach (var warning in warnings)
        {
            count++;
            if (listed == MaxListedItems || used > DetailBudget) continue;
            var item = string.Concat("- ", CardMarkdown.Code(UncheckedSummary.Cut(warning.Path, MaxPathLength)), " (",
                CardMarkdown.Text(UncheckedSummary.Cut(warning.Code, MaxCodeLength), lineStart: false), "): ",
                CardMarkdown.Text(UncheckedSummary.Cut(warning.Message, MaxMessageLength), lineStart: false), "\n");
            used += UncheckedSummary.JsonBytes(item);
            if (used > DetailBudget) continue;
            detail.Append(item);
            listed++;
        }
        if (count > listed)
            detail.Append('\n').Append(CardMarkdown.Text(Model.MessageCatalog.Get("cds.more-warnings", language, count - listed), lineStart: true)).Append('\n');
        WriteOwnCard(json, uuid, summary, indicator, detail.ToString(), topic, topicDisplay);
    }

    private static void WriteOwnCard(Utf8JsonWriter json, string uuid, string summary, string indicator, string detail, string topic, string topicDisplay)
    {
        json.WriteStartObject();
        json.WriteString("uuid", uuid);
        json.WriteString("summary", Summary(summary));
        json.WriteString("indicator", indicator);
        json.WriteString("detail", detail);
        json.WriteStartObject("source");
        json.WriteString("label", "CareSequencing");
        json.WriteStartObject("topic");
        json.WriteString("system", TopicSystem);
        json.WriteString("code", topic);
        json.WriteString("display", topicDisplay);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Whether what the warning says could not be used may hide an alert: medications (interaction
    /// checks), conditions, age. Phase, therapies, flags, preferences and unknown keys only change which
    /// steps are proposed, so a card about them alone is <c>info</c>, to spare the clinician's attention.
    /// </summary>
    private static bool MayHideAnAlert(AdviceWarning warning) =>
        warning.Code != Loading.DiagnosticCodes.PatientUnknownKey
        && !warning.Path.StartsWith("phase", StringComparison.Ordinal)
        && !warning.Path.StartsWith("therapies", StringComparison.Ordinal)
        && !warning.Path.StartsWith("flags", StringComparison.Ordinal)
        && !warning.Path.StartsWith("preferences", StringComparison.Ordinal);

    private static void WriteSource(Utf8JsonWriter json, Explanation explanation)
    {
        json.WriteStartObject("source");
        json.WriteString("label", CardMarkdown.PlainText(explanation.Pack.ToString()));
        // Checked again here, not only at load: an Advice can be built by a host, not only by the loader.
        var url = explanation.Sources.FirstOrDefault(s => WebUrl.IsAllowed(s.Url))?.Url;
        if (url is not null) json.WriteString("url", url);
        json.WriteStartObject("topic");
        json.WriteString("system", TopicSystem);
        json.WriteString("code", CardMarkdown.PlainText(explanation.RuleId));
        json.WriteString("display", CardMarkdown.PlainText(explanation.RuleTitle));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string MergedDetail(Alert alert, bool french)
    {
        if (alert.Merged.Count == 0) return "";
        var md = new StringBuilder();
        md.Append('\n').Append(french ? "**Également retenu (fusionné dans cette carte)**" : "**Also matched (merged into this card)**").Append('\n');
        foreach (var m in alert.Merged)
            md.Append("- ").Append(CardMarkdown.Text(m.Title)).Append(" (").Append(Names.Severity(m.Severity)).Append(", ").Append(CardMarkdown.Code(m.RuleId))
              .Append(", ").Append(CardMarkdown.Text(m.Pack.ToString(), lineStart: false)).Append(")\n");
        return md.ToString();
    }

    private static string Detail(Explanation explanation, string? management, bool french)
    {
        var md = new StringBuilder();
        md.Append(CardMarkdown.Text(explanation.Text)).Append('\n');
        if (!string.IsNullOrEmpty(management))
            md.Append('\n').Append(french ? "**Conduite à tenir :** " : "**Management:** ").Append(CardMarkdown.Text(management, lineStart: false)).Append('\n');
        if (explanation.Assumptions.Count > 0)
        {
            md.Append('\n').Append(french ? "**Hypothèses (données non renseignées)**" : "**Assumed (not recorded)**").Append('\n');
            foreach (var assumption in explanation.Assumptions) md.Append("- ").Append(CardMarkdown.Text(assumption)).Append('\n');
        }
        if (explanation.WhyNot.Count > 0)
        {
            md.Append('\n').Append(french ? "**Pourquoi pas**" : "**Why not**").Append('\n');
            foreach (var reason in explanation.WhyNot) md.Append("- ").Append(CardMarkdown.Text(reason)).Append('\n');
        }
        if (explanation.MatchedFacts.Count > 0)
        {
            md.Append('\n').Append(french ? "**Faits retenus**" : "**Matched facts**").Append('\n');
            foreach (var fact in explanation.MatchedFacts)
            {
                md.Append("- ").Append(CardMarkdown.Text(fact.Fact)).Append(' ').Append(CardMarkdown.Code(fact.Query)).Append(": ")
                  .Append(fact.Values.Count == 0 ? "absent" : string.Join(", ", fact.Values.Select(v => CardMarkdown.Text(v, lineStart: false)))).Append('\n');
            }
        }
        if (explanation.Sources.Count > 0)
        {
            md.Append('\n').Append("**Sources**").Append('\n');
            foreach (var source in explanation.Sources)
            {
                md.Append("- ").Append(CardMarkdown.Text(source.Citation));
                if (source.Year is not null) md.Append(Invariant($" ({source.Year.Value})"));
                if (WebUrl.IsAllowed(source.Url)) md.Append(' ').Append(CardMarkdown.Link(source.Url));
                md.Append('\n');
            }
        }
        var a = explanation.Attributes;
        md.Append('\n').Append(french ? "**Attributs de la source**" : "**Source attributes**").Append('\n');
        md.Append(french ? "- Développeur : " : "- Developer: ").Append(CardMarkdown.Text(a.Developer, lineStart: false)).Append('\n');
        if (a.Funding is not null) md.Append(french ? "- Financement : " : "- Funding: ").Append(CardMarkdown.Text(a.Funding, lineStart: false)).Append('\n');
        md.Append(french ? "- Publication : " : "- Released: ").Append(Date(a.ReleaseDate)).Append('\n');
        md.Append(french ? "- Révision : " : "- Revised: ").Append(Date(a.RevisionDate)).Append('\n');
        md.Append(french ? "- Règle : " : "- Rule: ").Append(CardMarkdown.Code(explanation.RuleId)).Append(" (").Append(CardMarkdown.Text(explanation.Pack.ToString(), lineStart: false)).Append(")\n");
        return md.ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    // A name-based UUID (RFC 9562 version 8 over SHA-256 of namespace + name): SHA-1 of version 5
    // is flagged by the crypto analyzers, and nothing here needs v5 specifically, only stability.
    private static string NameBasedUuid(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[UuidNamespace.Length + nameBytes.Length];
        UuidNamespace.CopyTo(input, 0);
        nameBytes.CopyTo(input, UuidNamespace.Length);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
    }
}
