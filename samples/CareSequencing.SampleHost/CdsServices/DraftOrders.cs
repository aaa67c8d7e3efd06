using System.Text.Json.Nodes;
using CareSequencing.Fhir;

namespace CareSequencing.SampleHost.CdsServices;

/// <summary>Adds the draft orders of an <c>order-select</c> request to the patient, as if they were signed.</summary>
internal static class DraftOrders
{
    /// <summary>
    /// Maps <c>context.draftOrders</c> and adds its medications as <em>active</em> and its service
    /// requests as planned therapies. The mapper reads a draft MedicationRequest as planned, and the
    /// interaction check only looks at active medications: order-select asks "what if this is signed?",
    /// so the orders on the screen count as taken.
    /// </summary>
    /// <exception cref="CdsRequestException">draftOrders is missing or not a Bundle.</exception>
    /// <exception cref="FhirInputException">draftOrders is not FHIR R4.</exception>
    public static PatientContext Apply(PatientContext patient, JsonObject context)
    {
        if (context["draftOrders"] is not JsonObject draftOrders
            || draftOrders["resourceType"] is not JsonValue type
            || !type.TryGetValue<string>(out var resourceType)
            || resourceType != "Bundle")
            throw new CdsRequestException("order-select needs context.draftOrders, a FHIR Bundle.");

        var orders = FhirPatientContextMapper.FromJson(draftOrders.ToJsonString());
        var ordered = orders.Medications
            .Where(m => m.Status is MedicationStatus.Planned or MedicationStatus.Active)
            .Select(m => m with { Status = MedicationStatus.Active });
        return patient with
        {
            Medications = [.. patient.Medications, .. ordered],
            Therapies = [.. patient.Therapies, .. orders.Therapies],
            // The draft bundle's paths start with "Bundle"; say which bundle they are about.
            InputWarnings =
            [
                .. patient.InputWarnings,
                .. orders.InputWarnings.Select(w => w with { Path = DraftPath(w.Path) }),
            ],
        };
    }

    private static string DraftPath(string path) =>
        path.StartsWith("Bundle", StringComparison.Ordinal) ? "context.draftOrders" + path["Bundle".Length..] : "context.draftOrders." + path;
}
