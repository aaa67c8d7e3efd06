using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareSequencing.SampleHost.Tests;

/// <summary>CDS Hooks requests built the way an EHR would send them: the Patient read, one searchset per query.</summary>
internal static class CdsRequests
{
    public const string PatientView = "/cds-services/caresequencing-patient-view";
    public const string OrderSelect = "/cds-services/caresequencing-order-select";

    private static readonly (string Key, string Type)[] SearchKeys =
    [
        ("conditions", "Condition"), ("medicationStatements", "MedicationStatement"), ("medicationRequests", "MedicationRequest"),
        ("carePlans", "CarePlan"), ("procedures", "Procedure"), ("serviceRequests", "ServiceRequest"), ("flags", "Flag"), ("consents", "Consent"),
    ];

    public static string FixtureJson { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "double-diagnosis-alcohol.json"));

    /// <summary>Splits a collection Bundle into the prefetch a FHIR server would return for the discovery templates.</summary>
    public static JsonObject PrefetchFrom(string bundleJson)
    {
        var resources = JsonNode.Parse(bundleJson)!["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        var prefetch = new JsonObject { ["patient"] = resources.Single(r => TypeOf(r) == "Patient").DeepClone() };
        foreach (var (key, type) in SearchKeys) prefetch[key] = Searchset(resources.Where(r => TypeOf(r) == type));
        return prefetch;
    }

    public static JsonObject Searchset(IEnumerable<JsonNode> resources)
    {
        var entries = new JsonArray();
        foreach (var resource in resources)
        {
            entries.Add(new JsonObject
            {
                ["fullUrl"] = $"https://ehr.example/fhir/{TypeOf(resource)}/{resource["id"]}",
                ["resource"] = resource.DeepClone(),
                ["search"] = new JsonObject { ["mode"] = "match" },
            });
        }
        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = entries.Count, ["entry"] = entries };
    }

    public static JsonObject Request(string hook, JsonObject? prefetch, JsonObject? context = null)
    {
        var request = new JsonObject
        {
            ["hook"] = hook,
            ["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            ["fhirServer"] = "https://ehr.example/fhir",
            ["context"] = context ?? new JsonObject { ["userId"] = "Practitioner/pr-1", ["patientId"] = "p-001" },
        };
        if (prefetch is not null) request["prefetch"] = prefetch;
        return request;
    }

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static string? TypeOf(JsonNode resource) => resource["resourceType"]?.GetValue<string>();
}

/// <summary>A bipolar patient on lithium, as FHIR resources, for the order-select tests.</summary>
internal static class LithiumPatient
{
    public static JsonObject Prefetch() => new()
    {
        ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "p-007", ["gender"] = "male", ["birthDate"] = "1982-03-14" },
        ["conditions"] = CdsRequests.Searchset([Condition("F31.3")]),
        ["medicationStatements"] = CdsRequests.Searchset([Medication("MedicationStatement", "ms-lithium", "active", "N05AN01", "lithium carbonate")]),
        ["medicationRequests"] = CdsRequests.Searchset([]),
    };

    public static JsonObject OrderSelectContext(string atc, string name) => new()
    {
        ["userId"] = "Practitioner/pr-1",
        ["patientId"] = "p-007",
        ["selections"] = new JsonArray("MedicationRequest/mr-draft"),
        ["draftOrders"] = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(new JsonObject { ["resource"] = Medication("MedicationRequest", "mr-draft", "draft", atc, name) }),
        },
    };

    private static JsonObject Condition(string icd10) => new()
    {
        ["resourceType"] = "Condition",
        ["id"] = "c-" + icd10,
        ["clinicalStatus"] = Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        ["code"] = Coding("http://hl7.org/fhir/sid/icd-10", icd10),
        ["subject"] = new JsonObject { ["reference"] = "Patient/p-007" },
    };

    private static JsonObject Medication(string type, string id, string status, string atc, string name)
    {
        var resource = new JsonObject
        {
            ["resourceType"] = type,
            ["id"] = id,
            ["status"] = status,
            ["medicationCodeableConcept"] = Coding("http://www.whocc.no/atc", atc, name),
            ["subject"] = new JsonObject { ["reference"] = "Patient/p-007" },
        };
        if (type == "MedicationRequest") resource["intent"] = "order";
        return resource;
    }

    private static JsonObject Coding(string system, string code, string? display = null)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null) coding["display"] = display;
        return new JsonObject { ["coding"] = new JsonArray(coding) };
    }
}
