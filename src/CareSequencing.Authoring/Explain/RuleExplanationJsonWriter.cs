using System.Globalization;
using System.Text;
using System.Text.Json;
using CareSequencing.Presentation;

namespace CareSequencing.Authoring.Explain;

/// <summary>
/// Writes a <see cref="RuleExplanation"/> as JSON: camelCase, fixed property order, invariant
/// formats, ISO dates, no clock; the same explanation always gives byte-identical JSON.
/// </summary>
public static class RuleExplanationJsonWriter
{
    /// <summary>Serialises the explanation.</summary>
    /// <param name="explanation">The explanation.</param>
    /// <returns>Indented JSON, LF line endings.</returns>
    public static string Write(RuleExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return DeterministicJson.Write(json => WriteExplanation(json, explanation));
    }

    private static void WriteExplanation(Utf8JsonWriter json, RuleExplanation e)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", e.RuleId);
        json.WriteString("title", e.Title);
        json.WriteString("kind", e.Kind == ExplainedRuleKind.Expression ? "expression" : "interaction");
        json.WriteString("family", Names.Family(e.Family));
        json.WriteString("pack", e.Pack.ToString());
        json.WriteString("packSha256", e.Pack.Sha256);
        WriteLocation(json, "location", e.Location);
        json.WriteString("status", Kebab(e.Status.ToString()));
        json.WriteStartObject("effective");
        WriteDateOrNull(json, "from", e.EffectiveFrom);
        WriteDateOrNull(json, "until", e.EffectiveUntil);
        json.WriteEndObject();
        json.WriteString("asOf", Date(e.AsOf));
        json.WriteString("language", e.Language);
        json.WriteBoolean("includeDraftRules", e.IncludeDraftRules);
        json.WriteString("verdict", Kebab(e.Verdict.ToString()));
        json.WriteStartArray("notRunReasons");
        foreach (var reason in e.NotRunReasons) json.WriteStringValue(Kebab(reason.ToString()));
        json.WriteEndArray();

        json.WriteStartObject("outcome");
        json.WriteString("type", e.Outcome.Type);
        if (e.Outcome.Action is { } action) json.WriteString("action", action);
        if (e.Outcome.Priority is { } priority) json.WriteNumber("priority", priority);
        if (e.Outcome.Therapy is { } therapy) json.WriteString("therapy", therapy);
        if (e.Outcome.Severity is { } severity) json.WriteString("severity", Names.Severity(severity));
        json.WriteEndObject();

        if (e.Condition is { } condition)
        {
            json.WriteStartObject("condition");
            json.WriteString("text", condition.Text);
            WriteLocation(json, "location", condition.Location);
            json.WritePropertyName("root");
            WriteNode(json, condition.Root);
            json.WriteEndObject();
        }
        if (e.Interaction is { } interaction) WriteInteraction(json, interaction);

        if (e.ProposalRanking is { } proposal) WriteProposalRanking(json, proposal);
        if (e.AlertRanking is { } alert) WriteAlertRanking(json, alert);
        if (e.EvaluationError is { } error) json.WriteString("evaluationError", error);

