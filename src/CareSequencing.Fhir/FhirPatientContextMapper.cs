using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareSequencing.Loading;
using MessageText = CareSequencing.Model.MessageText;
using CareSequencing.Fhir.Terminology;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
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
    /// <param name="options">Code systems to accept and size limits; defaults when <see langword="null"/>.</param>
    /// <exception cref="FhirInputException">The text is not JSON, not a FHIR Bundle, or crosses a limit of <paramref name="options"/>.</exception>
    public static PatientContext FromJson(string json, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= new FhirMappingOptions();
        options.Validate();
        var bundle = Parse(json, options, out var issues);
        return WithIssues(Map(bundle, options, null), issues);
    }

    /// <summary>
    /// Parses FHIR R4 JSON holding a Bundle and maps it, awaiting the translators of
    /// <see cref="FhirMappingOptions.Translators"/> (use this with a terminology server).
    /// </summary>
    /// <param name="json">The JSON text of a Bundle resource.</param>
    /// <param name="options">Code systems, translators and size limits; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the translations.</param>
    /// <exception cref="FhirInputException">The text is not JSON, not a FHIR Bundle, or crosses a limit of <paramref name="options"/>.</exception>
    public static async Task<PatientContext> FromJsonAsync(string json, FhirMappingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= new FhirMappingOptions();
        options.Validate();
        var bundle = Parse(json, options, out var issues);
        var terminology = await PrefetchAsync(bundle, options, cancellationToken).ConfigureAwait(false);
        return WithIssues(Map(bundle, options, terminology), issues);
    }

    /// <summary>Maps a Bundle's entries to a patient context, awaiting the translators of <see cref="FhirMappingOptions.Translators"/>.</summary>
    /// <param name="bundle">A Bundle about one patient.</param>
    /// <param name="options">Code systems, translators and the entry limit; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the translations.</param>
    /// <exception cref="FhirInputException">The Bundle has more entries than <see cref="FhirMappingOptions.MaxEntries"/>.</exception>
    public static async Task<PatientContext> FromBundleAsync(Bundle bundle, FhirMappingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        options ??= new FhirMappingOptions();
        options.Validate();
        if (bundle.Entry.Count > options.MaxEntries) throw TooManyEntries(options);
        var terminology = await PrefetchAsync(bundle, options, cancellationToken).ConfigureAwait(false);
        return Map(bundle, options, terminology);
    }

    // A first pass records which codings need translating; they are awaited; the real pass then reads them from memory.
    private static async Task<TerminologyLookup?> PrefetchAsync(Bundle bundle, FhirMappingOptions options, CancellationToken cancellationToken)
    {
        if (options.Translators.Count == 0) return null;
        var recorder = new TerminologyLookup(options.Translators, recordOnly: true);
        Map(bundle, options, recorder);
        var terminology = new TerminologyLookup(options.Translators);
        await terminology.PrefetchAsync(recorder.Recorded, cancellationToken).ConfigureAwait(false);
        return terminology;
    }

    /// <summary>Non-conformance warnings shown with their element path, at most this many; the rest are counted in one more.</summary>
    private const int MaxIssuesShown = 5;

    /// <summary>
    /// The parser's issues as warnings naming the element path (<c>Bundle.entry[0].resource.gender</c>) and the
    /// parser's issue code; never its message, which can quote the patient's value.
    /// </summary>
    private static PatientContext WithIssues(PatientContext context, IReadOnlyList<CodedException> issues)
    {
        if (issues.Count == 0) return context;
        var warnings = new List<AdviceWarning>(Math.Min(issues.Count, MaxIssuesShown + 1));
        for (var i = 0; i < issues.Count && i < MaxIssuesShown; i++)
        {
            var path = issues[i] is ExtendedCodedException { InstancePath: { Length: > 0 } at } ? at : "Bundle";
            warnings.Add(new AdviceWarning(DiagnosticCodes.PatientUnreadable, path, new MessageText("fhir.nonconforming-at", issues[i].ErrorCode)));
        }
        if (issues.Count > MaxIssuesShown)
            warnings.Add(new AdviceWarning(DiagnosticCodes.PatientUnreadable, "Bundle", new MessageText("fhir.nonconforming-more", issues.Count - MaxIssuesShown)));
        return context with { InputWarnings = [.. warnings, .. context.InputWarnings] };
    }

    private static PatientContext Map(Bundle bundle, FhirMappingOptions options, TerminologyLookup? terminology)
    {
        try
        {
            return new BundleMapping(bundle, options, terminology).Map();
        }
        catch (CodedValidationException e)
        {
            // The lenient deserializer keeps an element of the wrong cardinality (a list where one value
            // belongs); Firely's typed properties throw when read. Found by fuzzing.
            throw new FhirInputException("The input is not FHIR R4 JSON: an element has the wrong number of values.", e);
        }
    }

    private static Bundle Parse(string json, FhirMappingOptions options, out IReadOnlyList<CodedException> issues)
    {
        var resource = ParseJson(json, options, out issues);
        return resource as Bundle
            ?? throw new FhirInputException($"The input is a FHIR {resource.TypeName}, not a Bundle (FhirPatientContextMapper.Read reads a single resource).");
    }

    private static Resource ParseJson(string json, FhirMappingOptions options, out IReadOnlyList<CodedException> issues)
    {
        CheckSize(json, options);
        var bytes = Encoding.UTF8.GetBytes(json);
        CheckShape(bytes, options);
        Resource? resource;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = Math.Min(options.MaxDepth, int.MaxValue - 1) + 1 });
            Deserializer.TryDeserializeResource(ref reader, out resource, out var found);
            issues = found is null ? [] : [.. found];
        }
        // Fuzzing found the deserializer also failing with IndexOutOfRange, NotSupported (an abstract
        // "Resource" type) and coded validation exceptions on malformed input: all mean "not FHIR R4 JSON".
        catch (Exception e) when (e is JsonException or DeserializationFailedException or FormatException or InvalidOperationException
            or IndexOutOfRangeException or NotSupportedException or ArgumentException or CodedValidationException)
        {
            throw new FhirInputException(e is JsonException { LineNumber: { } line, BytePositionInLine: { } column }
                ? string.Create(CultureInfo.InvariantCulture, $"The input is not FHIR R4 JSON: invalid JSON at line {line + 1}, byte {column + 1} of the line.")
                : "The input is not FHIR R4 JSON.", e);
        }
        return resource ?? throw new FhirInputException("The input is not a FHIR R4 resource.");
    }

    private static void CheckSize(string text, FhirMappingOptions options)
    {
        // Characters first: cheap, and a UTF-16 unit is at least one UTF-8 byte.
        if (text.Length > options.MaxBundleBytes || Encoding.UTF8.GetByteCount(text) > options.MaxBundleBytes)
            throw new FhirInputException(string.Create(CultureInfo.InvariantCulture,
                $"The input is larger than {options.MaxBundleBytes} bytes (FhirMappingOptions.MaxBundleBytes; the CLI raises it with --max-bundle-bytes)."));
    }

    /// <summary>Maps a Bundle's entries to a patient context.</summary>
    /// <param name="bundle">A Bundle (collection, searchset, document...) about one patient.</param>
    /// <param name="options">Code systems to accept and the entry limit; defaults when <see langword="null"/>.</param>
    /// <exception cref="FhirInputException">The Bundle has more entries than <see cref="FhirMappingOptions.MaxEntries"/>.</exception>
    public static PatientContext FromBundle(Bundle bundle, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        options ??= new FhirMappingOptions();
        options.Validate();
        if (bundle.Entry.Count > options.MaxEntries) throw TooManyEntries(options);
        return Map(bundle, options, null);
    }

    /// <summary>
    /// One pass of the JSON reader before the FHIR deserialiser: nesting deeper than <see cref="FhirMappingOptions.MaxDepth"/>
    /// or more than <see cref="FhirMappingOptions.MaxEntries"/> items in the root's <c>entry</c> array is refused before
    /// any resource is built. Syntax errors are left to the deserialiser, which reports them as it always has.
    /// </summary>
    private static void CheckShape(byte[] bytes, FhirMappingOptions options)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = Math.Min(options.MaxDepth, int.MaxValue - 1) + 1 });
        var entries = 0;
        var inEntries = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        inEntries = reader.ValueTextEquals("entry"u8);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= options.MaxDepth:
                        throw new FhirInputException(string.Create(CultureInfo.InvariantCulture,
                            $"The input nests deeper than {options.MaxDepth} levels (FhirMappingOptions.MaxDepth; the CLI raises it with --max-bundle-depth)."));
                }
                if (inEntries && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName)
                    && ++entries > options.MaxEntries)
                    throw TooManyEntries(options);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the deserialiser below says so.
        }
    }

    private static FhirInputException TooManyEntries(FhirMappingOptions options) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The Bundle has more than {options.MaxEntries} entries (FhirMappingOptions.MaxEntries; the CLI raises it with --max-bundle-entries)."));

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
