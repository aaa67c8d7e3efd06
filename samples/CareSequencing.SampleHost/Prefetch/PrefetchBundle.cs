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
    /// <remarks>
    /// Every resource must be of a type the key's query returns (<see cref="PrefetchTemplate.ResourceTypes"/>):
    /// a <c>FooBar</c> under <c>medicationStatements</c>, or a Bundle of Observations there, would map to
    /// no medication at all, and the interaction check would answer as if there were none. Such a key,
    /// required or optional, is refused with 400 naming the key (and the entry), never its values.
    /// </remarks>
    /// <exception cref="CdsRequestException">A prefetch value is not a FHIR resource, or not of the key's types.</exception>
    public static PrefetchBundleResult Build(JsonObject? prefetch, IReadOnlyList<PrefetchTemplate> templates)
    {
        var entries = new JsonArray();
        var missing = new List<string>();
        var skipped = new List<string>();
        foreach (var template in templates)
        {
            var key = template.Key;
            var value = prefetch?[key];
            var type = value is null ? null : ResourceType(value, key, $"prefetch.{key} is not a FHIR resource (an object with a 'resourceType').");
            if (value is null || type == "OperationOutcome")
            {
                (template.Required ? missing : skipped).Add(key);
                continue;
            }
            var expected = string.Join(" or ", template.ResourceTypes);
            if (type != "Bundle")
            {
                if (!template.ResourceTypes.Contains(type!, StringComparer.Ordinal))
                    throw new CdsRequestException($"prefetch.{key} must be a {expected} resource or a Bundle of them; it is another resource type.", key);
                entries.Add(new JsonObject { ["resource"] = value.DeepClone() });
                continue;
            }
            switch (value["entry"])
            {
                case null: continue; // an empty search result
                case JsonArray bundleEntries:
                    for (var i = 0; i < bundleEntries.Count; i++) AddEntry(entries, bundleEntries[i], template, i, expected);
                    break;
                default:
                    throw new CdsRequestException($"prefetch.{key}.entry must be an array.", key);
            }
        }
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = entries };
        return new PrefetchBundleResult(bundle, missing, skipped);
    }

    private static void AddEntry(JsonArray entries, JsonNode? entry, PrefetchTemplate template, int index, string expected)
    {
        var key = template.Key;
        var where = $"prefetch.{key}.entry[{index}]";
        if (entry is not JsonObject entryObject) throw new CdsRequestException($"{where} must be an object.", key);
        // A searchset may carry an OperationOutcome about the search itself: not patient data.
        if (entryObject["search"] is JsonObject search && search["mode"] is JsonValue mode && mode.TryGetValue<string>(out var m) && m == "outcome") return;
        if (entryObject["resource"] is not { } resource) throw new CdsRequestException($"{where} has no 'resource'.", key);
        var type = ResourceType(resource, key, $"{where}.resource is not a FHIR resource (an object with a 'resourceType').");
        if (!template.ResourceTypes.Contains(type, StringComparer.Ordinal))
            throw new CdsRequestException($"{where}.resource must be a {expected}; it is another resource type.", key);
        var copy = new JsonObject();
        if (entryObject["fullUrl"] is { } fullUrl) copy["fullUrl"] = fullUrl.DeepClone();
        copy["resource"] = resource.DeepClone();
        entries.Add(copy);
    }

    private static string ResourceType(JsonNode value, string key, string message) =>
        value is JsonObject o && o["resourceType"] is JsonValue v && v.TryGetValue<string>(out var type) && type.Length > 0
            ? type
            : throw new CdsRequestException(message, key);
}
