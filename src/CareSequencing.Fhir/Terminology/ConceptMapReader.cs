using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace CareSequencing.Fhir.Terminology;

/// <summary>Reads ConceptMap JSON strictly: a typo or an R5 element must fail with its line and column, not be skipped.</summary>
internal static class ConceptMapReader
{
    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    /// <summary>The ConceptMaps of one JSON text: a ConceptMap, or a Bundle whose entries are ConceptMaps.</summary>
    /// <exception cref="ConceptMapException">Not JSON, not FHIR R4, or neither a ConceptMap nor a Bundle of them.</exception>
    public static List<ConceptMap> Read(string json, string? file)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Resource? resource;
        IEnumerable<CodedException>? issues;
        try
        {
            Strict.TryDeserializeResource(ref reader, out resource, out issues);
        }
        catch (JsonException e)
        {
            // The reader counts lines and bytes from 0.
            throw new ConceptMapException(file, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, "not valid JSON: " + Reason(e.Message), e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NotSupportedException or ArgumentException or DeserializationFailedException)
        {
            throw new ConceptMapException(file, null, null, "not a FHIR R4 resource in JSON.", e);
        }
        var first = issues?.FirstOrDefault();
        if (first is not null)
        {
            var at = first as ExtendedCodedException;
            throw new ConceptMapException(file, (int?)at?.LineNumber, (int?)at?.Position,
                $"not a valid FHIR R4 {resource?.TypeName ?? "resource"}: {at?.BaseErrorMessage ?? first.Message}", first);
        }
        return resource switch
        {
            ConceptMap map => [map],
            Bundle bundle => FromBundle(bundle, file),
            null => throw new ConceptMapException(file, null, null, "not a FHIR R4 resource in JSON."),
            _ => throw new ConceptMapException(file, null, null, $"a FHIR {resource.TypeName}, not a ConceptMap or a Bundle of ConceptMaps."),
        };
    }

    /// <summary>The ConceptMaps of a Bundle; any other entry is refused, since a map left out would be a silent gap.</summary>
    public static List<ConceptMap> FromBundle(Bundle bundle, string? file)
    {
        var maps = new List<ConceptMap>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            switch (bundle.Entry[i].Resource)
            {
                case ConceptMap map: maps.Add(map); break;
                case null: throw new ConceptMapException(file, null, null, FormattableString.Invariant($"Bundle.entry[{i}] has no resource."));
                case var other: throw new ConceptMapException(file, null, null, FormattableString.Invariant($"Bundle.entry[{i}] is a {other.TypeName}, not a ConceptMap."));
            }
        }
        return maps;
    }

    // System.Text.Json appends its own "LineNumber: 3 | BytePositionInLine: 2." (0-based): the exception says it once, from 1.
    private static string Reason(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
