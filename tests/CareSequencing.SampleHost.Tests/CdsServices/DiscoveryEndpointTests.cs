using System.Net;
using System.Text.Json;

namespace CareSequencing.SampleHost.Tests.CdsServices;

[Collection(SharedHost.Name)]
public sealed class DiscoveryEndpointTests(SampleHostFixture host)
{
    [Fact]
    public async Task GetCdsServices_Always_ListsBothServicesWithHookAndPrefetch()
    {
        using var response = await host.Client.GetAsync(new Uri("/cds-services", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var services = (await CdsRequests.ReadJsonAsync(response)).GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(
            [("caresequencing-patient-view", "patient-view"), ("caresequencing-order-select", "order-select")],
            services.Select(s => (s.GetProperty("id").GetString(), s.GetProperty("hook").GetString())).ToList());
        foreach (var service in services)
        {
            Assert.False(string.IsNullOrWhiteSpace(service.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(service.GetProperty("description").GetString()));
            var prefetch = service.GetProperty("prefetch");
            Assert.Equal("Patient/{{context.patientId}}", prefetch.GetProperty("patient").GetString());
            Assert.Equal("Condition?patient={{context.patientId}}", prefetch.GetProperty("conditions").GetString());
            Assert.StartsWith("MedicationStatement?patient={{context.patientId}}", prefetch.GetProperty("medicationStatements").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("MedicationRequest?patient={{context.patientId}}", prefetch.GetProperty("medicationRequests").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetCdsServices_FromAnotherOrigin_AllowsCors()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        request.Headers.Add("Origin", "https://sandbox.cds-hooks.org");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}
