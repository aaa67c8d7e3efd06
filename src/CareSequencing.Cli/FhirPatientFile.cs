using System.Text.Json;
using CareSequencing.Fhir;

namespace CareSequencing.Cli;

/// <summary>Reads a patient file that is a FHIR R4 Bundle (a JSON object whose <c>resourceType</c> is <c>Bundle</c>).</summary>
internal static class FhirPatientFile
{
    /// <summary>The patient, or <see langword="null"/> when the file is not a FHIR Bundle (then it is a CareSequencing patient file).</summary>
    /// <exception cref="FhirInputException">The file says it is a Bundle but cannot be read as one, crosses a limit of <paramref name="options"/>, or is larger than both byte limits (then it is refused unread).</exception>
    public static PatientContext? TryRead(string path, FhirMappingOptions options, PatientInputLimits patientLimits)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return null;
        // Which kind of file it is needs reading it: a file too large to be either is refused before that.
        var largest = Math.Max(options.MaxBundleBytes, patientLimits.MaxBytes);
        if (new FileInfo(path).Length > largest)
            throw new FhirInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The file is larger than {largest} bytes, the larger of --max-bundle-bytes and --max-patient-bytes."));
        var json = File.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("resourceType", out var type)
                || type.ValueKind != JsonValueKind.String
                || !type.ValueEquals("Bundle"))
                return null;
        }
        catch (JsonException)
        {
            return null; // the patient reader reports the syntax error with its position
        }
        return FhirPatientContextMapper.FromJson(json, options);
    }
}
