using System.Text.Json;
using CareSequencing.Fhir;

namespace CareSequencing.Cli;

/// <summary>Reads a patient file that is a FHIR R4 Bundle (a JSON object whose <c>resourceType</c> is <c>Bundle</c>).</summary>
internal static class FhirPatientFile
{
    /// <summary>The patient, or <see langword="null"/> when the file is not a FHIR Bundle (then it is a CareSequencing patient file).</summary>
    /// <exception cref="FhirInputException">The file says it is a Bundle but cannot be read as one.</exception>
    public static PatientContext? TryRead(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return null;
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
        return FhirPatientContextMapper.FromJson(json);
    }
}
