using System.Net;
using System.Text.Json.Nodes;

namespace CareSequencing.SampleHost.Tests.CdsServices;

[Collection(SharedHost.Name)]
public sealed class ErrorResponseTests(SampleHostFixture host)
{
    [Fact]
    public async Task Post_MalformedJson_Returns400ProblemWithoutTheBody()
    {
        const string Body = """{ "hook": "patient-view", "prefetch": { "patient": { "name": "SECRET-Durand", "code": F32.1 """;

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(Body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("not valid JSON", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("F32", text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Messages, m => m.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_PrefetchValueNotAResource_Returns400NamingTheKeyOnly()
    {
        var prefetch = CdsRequests.PrefetchFrom(CdsRequests.FixtureJson);
        prefetch["conditions"] = JsonValue.Create("SECRET-F32.1");

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(CdsRequests.Request("patient-view", prefetch)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("prefetch.conditions", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HookOfAnotherService_Returns400()
    {
        var body = CdsRequests.Request("order-select", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson));

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/cds-services/no-such-service")]
    [InlineData("/cds-services/no-such-service/feedback")]
    public async Task Post_UnknownService_Returns404(string path)
    {
        var body = CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson));

        using var response = await host.Client.PostAsync(new Uri(path, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoPrefetch_Returns412ListingTheRequiredKeys()
    {
        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(CdsRequests.Request("patient-view", prefetch: null)));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var missing = (await CdsRequests.ReadJsonAsync(response)).GetProperty("missingPrefetch").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["patient", "conditions", "medicationStatements", "medicationRequests"], missing);
    }

    [Fact]
    public async Task Post_RequiredPrefetchNullOrOperationOutcome_Returns412ListingOnlyThoseKeys()
    {
        var prefetch = CdsRequests.PrefetchFrom(CdsRequests.FixtureJson);
        prefetch["medicationStatements"] = null;
        prefetch["conditions"] = new JsonObject { ["resourceType"] = "OperationOutcome", ["issue"] = new JsonArray() };

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(CdsRequests.Request("patient-view", prefetch)));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var missing = (await CdsRequests.ReadJsonAsync(response)).GetProperty("missingPrefetch").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["conditions", "medicationStatements"], missing);
    }

    [Fact]
    public async Task Post_OptionalPrefetchAbsent_StillAnswers()
    {
        var prefetch = CdsRequests.PrefetchFrom(CdsRequests.FixtureJson);
        foreach (var optional in new[] { "carePlans", "procedures", "serviceRequests", "flags", "consents" }) prefetch.Remove(optional);

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(CdsRequests.Request("patient-view", prefetch)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(0, (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").GetArrayLength());
    }
}
