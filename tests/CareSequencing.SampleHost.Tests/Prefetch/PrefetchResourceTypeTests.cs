using System.Net;
using System.Text.Json.Nodes;

namespace CareSequencing.SampleHost.Tests.Prefetch;

/// <summary>
/// A prefetch key holding anything but the resource types its query returns is refused with 400 naming
/// the key: a FooBar under <c>medicationStatements</c> would otherwise map to no medication, and the
/// critical interaction card would vanish behind a 200.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class PrefetchResourceTypeTests(SampleHostFixture host)
{
    public static readonly string[] Keys =
        ["patient", "conditions", "medicationStatements", "medicationRequests", "carePlans", "procedures", "serviceRequests", "flags", "consents"];

    /// <summary>Wrong values for a key, each built from the key's correct value (a resource or a searchset).</summary>
    public static readonly string[] Variants =
    [
        "resource of an unknown type",
        "resource of another FHIR type",
        "resource of the type of another key",
        "resource without resourceType",
        "resourceType not a string",
        "string",
        "number",
        "array",
        "boolean",
        "bundle with an entry of another type",
        "bundle with an entry of an unknown type",
        "bundle with an entry that is not an object",
        "bundle with an entry without resource",
        "bundle whose entry is not an array",
        "bundle with a nested bundle",
    ];

    public static TheoryData<string, string> KeysAndVariants()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in Keys)
            foreach (var variant in Variants) data.Add(key, variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(KeysAndVariants))]
    public async Task Post_PrefetchKeyOfTheWrongType_Returns400NamingTheKey_NeverANarrowedAnswer(string key, string variant)
    {
        var prefetch = CdsRequests.PrefetchFrom(CdsRequests.FixtureJson);
        prefetch[key] = Wrong(variant, key, prefetch[key]!);

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(CdsRequests.Request("patient-view", prefetch)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await CdsRequests.ReadJsonAsync(response);
        Assert.Equal([key], problem.GetProperty("invalidPrefetch").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains($"prefetch.{key}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var text = problem.GetRawText();
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Messages, m => m.Contains("SECRET", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("order-select")]
    [InlineData("patient-view")]
    public async Task Post_MedicationStatementsFooBar_IsRefused_OnEveryService(string hook)
    {
        var prefetch = CdsRequests.PrefetchFrom(CdsRequests.FixtureJson);
        prefetch["medicationStatements"] = new JsonObject { ["resourceType"] = "FooBar" };
        var context = new JsonObject
        {
            ["userId"] = "Practitioner/pr-1",
            ["patientId"] = "p-001",
            ["draftOrders"] = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = new JsonArray() },
        };
        var path = hook == "order-select" ? CdsRequests.OrderSelect : CdsRequests.PatientView;

        using var response = await host.Client.PostAsync(new Uri(path, UriKind.Relative), CdsRequests.Json(CdsRequests.Request(hook, prefetch, context)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["medicationStatements"], (await CdsRequests.ReadJsonAsync(response)).GetProperty("invalidPrefetch").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Post_RightTypes_AsResourceSearchsetIncludedMedicationAndOutcomeEntry_Answers200()
    {
        var prefetch = CdsRequests.PrefetchFrom(CdsRequests.FixtureJson);
        var requests = prefetch["medicationRequests"]!["entry"]!.AsArray();
        // _include=MedicationRequest:medication adds Medication entries; a searchset may add an outcome entry.
        requests.Add(new JsonObject
        {
            ["resource"] = new JsonObject { ["resourceType"] = "Medication", ["id"] = "m-1" },
            ["search"] = new JsonObject { ["mode"] = "include" },
        });
        requests.Add(new JsonObject
        {
            ["resource"] = new JsonObject { ["resourceType"] = "OperationOutcome", ["issue"] = new JsonArray() },
            ["search"] = new JsonObject { ["mode"] = "outcome" },
        });
        // A single Condition instead of a searchset of Conditions.
        prefetch["conditions"] = prefetch["conditions"]!["entry"]![0]!["resource"]!.DeepClone();
        prefetch["procedures"] = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = 0 };

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(CdsRequests.Request("patient-view", prefetch)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(0, (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").GetArrayLength());
    }

    private static JsonNode Wrong(string variant, string key, JsonNode right)
    {
        var otherType = key == "conditions" ? "Procedure" : "Condition";
        JsonObject Bundle(JsonNode? entry)
        {
            var bundle = right["resourceType"]!.GetValue<string>() == "Bundle"
                ? right.DeepClone().AsObject()
                : CdsRequests.Searchset([right]);
            bundle["entry"]!.AsArray().Add(entry);
            return bundle;
        }
        return variant switch
        {
            "resource of an unknown type" => new JsonObject { ["resourceType"] = "FooBar", ["id"] = "SECRET-1" },
            "resource of another FHIR type" => new JsonObject { ["resourceType"] = "Observation", ["id"] = "o-1", ["valueString"] = "SECRET" },
            "resource of the type of another key" => new JsonObject { ["resourceType"] = otherType, ["id"] = "x-1" },
            "resource without resourceType" => new JsonObject { ["id"] = "SECRET-2" },
            "resourceType not a string" => new JsonObject { ["resourceType"] = 42 },
            "string" => JsonValue.Create("SECRET-F32.1"),
            "number" => JsonValue.Create(12),
            "array" => new JsonArray(right.DeepClone()),
            "boolean" => JsonValue.Create(true),
            "bundle with an entry of another type" => Bundle(new JsonObject { ["resource"] = new JsonObject { ["resourceType"] = otherType, ["id"] = "x-2" } }),
            "bundle with an entry of an unknown type" => Bundle(new JsonObject { ["resource"] = new JsonObject { ["resourceType"] = "FooBar" }, ["search"] = new JsonObject { ["mode"] = "match" } }),
            "bundle with an entry that is not an object" => Bundle(JsonValue.Create("SECRET")),
            "bundle with an entry without resource" => Bundle(new JsonObject { ["fullUrl"] = "https://ehr.example/fhir/x" }),
            "bundle whose entry is not an array" => new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonObject { ["resource"] = right.DeepClone() } },
            "bundle with a nested bundle" => Bundle(new JsonObject { ["resource"] = CdsRequests.Searchset([new JsonObject { ["resourceType"] = otherType }]) }),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }
}
