using System.Globalization;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace CareSequencing.Fhir;

// Input as it comes: FHIR XML as well as JSON, and a single resource as well as a Bundle.
public static partial class FhirPatientContextMapper
{
    /// <summary>The namespace of every FHIR XML element.</summary>
    internal const string XmlNamespace = "http://hl7.org/fhir";

    private static readonly FhirXmlDeserializer XmlDeserializer = new(new DeserializerSettings());

    /// <summary>Parses FHIR R4 XML holding a Bundle and maps it.</summary>
    /// <param name="xml">The XML text of a Bundle resource (root element <c>Bundle</c> in the namespace <c>http://hl7.org/fhir</c>).</param>
    /// <param name="options">Code systems to accept and size limits (bytes, entries, element depth); defaults when <see langword="null"/>.</param>
    /// <exception cref="FhirInputException">The text is not well-formed XML, not a FHIR Bundle, has a DTD, or crosses a limit of <paramref name="options"/>.</exception>
    public static PatientContext FromXml(string xml, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        options ??= new FhirMappingOptions();
        options.Validate();
        var bundle = AsBundle(ParseXml(xml, options, out var issues));
        return WithIssues(Map(bundle, options, null), issues);
    }

    /// <summary>
    /// Parses FHIR R4 XML holding a Bundle and maps it, awaiting the translators of
    /// <see cref="FhirMappingOptions.Translators"/> (use this with a terminology server).
    /// </summary>
    /// <param name="xml">The XML text of a Bundle resource.</param>
    /// <param name="options">Code systems, translators and size limits; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the translations.</param>
    /// <exception cref="FhirInputException">The text is not well-formed XML, not a FHIR Bundle, has a DTD, or crosses a limit of <paramref name="options"/>.</exception>
    public static async Task<PatientContext> FromXmlAsync(string xml, FhirMappingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        options ??= new FhirMappingOptions();
        options.Validate();
        var bundle = AsBundle(ParseXml(xml, options, out var issues));
        var terminology = await PrefetchAsync(bundle, options, cancellationToken).ConfigureAwait(false);
        return WithIssues(Map(bundle, options, terminology), issues);
    }

    /// <summary>
    /// Reads FHIR R4 text as it comes: JSON or XML (told apart by content, never by a file name), a Bundle of any type
    /// or a single resource (a Patient, a MedicationRequest, a Condition...), which is read as a collection Bundle
    /// holding it. The result says what was read.
    /// </summary>
    /// <param name="text">FHIR R4 JSON (an object with a <c>resourceType</c>) or XML (a root element in the namespace <c>http://hl7.org/fhir</c>).</param>
    /// <param name="options">Code systems and size limits, the same for both formats; defaults when <see langword="null"/>.</param>
    /// <returns>The patient context and a description of the input.</returns>
    /// <exception cref="FhirInputException">The text is neither FHIR R4 JSON nor FHIR R4 XML, or crosses a limit of <paramref name="options"/>.</exception>
    public static FhirReadResult Read(string text, FhirMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new FhirMappingOptions();
        options.Validate();
        var (resource, format, issues) = ParseAny(text, options);
        var bundle = Wrap(resource);
        return Describe(Unwrap(WithIssues(Map(bundle, options, null), issues), resource), resource, format);
    }

    /// <summary>
    /// Reads FHIR R4 text as <see cref="Read"/> does, awaiting the translators of <see cref="FhirMappingOptions.Translators"/>
    /// (use this with a terminology server).
    /// </summary>
    /// <param name="text">FHIR R4 JSON or XML: a Bundle or a single resource.</param>
    /// <param name="options">Code systems, translators and size limits; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the translations.</param>
    /// <returns>The patient context and a description of the input.</returns>
    /// <exception cref="FhirInputException">The text is neither FHIR R4 JSON nor FHIR R4 XML, or crosses a limit of <paramref name="options"/>.</exception>
    public static async Task<FhirReadResult> ReadAsync(string text, FhirMappingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new FhirMappingOptions();
        options.Validate();
        var (resource, format, issues) = ParseAny(text, options);
        var bundle = Wrap(resource);
        var terminology = await PrefetchAsync(bundle, options, cancellationToken).ConfigureAwait(false);
        return Describe(Unwrap(WithIssues(Map(bundle, options, terminology), issues), resource), resource, format);
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a FHIR R4 resource type that can be sent (<c>Patient</c>, <c>Bundle</c>...);
    /// the abstract <c>Resource</c> and <c>DomainResource</c> are not.
    /// </summary>
    internal static bool IsResourceType(string name) =>
        name is not ("Resource" or "DomainResource") && ModelInfo.IsKnownResource(name)
        // Firely's lookup ignores case; FHIR names do not ("patient" is not a resource type).
        && ModelInfo.FhirTypeNameToResourceType(name) is { } type && string.Equals(ModelInfo.ResourceTypeToFhirTypeName(type), name, StringComparison.Ordinal);

    private static (Resource Resource, FhirFormat Format, IReadOnlyList<CodedException> Issues) ParseAny(string text, FhirMappingOptions options)
    {
        switch (FirstSignificant(text))
        {
            case '<':
                return (ParseXml(text, options, out var xmlIssues), FhirFormat.Xml, xmlIssues);
            case '{':
                CheckSize(text, options);
                CheckResourceType(text);
                return (ParseJson(text, options, out var jsonIssues), FhirFormat.Json, jsonIssues);
            default:
                CheckSize(text, options);
                throw new FhirInputException("The input is neither FHIR JSON (an object) nor FHIR XML (an element).");
        }
    }

    /// <summary>
    /// The lenient deserialiser makes something of any object, even one without a <c>resourceType</c> or with a name
    /// FHIR does not know: both are refused here. Syntax errors are left to the deserialiser; the type is not echoed.
    /// </summary>
    private static void CheckResourceType(string json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new System.Text.Json.JsonReaderOptions { MaxDepth = 1 << 20 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("resourceType"u8))
                {
                    reader.Read();
                    if (reader.TokenType == System.Text.Json.JsonTokenType.String && IsResourceType(reader.GetString()!)) return;
                    throw new FhirInputException("The input's resourceType is not a FHIR R4 resource type.");
                }
                if (reader.CurrentDepth >= 1 && reader.TokenType is System.Text.Json.JsonTokenType.StartObject or System.Text.Json.JsonTokenType.StartArray) reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }
        throw new FhirInputException("The input has no resourceType: it is not a FHIR resource.");
    }

