using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using CareSequencing.Fhir;
using CareSequencing.Loading;

namespace CareSequencing.Cli;

/// <summary>
/// Reads a patient file as it comes, telling its kind by content, never by its extension: FHIR R4 JSON (an object
/// whose <c>resourceType</c> is a FHIR resource type: a Bundle or a single resource), FHIR R4 XML (a root element in
/// the FHIR namespace), or a CareSequencing patient file (YAML, or JSON without <c>resourceType</c>).
/// </summary>
/// <remarks>
/// Text that claims to be JSON (a <c>.json</c> file, or one that starts with <c>{</c> or <c>[</c> and is not named
/// <c>.yaml</c>/<c>.yml</c>) is checked as JSON first, so its syntax errors are JSON errors at their line and column.
/// </remarks>
internal static partial class FhirPatientFile
{
    /// <summary>
    /// Reads the patient file, saying on <paramref name="stderr"/> in one line what FHIR it was read as; prints why it
    /// cannot be read (<c>file:line:col: error CSQ3010: ...</c> when the failure has a position) and returns false.
    /// </summary>
    public static bool TryRead(FileInfo file, FhirMappingOptions options, PatientInputLimits patientLimits, string language, TextWriter stderr,
        out PatientContext patient)
    {
        patient = null!;
        try
        {
            patient = Read(file.FullName, options, patientLimits, language, stderr);
            return true;
        }
        catch (PatientContextFormatException ex)
        {
            stderr.WriteLine(CliText.Get("cli.patient-error-at", language, file.ToString(), ex.Line, ex.Column, ex.Code, ex.Reason));
        }
        catch (NotPatientFileException ex)
        {
            stderr.WriteLine(CliText.Get("cli.patient-unreadable", language, file.Name, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or FhirInputException)
        {
            stderr.WriteLine(CliText.Get("cli.patient-unreadable", language, file.Name, ex.Message));
        }
        return false;
    }

    /// <exception cref="PatientContextFormatException">Not valid JSON, YAML or a patient mapping (with a position), or over a patient limit.</exception>
    /// <exception cref="FhirInputException">FHIR that cannot be read, or over a limit of <paramref name="options"/>.</exception>
    /// <exception cref="NotPatientFileException">JSON or XML that is neither FHIR nor a CareSequencing patient file.</exception>
    internal static PatientContext Read(string path, FhirMappingOptions options, PatientInputLimits patientLimits, string language, TextWriter stderr)
    {
        // Which kind of file it is needs reading it: a file too large to be either is refused before that.
        var largest = Math.Max(options.MaxBundleBytes, patientLimits.MaxBytes);
        if (new FileInfo(path).Length > largest)
            throw new FhirInputException(string.Create(CultureInfo.InvariantCulture,
                $"The file is larger than {largest} bytes, the larger of --max-bundle-bytes and --max-patient-bytes."));
        var text = File.ReadAllText(path);
        var first = FhirPatientContextMapper.FirstSignificant(text);
        if (first == '<')
        {
            if (!IsFhirXml(text)) throw new NotPatientFileException(CliText.Get("cli.xml-not-fhir", language));
            return ReadFhir(text, options, language, stderr);
        }
        var yamlName = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || first is '{' or '[')
        {
            (bool Present, string? Value) json;
            try
            {
                json = JsonSyntax.Check(text);
            }
            catch (PatientContextFormatException) when (yamlName)
            {
                // YAML's flow style (unquoted keys) is not JSON: a .yaml file that is not JSON is YAML.
                return PatientContextReader.Parse(text, patientLimits);
            }
            var (present, resourceType) = json;
            if (present)
            {
                if (resourceType is null) throw new NotPatientFileException(CliText.Get("cli.resource-type-not-string", language));
                if (!FhirPatientContextMapper.IsResourceType(resourceType))
                    throw new NotPatientFileException(CliText.Get("cli.not-fhir-resource-type", language,
                        TypeName().IsMatch(resourceType) ? $"'{resourceType}'" : "(not a name)"));
                return ReadFhir(text, options, language, stderr);
            }
        }
        return PatientContextReader.Parse(text, patientLimits);
    }

    private static PatientContext ReadFhir(string text, FhirMappingOptions options, string language, TextWriter stderr)
    {
        // Async so that a terminology server among the translators is awaited, not blocked on inside the mapping.
        var read = FhirPatientContextMapper.ReadAsync(text, options).GetAwaiter().GetResult();
        var format = read.Format == FhirFormat.Xml ? "XML" : "JSON";
        stderr.WriteLine(read.ResourceType == "Bundle"
            ? CliText.Get("cli.read-fhir-bundle", language, format, read.BundleType ?? CliText.Get("cli.bundle-type-missing", language), read.EntryCount)
            : CliText.Get("cli.read-fhir-resource", language, format, read.ResourceType));
        return read.Context;
    }

    /// <summary>Whether the first element is in the FHIR namespace; XML that is not well-formed before it counts as FHIR, for the mapper to report.</summary>
    private static bool IsFhirXml(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element) return reader.NamespaceURI == FhirPatientContextMapper.XmlNamespace;
            }
        }
        catch (XmlException)
        {
            return true;
        }
        return false;
    }

    // A resource type is echoed only when it looks like one: the value could be anything the sender put there.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();

    /// <summary>Text that is JSON or XML but neither FHIR nor a CareSequencing patient file.</summary>
    internal sealed class NotPatientFileException(string message) : Exception(message);
}
