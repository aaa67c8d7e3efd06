using System.Net;

namespace CareSequencing.SampleHost.Tests.CdsServices;

/// <summary>The request files the sample README sends with curl, so its examples keep working.</summary>
[Collection(SharedHost.Name)]
public sealed class ReadmeExampleTests(SampleHostFixture host)
{
    [Theory]
    [InlineData("patient-view.json", "/cds-services/caresequencing-patient-view", "dd.alcohol-audit")]
    [InlineData("order-select.json", "/cds-services/caresequencing-order-select", "ix.lithium-nsaid")]
    public async Task Post_ReadmeExampleRequest_ReturnsTheCardItShows(string file, string path, string ruleId)
    {
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "requests", file));

        using var response = await host.Client.PostAsync(new Uri(path, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").EnumerateArray();
        Assert.Contains(cards, c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == ruleId);
    }
}
