using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareSequencing.SampleHost.CdsServices;

/// <summary>A request the host cannot use. The message names fields, never their values: bodies carry patient data.</summary>
/// <param name="message">What is wrong, naming the field.</param>
/// <param name="prefetchKey">The prefetch key at fault, when the problem is a prefetch value.</param>
internal sealed class CdsRequestException(string message, string? prefetchKey = null) : Exception(message)
{
    /// <summary>The prefetch key at fault, or null.</summary>
    public string? PrefetchKey { get; } = prefetchKey;
}

/// <summary>The parts of a CDS Hooks 2.0 service request this host reads.</summary>
/// <param name="Hook">The hook that triggered the call.</param>
/// <param name="HookInstance">The client's id of this call.</param>
/// <param name="Context">The hook context (patientId, draftOrders...).</param>
/// <param name="Prefetch">The prefetched resources by key, when the client sent any.</param>
internal sealed record CdsHooksRequest(string Hook, string HookInstance, JsonObject Context, JsonObject? Prefetch)
{
    // FHIR resources nest deeper than most JSON (contained resources, extensions on extensions).
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <summary>Parses the body.</summary>
    /// <exception cref="CdsRequestException">The body is not JSON, or required members are missing.</exception>
    public static CdsHooksRequest Parse(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
            // The exception text can quote the offending token; it stays out of the response and the logs.
            throw new CdsRequestException("The body is not valid JSON.");
        }
        if (root is not JsonObject request) throw new CdsRequestException("The body must be a JSON object.");
        var hook = String(request, "hook") ?? throw new CdsRequestException("'hook' is missing.");
        var hookInstance = String(request, "hookInstance") ?? throw new CdsRequestException("'hookInstance' is missing.");
        if (request["context"] is not JsonObject context) throw new CdsRequestException("'context' must be an object.");
        var prefetch = request["prefetch"] switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new CdsRequestException("'prefetch' must be an object."),
        };
        return new CdsHooksRequest(hook, hookInstance, context, prefetch);
    }

    private static string? String(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