        if (e.Assumptions.Count > 0)
        {
            json.WriteStartArray("assumptions");
            foreach (var assumption in e.Assumptions) json.WriteStringValue(assumption);
            json.WriteEndArray();
        }
        AdviceJsonWriter.WriteWarnings(json, e.Warnings);
        json.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter json, ConditionNode node)
    {
        json.WriteStartObject();
        json.WriteString("kind", Kebab(node.Kind.ToString()));
        if (node.Operator.Length > 0) json.WriteString("operator", node.Operator);
        json.WriteString("text", node.Text);
        json.WriteBoolean("sourceText", node.IsSourceText);
        if (node.Offset is { } offset && node.Length is { } length)
        {
            json.WriteStartObject("span");
            json.WriteNumber("offset", offset);
            json.WriteNumber("length", length);
            json.WriteEndObject();
        }
        if (node.Location is { } location)
        {
            // The file is the condition's; a node only says where in it.
            json.WriteStartObject("location");
            json.WriteNumber("line", location.Line);
            json.WriteNumber("column", location.Column);
            json.WriteEndObject();
        }
        json.WritePropertyName("value");
        WriteValue(json, node.Value);
        if (node.ValueIsUnknownFact) json.WriteBoolean("unknownFact", true);
        if (node.Error is { } error) json.WriteString("error", error);
        json.WriteBoolean("reached", node.Reached);
        if (node.Fact is { } fact)
        {
            json.WriteStartObject("fact");
            json.WriteString("fact", fact.Fact);
            json.WriteString("query", fact.Query);
            json.WriteStartArray("values");
            foreach (var value in fact.Values) json.WriteStringValue(value);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (node.Children.Count > 0)
        {
            json.WriteStartArray("children");
            foreach (var child in node.Children) WriteNode(json, child);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case string s: json.WriteStringValue(s); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            default: json.WriteStringValue(TraceFormat.Value(value)); break;
        }
    }

    private static void WriteInteraction(Utf8JsonWriter json, InteractionTrace trace)
    {
        json.WriteStartObject("interaction");
        json.WriteString("severity", Names.Severity(trace.Severity));
        json.WriteBoolean("sidesMatch", trace.SidesMatch);
        json.WriteBoolean("sameMedicationOnly", trace.SameMedicationOnly);
        foreach (var (name, side) in new[] { ("a", trace.A), ("b", trace.B) })
        {
            json.WriteStartObject(name);
            json.WriteString("label", side.Label);
            WriteStrings(json, "codes", side.Codes);
            WriteStrings(json, "forms", side.Forms);
            json.WriteBoolean("matched", side.Matched);
            json.WriteStartArray("medications");
            foreach (var m in side.Medications)
            {
                json.WriteStartObject();
                json.WriteString("medication", m.Display);
                json.WriteString("code", m.Code);
                json.WriteString("sideCode", m.SideCode);
                json.WriteString("form", m.Form);
                json.WriteString("status", m.Status.ToString().ToLowerInvariant());
                json.WriteBoolean("formAccepted", m.FormAccepted);
                json.WriteBoolean("matched", m.Matched);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteProposalRanking(Utf8JsonWriter json, ProposalRanking p)
    {
        json.WriteStartObject("proposalRanking");
        json.WriteNumber("rank", p.Rank);
        json.WriteNumber("count", p.Count);
        json.WriteString("status", Names.Status(p.Status));
        json.WriteNumber("score", p.Score.Total);
        json.WriteStartObject("scoreBreakdown");
        json.WriteNumber("priority", p.Score.Priority);
        json.WriteNumber("phaseFit", p.Score.PhaseFit);
        json.WriteNumber("preference", p.Score.Preference);
        json.WriteNumber("alertPenalty", p.Score.AlertPenalty);
        json.WriteEndObject();
        json.WriteStartArray("rankedAbove");
        foreach (var above in p.RankedAbove)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", above.Rank);
            json.WriteString("ruleId", above.RuleId);
            json.WriteString("title", above.Title);
            json.WriteString("status", Names.Status(above.Status));
            json.WriteNumber("score", above.Score);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("alerts");
        foreach (var alert in p.Alerts)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", alert.RuleId);
            json.WriteString("title", alert.Title);
            json.WriteString("severity", Names.Severity(alert.Severity));
            json.WriteBoolean("raised", alert.Raised);
            json.WriteString("effect", Kebab(alert.Effect.ToString()));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (p.DeclinedTherapy is { } declined) json.WriteString("declinedTherapy", declined);
        WriteStrings(json, "whyNot", p.WhyNot);
        json.WriteEndObject();
    }

    private static void WriteAlertRanking(Utf8JsonWriter json, AlertRanking a)
    {
        json.WriteStartObject("alertRanking");
        json.WriteNumber("position", a.Position);
        json.WriteNumber("count", a.Count);
        json.WriteString("severity", Names.Severity(a.Severity));
        WriteStrings(json, "codes", a.Codes);
        json.WriteStartArray("rankedAbove");
        foreach (var above in a.RankedAbove)
        {
            json.WriteStartObject();
            json.WriteNumber("position", above.Position);
            json.WriteString("ruleId", above.RuleId);
            json.WriteString("title", above.Title);
            json.WriteString("severity", Names.Severity(above.Severity));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("affects");
        foreach (var affected in a.Affects)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", affected.Rank);
            json.WriteString("ruleId", affected.RuleId);
            json.WriteString("status", Names.Status(affected.Status));
            json.WriteString("effect", Kebab(affected.Effect.ToString()));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter json, string name, SourceLocation location)
    {
        json.WriteStartObject(name);
        json.WriteString("file", location.File);
        json.WriteNumber("line", location.Line);
        json.WriteNumber("column", location.Column);
        json.WriteEndObject();
    }

    private static void WriteDateOrNull(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d) json.WriteString(name, Date(d));
        else json.WriteNull(name);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // NotYetEffective → not-yet-effective: the wire names of enum values.
    private static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) builder.Append('-');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
