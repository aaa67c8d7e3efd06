using System.Text.Json.Nodes;

namespace CareSequencing.SampleHost.CdsServices;

/// <summary>One prefetch template of a service.</summary>
/// <param name="Key">The prefetch key the client answers under.</param>
/// <param name="Query">The FHIR query, with CDS Hooks prefetch tokens.</param>
/// <param name="Required">
/// Whether the service refuses to answer without it (412): without conditions or medications the
/// rules and the interaction check would run on partial data and stay silent, which reads as "no risk".
/// </param>
/// <param name="ResourceTypes">
/// The resource types the query returns (the first is the one searched; <c>_include</c> adds others).
/// Anything else under the key is refused (400): a wrong type would be read as "none", and the check
/// it feeds would look like a check that found nothing.
/// </param>
internal sealed record PrefetchTemplate(string Key, string Query, bool Required, params string[] ResourceTypes);

/// <summary>A CDS service this host offers.</summary>
/// <param name="Id">The service id, the last segment of its URL.</param>
/// <param name="Hook">The CDS Hooks hook it answers.</param>
/// <param name="Title">Human-readable name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Prefetch">The prefetch templates, in the order their resources are read.</param>
internal sealed record CdsServiceDefinition(string Id, string Hook, string Title, string Description, IReadOnlyList<PrefetchTemplate> Prefetch);

/// <summary>The services of the discovery endpoint, and the lookup of a service by id.</summary>
internal static class CdsServiceCatalog
{
    public const string PatientViewId = "caresequencing-patient-view";
    public const string OrderSelectId = "caresequencing-order-select";

    // One template per resource type the FHIR mapper reads. Search results arrive as searchset Bundles;
    // the MedicationRequest search includes the Medications it references so their ATC codes resolve.
    private static readonly PrefetchTemplate[] Templates =
    [
        new("patient", "Patient/{{context.patientId}}", Required: true, "Patient"),
        new("conditions", "Condition?patient={{context.patientId}}", Required: true, "Condition"),
        new("medicationStatements", "MedicationStatement?patient={{context.patientId}}", Required: true, "MedicationStatement"),
        new("medicationRequests", "MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication", Required: true, "MedicationRequest", "Medication"),
        new("carePlans", "CarePlan?patient={{context.patientId}}", Required: false, "CarePlan"),
        new("procedures", "Procedure?patient={{context.patientId}}", Required: false, "Procedure"),
        new("serviceRequests", "ServiceRequest?patient={{context.patientId}}", Required: false, "ServiceRequest"),
        new("flags", "Flag?patient={{context.patientId}}&status=active", Required: false, "Flag"),
        new("consents", "Consent?patient={{context.patientId}}&status=active", Required: false, "Consent"),
    ];

    /// <summary>The services, in discovery order.</summary>
    public static IReadOnlyList<CdsServiceDefinition> Services { get; } =
    [
        new(PatientViewId, "patient-view", "CareSequencing: care steps and alerts",
            "Ranked next care steps and interaction alerts from the CareSequencing rule packs, when a patient's record is opened.",
            Templates),
        new(OrderSelectId, "order-select", "CareSequencing: interaction check of the selected orders",
            "Checks the draft medication orders against the patient's medications and conditions as if they were signed; returns interaction alerts and the care steps they change.",
            Templates),
    ];

    /// <summary>Finds a service by id (ordinal).</summary>
    public static CdsServiceDefinition? Find(string id) => Services.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>The discovery response, <c>{ "services": [...] }</c>.</summary>
    public static JsonObject Discovery()
    {
        var services = new JsonArray();
        foreach (var service in Services)
        {
            var prefetch = new JsonObject();
            foreach (var template in service.Prefetch) prefetch[template.Key] = template.Query;
            services.Add(new JsonObject
            {
                ["hook"] = service.Hook,
                ["title"] = service.Title,
                ["description"] = service.Description,
                ["id"] = service.Id,
                ["prefetch"] = prefetch,
            });
        }
        return new JsonObject { ["services"] = services };
    }
}
