using System.Text.Json.Nodes;
using CareSequencing.SampleHost.CdsServices;

namespace CareSequencing.SampleHost.Prefetch;

/// <summary>The prefetch merged into one FHIR Bundle, or the required keys the client did not answer.</summary>
/// <param name="Bundle">A collection Bundle with every prefetched resource, in template order.</param>
/// <param name="Missing">Required keys that were absent, null, or an OperationOutcome (the client could not fetch them).</param>
/// <param name="Skipped">Optional keys that were not answered.</param>
internal sealed record PrefetchBundleResult(JsonObject Bundle, IReadOnlyList<string> Missing, IReadOnlyList<string> Skipped);

/// <summary>Merges the prefetch of a CDS Hooks request into one Bundle for <c>FhirPatientContextMapper</c>.</summary>
internal static class PrefetchBundle
{
    /// <summary>
    /// Reads each template key in template order (not request order, so the same data always maps the
    /// same way). A value may be a single resource or a Bundle (a searchset); Bundle entries are
    /// copied with their <c>fullUrl</c>, so references such as <c>Medication/123</c> still resolve.
    /// Keys the service did not ask for are ignored.
    /// </summary>
    /// <exception cref="CdsRequestException">A prefetch value is not a FHIR resource.</exception>
    public static PrefetchBundleResult Build(JsonObject? prefetch, IReadOnlyList<PrefetchTemplate> templates)
    {
        var entries = new JsonArray();
        var missing = new List<string>();
        var skipped = new List<string>();
        foreach (var template in templates)
        {
            var value = prefetch?[template.Key];
            if (value is null || ResourceType(value, template.Key) == "OperationOutcome")
            {
                (template.Required ? missing : skipped).Add(template.Key);
                continue;
            }
            if (ResourceType(value, template.Key) != "Bundle")
            {
                entries.Add(new JsonObject { ["resource"] = value.DeepClone() });
                continue;
            }
            if (value["entry"] is not JsonArray bundleEntries) continue; // an empty search result
            foreach (var entry in bundleEntries)
            {
                // A searchset may carry an OperationOutcome about the search itself: not patient data.
                if (entry?["search"]?["mode"]?.GetValue<string>() == "outcome") continue;
                if (entry?["resource"] is not { } resource) continue;
                var copy = new JsonObject();
                if (entry["fullUrl"] is { } fullUrl) copy["fullUrl"] = fullUrl.DeepClone();
                copy["resource"] = resource.DeepClone();
                entries.Add(copy);
            }
        }
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = entries };
        return new PrefetchBundleResult(bundle, missing, skipped);
    }

    private static string ResourceType(JsonNode value, string key) =>
        value is JsonObject o && o["resourceType"] is JsonValue v && v.TryGetValue<string>(out var type)
            ? type
            : throw new CdsRequestException($"prefetch.{key} is not a FHIR resource.");
}
