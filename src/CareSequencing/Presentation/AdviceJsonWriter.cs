using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CareSequencing.Presentation;

/// <summary>
/// Writes an <see cref="Advice"/> as the JSON contract other tools rely on (camelCase, fixed
/// property order, invariant formats): the same advice always gives byte-identical JSON.
/// </summary>
public static class AdviceJsonWriter
{
    /// <summary>Serialises the advice.</summary>
    /// <param name="advice">The advice.</param>
    /// <returns>Indented JSON, LF line endings.</returns>
    public static string Write(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        return DeterministicJson.Write(json => WriteAdvice(json, advice));
    }

    private static void WriteAdvice(Utf8JsonWriter json, Advice advice)
    {
        json.WriteStartObject();
        json.WriteString("patientId", advice.PatientId);
        json.WriteString("evaluatedAt", advice.EvaluatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("asOf", advice.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("language", advice.Language);
        json.WriteStartArray("packs");
        foreach (var pack in advice.Packs) WritePack(json, pack);
        json.WriteEndArray();

        json.WriteStartArray("proposals");
        foreach (var proposal in advice.Proposals)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", proposal.Rank);
            json.WriteString("ruleId", proposal.RuleId);
            json.WriteString("family", Names.Family(proposal.Family));
            json.WriteString("action", proposal.Action);
            if (proposal.Therapy is not null) json.WriteString("therapy", proposal.Therapy);
            json.WriteString("status", Names.Status(proposal.Status));
            json.WriteString("title", proposal.Title);
            json.WriteNumber("score", (double)proposal.Score.Total);
            json.WriteStartObject("scoreBreakdown");
            json.WriteNumber("priority", proposal.Score.Priority);
            json.WriteNumber("phaseFit", proposal.Score.PhaseFit);
            json.WriteNumber("preference", proposal.Score.Preference);
            json.WriteNumber("alertPenalty", proposal.Score.AlertPenalty);
            json.WriteEndObject();
            WriteExplanation(json, proposal.Explanation);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("alerts");
        foreach (var alert in advice.Alerts)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", alert.RuleId);
            json.WriteString("family", Names.Family(alert.Family));
            json.WriteString("severity", Names.Severity(alert.Severity));
            json.WriteStartArray("codes");
            foreach (var code in alert.Codes) json.WriteStringValue(code);
            json.WriteEndArray();
            json.WriteString("title", alert.Title);
            json.WriteString("management", alert.Management);
            if (alert.Merged.Count > 0)
            {
                json.WriteStartArray("merged");
                foreach (var m in alert.Merged)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", m.RuleId);
                    json.WriteString("pack", m.Pack.ToString());
                    json.WriteString("severity", Names.Severity(m.Severity));
                    json.WriteString("title", m.Title);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            WriteExplanation(json, alert.Explanation);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        WriteWarnings(json, advice.Warnings);
        // Only when something was not checked, so that advice read whole keeps its exact bytes.
        if (advice.Unchecked.Count > 0)
        {
            json.WriteStartArray("unchecked");
            foreach (var code in advice.Unchecked)
            {
                json.WriteStartObject();
                json.WriteString("kind", code.Kind == UncheckedCodeKind.Medication ? "medication" : "condition");
                json.WriteString("system", code.System);
                json.WriteString("code", code.Code);
                if (code.Display is not null) json.WriteString("display", code.Display);
                if (code.Path is not null) json.WriteString("path", code.Path);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        // Only when a rule failed, so that advice without faults keeps its exact bytes.
        if (advice.Faults.Count > 0)
        {
            json.WriteStartArray("faults");
            foreach (var fault in advice.Faults)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", fault.RuleId);
                json.WriteString("pack", fault.Pack.ToString());
                json.WriteString("packSha256", fault.Pack.Sha256);
                json.WriteString("kind", RuleFault.Name(fault.Kind));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>The <c>warnings</c> array, shared with the rule explanations of the authoring tools.</summary>
    internal static void WriteWarnings(Utf8JsonWriter json, IEnumerable<AdviceWarning> warnings)
    {
        json.WriteStartArray("warnings");
        foreach (var warning in warnings)
        {
            json.WriteStartObject();
            json.WriteString("code", warning.Code);
            json.WriteString("path", warning.Path);
            json.WriteString("message", warning.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WritePack(Utf8JsonWriter json, PackReference pack)
    {
        json.WriteStartObject();
        json.WriteString("id", pack.Id);
        json.WriteString("version", pack.Version);
        json.WriteString("sha256", pack.Sha256);
        json.WriteString("releaseDate", pack.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static void WriteExplanation(Utf8JsonWriter json, Explanation explanation)
    {
        json.WriteStartObject("explanation");
        json.WriteString("ruleId", explanation.RuleId);
        json.WriteString("ruleTitle", explanation.RuleTitle);
        json.WriteString("pack", explanation.Pack.ToString());
        json.WriteString("packReleaseDate", explanation.Pack.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("text", explanation.Text);
        var attributes = explanation.Attributes;
        json.WriteStartObject("attributes");
        json.WriteString("developer", attributes.Developer);
        if (attributes.Funding is not null) json.WriteString("funding", attributes.Funding);
        json.WriteString("releaseDate", attributes.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("revisionDate", attributes.RevisionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteStartArray("matchedFacts");
        foreach (var fact in explanation.MatchedFacts)
        {
            json.WriteStartObject();
            json.WriteString("fact", fact.Fact);
            json.WriteString("query", fact.Query);
            json.WriteStartArray("values");
            foreach (var value in fact.Values) json.WriteStringValue(value);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("sources");
        foreach (var source in explanation.Sources)
        {
            json.WriteStartObject();
            json.WriteString("citation", source.Citation);
            if (source.Url is not null) json.WriteString("url", source.Url);
            if (source.Publisher is not null) json.WriteString("publisher", source.Publisher);
            if (source.Year is not null) json.WriteNumber("year", source.Year.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (explanation.Assumptions.Count > 0)
        {
            json.WriteStartArray("assumptions");
            foreach (var assumption in explanation.Assumptions) json.WriteStringValue(assumption);
            json.WriteEndArray();
        }
        if (explanation.WhyNot.Count > 0)
        {
            json.WriteStartArray("whyNot");
            foreach (var reason in explanation.WhyNot) json.WriteStringValue(reason);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}

/// <summary>The wire names of enum values (kebab case), shared by every output format.</summary>
public static class Names
{
    /// <summary><c>sequencing</c>, <c>compatibility</c>, <c>double-diagnosis</c> or <c>interaction</c>.</summary>
    /// <param name="family">The family.</param>
    /// <returns>Its wire name.</returns>
    public static string Family(RuleFamily family) => family switch
    {
        RuleFamily.Sequencing => "sequencing",
        RuleFamily.Compatibility => "compatibility",
        RuleFamily.DoubleDiagnosis => "double-diagnosis",
        RuleFamily.Interaction => "interaction",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    /// <summary><c>contraindicated</c>, <c>major</c>, <c>moderate</c> or <c>minor</c>.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>Its wire name.</returns>
    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Contraindicated => "contraindicated",
        AlertSeverity.Major => "major",
        AlertSeverity.Moderate => "moderate",
        AlertSeverity.Minor => "minor",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    /// <summary><c>proposed</c>, <c>blocked</c> or <c>declined</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its wire name.</returns>
    public static string Status(ProposalStatus status) => status switch
    {
        ProposalStatus.Proposed => "proposed",
        ProposalStatus.Blocked => "blocked",
        ProposalStatus.Declined => "declined",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