    /// <summary>The first character that is not white space or a byte order mark; '\0' for none.</summary>
    internal static char FirstSignificant(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF') return c;
        }
        return '\0';
    }

    private static Bundle AsBundle(Resource resource) => resource as Bundle
        ?? throw new FhirInputException($"The input is a FHIR {resource.TypeName}, not a Bundle (FhirPatientContextMapper.Read reads a single resource).");

    // A single resource is read as the only entry of a collection Bundle: one mapping, whatever came.
    private static Bundle Wrap(Resource resource) => resource as Bundle
        ?? new Bundle { Type = Bundle.BundleType.Collection, Entry = { new Bundle.EntryComponent { Resource = resource } } };

    // Paths then name the resource that was sent, not the Bundle it was wrapped in.
    private static PatientContext Unwrap(PatientContext context, Resource resource)
    {
        if (resource is Bundle) return context;
        const string Prefix = "Bundle.entry[0].resource";
        string Rename(string path) => path.StartsWith(Prefix, StringComparison.Ordinal) ? resource.TypeName + path[Prefix.Length..]
            : path == "Bundle" ? resource.TypeName : path;
        return context with
        {
            InputWarnings = [.. context.InputWarnings.Select(w => w with { Path = Rename(w.Path) })],
            Unchecked = [.. context.Unchecked.Select(u => u.Path is null ? u : u with { Path = Rename(u.Path) })],
        };
    }

    private static FhirReadResult Describe(PatientContext context, Resource resource, FhirFormat format) =>
        resource is Bundle bundle
            ? new FhirReadResult(context, format, resource.TypeName, bundle.TypeElement.Literal(), bundle.Entry.Count)
            : new FhirReadResult(context, format, resource.TypeName, null, 0);

    private static Resource ParseXml(string xml, FhirMappingOptions options, out IReadOnlyList<CodedException> issues)
    {
        CheckSize(xml, options);
        CheckXmlShape(xml, options);
        Resource? resource;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SafeXml(options));
            XmlDeserializer.TryDeserializeResource(reader, out resource, out var found);
            issues = found is null ? [] : [.. found];
        }
        catch (Exception e) when (e is XmlException or DeserializationFailedException or FormatException or InvalidOperationException
            or IndexOutOfRangeException or NotSupportedException or ArgumentException or CodedValidationException or CodedException)
        {
            throw new FhirInputException("The input is not FHIR R4 XML.", e);
        }
        return resource ?? throw new FhirInputException("The input is not a FHIR R4 resource.");
    }

    /// <summary>
    /// One pass of an XML reader before the FHIR deserialiser, as <see cref="CheckShape"/> does for JSON: well-formed,
    /// no DTD (no entity can expand), the root in the FHIR namespace, elements no deeper than
    /// <see cref="FhirMappingOptions.MaxDepth"/> and at most <see cref="FhirMappingOptions.MaxEntries"/> <c>entry</c> elements under the root.
    /// </summary>
    /// <remarks>Messages give a position, never the document's text: an XML error message may quote it.</remarks>
    private static void CheckXmlShape(string xml, FhirMappingOptions options)
    {
        using var reader = XmlReader.Create(new StringReader(xml), SafeXml(options));
        var entries = 0;
        var rootSeen = false;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (!rootSeen)
                {
                    rootSeen = true;
                    if (reader.NamespaceURI != XmlNamespace)
                        throw new FhirInputException("The XML root element is not in the FHIR namespace (http://hl7.org/fhir).");
                }
                if (reader.Depth >= options.MaxDepth)
                    throw new FhirInputException(string.Create(CultureInfo.InvariantCulture,
                        $"The input nests deeper than {options.MaxDepth} levels (FhirMappingOptions.MaxDepth; the CLI raises it with --max-bundle-depth)."));
                if (reader.Depth == 1 && reader.LocalName == "entry" && reader.NamespaceURI == XmlNamespace && ++entries > options.MaxEntries)
                    throw TooManyEntries(options);
            }
        }
        catch (XmlException e)
        {
            throw new FhirInputException(string.Create(CultureInfo.InvariantCulture,
                $"The input is not well-formed XML, or has a DTD (line {e.LineNumber}, column {e.LinePosition})."), e);
        }
        if (!rootSeen) throw new FhirInputException("The input has no XML element.");
    }

    private static XmlReaderSettings SafeXml(FhirMappingOptions options) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = options.MaxBundleBytes,
    };
}
