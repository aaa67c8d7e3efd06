using Hl7.Fhir.Model;

namespace CareSequencing.Fhir;

/// <summary>
/// The bundle's resources by <c>fullUrl</c> and by <c>Type/id</c>, built once per mapping run, so that
/// resolving a reference costs a lookup and not a scan of the bundle (which made large bundles quadratic).
/// </summary>
internal sealed class ReferenceIndex
{
    private readonly Dictionary<string, Resource> _resources;

    public ReferenceIndex(Bundle bundle)
    {
        _resources = new Dictionary<string, Resource>(bundle.Entry.Count * 2, StringComparer.Ordinal);
        foreach (var entry in bundle.Entry)
        {
            var resource = entry.Resource;
            if (resource is null) continue;
            // The first entry wins on a duplicate, as the first Patient does.
            if (!string.IsNullOrEmpty(entry.FullUrl)) _resources.TryAdd(WithoutHistory(entry.FullUrl), resource);
            if (!string.IsNullOrEmpty(resource.Id)) _resources.TryAdd(resource.TypeName + "/" + resource.Id, resource);
        }
    }

    /// <summary>
    /// The resource a reference names: <c>#id</c> among the owner's contained resources, else a bundled resource by
    /// its <c>fullUrl</c> (<c>urn:uuid:...</c>, an absolute URL) or by <c>Type/id</c>; <see langword="null"/> when it is not here.
    /// </summary>
    public Resource? Resolve(DomainResource owner, string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        if (reference[0] == '#') return Contained(owner, reference.AsSpan(1));
        var key = WithoutHistory(reference);
        if (_resources.TryGetValue(key, out var resource)) return resource;
        // An absolute URL whose fullUrl the bundle does not give: the bundled resource of that type and id.
        return key.Contains("://", StringComparison.Ordinal) && RelativeTail(key) is { } tail && _resources.TryGetValue(tail, out resource) ? resource : null;
    }

    internal static Resource? Contained(DomainResource owner, ReadOnlySpan<char> id)
    {
        foreach (var contained in owner.Contained)
        {
            if (id.SequenceEqual(contained.Id)) return contained;
        }
        return null;
    }

    /// <summary>A reference without its <c>/_history/version</c> part: a version names the same resource.</summary>
    internal static string WithoutHistory(string reference)
    {
        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        return history < 0 ? reference : reference[..history];
    }

    /// <summary>The last two segments of a URL (<c>Patient/123</c> of <c>https://host/fhir/Patient/123</c>), when it has them.</summary>
    internal static string? RelativeTail(string url)
    {
        var last = url.LastIndexOf('/');
        if (last <= 0 || last == url.Length - 1) return null;
        var previous = url.LastIndexOf('/', last - 1);
        return previous < 0 ? null : url[(previous + 1)..];
    }
}
