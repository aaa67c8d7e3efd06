using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareSequencing.Loading;
using MessageText = CareSequencing.Model.MessageText;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace CareSequencing.Fhir;

/// <summary>
/// Maps a FHIR R4 <see cref="Bundle"/> to a <see cref="PatientContext"/>. Bad or unusable data never
/// throws: every coding or resource that cannot be used becomes an <see cref="AdviceWarning"/> in
/// <see cref="PatientContext.InputWarnings"/>, with a path such as <c>Bundle.entry[3].resource.code.coding[0]</c>.
/// </summary>
/// <remarks>The mapping is documented in the package README (section "FHIR input"). Messages never carry patient values.</remarks>
public static partial class FhirPatientContextMapper
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    /// <summary>Parses FHIR R4 JSON holding a Bundle and maps it.</summary>
    /// <param name="json">The JSON text of a Bundle resource.</param>
    /// <param name="options">Code systems to accept; defaults when <see langword="null"/>.</param>
    /// <exception cref="FhirInputException">The text is not JSON, or not a FHIR Bundle.</exception>
    public static PatientContext FromJson(string json, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        Resource? resource;
        int issues;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            Deserializer.TryDeserializeResource(ref reader, out resource, out var found);
            issues = found?.Count() ?? 0;
        }
        // Fuzzing found the deserializer also failing with IndexOutOfRange, NotSupported (an abstract
        // "Resource" type) and coded validation exceptions on malformed input: all mean "not FHIR R4 JSON".
        catch (Exception e) when (e is JsonException or DeserializationFailedException or FormatException or InvalidOperationException
            or IndexOutOfRangeException or NotSupportedException or ArgumentException or CodedValidationException)
        {
            throw new FhirInputException("The input is not FHIR R4 JSON.", e);
        }
        if (resource is not Bundle bundle)
            throw new FhirInputException(resource is null
                ? "The input is not a FHIR R4 resource."
                : $"The input is a FHIR {resource.TypeName}, not a Bundle.");
        PatientContext context;
        try
        {
            context = FromBundle(bundle, options);
        }
        catch (CodedValidationException e)
        {
            // The lenient deserializer keeps an element of the wrong cardinality (a list where one value
            // belongs); Firely's typed properties throw when read. Found by fuzzing.
            throw new FhirInputException("The input is not FHIR R4 JSON: an element has the wrong number of values.", e);
        }
        if (issues == 0) return context;
        var warning = new AdviceWarning(DiagnosticCodes.PatientUnreadable, "Bundle", new MessageText("fhir.nonconforming", issues));
        return context with { InputWarnings = [warning, .. context.InputWarnings] };
    }

    /// <summary>Maps a Bundle's entries to a patient context.</summary>
    /// <param name="bundle">A Bundle (collection, searchset, document...) about one patient.</param>
    /// <param name="options">Code systems to accept; defaults when <see langword="null"/>.</param>
    public static PatientContext FromBundle(Bundle bundle, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new BundleMapping(bundle, options ?? new FhirMappingOptions()).Map();
    }

    [GeneratedRegex("^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$", RegexOptions.CultureInvariant)]
    internal static partial Regex Icd10Pattern();

    [GeneratedRegex("^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    internal static partial Regex AtcPattern();

    // Reads the raw code: the typed enum getters of Firely throw on a code outside their value set.
    internal static string? Literal(this PrimitiveType? element) => element?.JsonValue as string;

    internal static bool IsTrue(this FhirBoolean? element) => element?.JsonValue is true;

    internal static string At(string path, string member, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}.{member}[{index}]");
}
