using System.Net;
using System.Text.Json;

namespace CareSequencing.SampleHost.Tests.CdsServices;

[Collection(SharedHost.Name)]
public sealed class OrderSelectServiceTests(SampleHostFixture host)
{
    [Fact]
    public async Task Post_DraftNsaidForPatientOnLithium_ReturnsCriticalInteractionCard()
    {
        var body = CdsRequests.Request("order-select", LithiumPatient.Prefetch(), LithiumPatient.OrderSelectContext("M01AE01", "ibuprofen"));

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.OrderSelect, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = await CardsAsync(response);
        var card = Assert.Single(cards, c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == "ix.lithium-nsaid");
        Assert.Equal("critical", card.GetProperty("indicator").GetString());
        Assert.Contains("lithium", card.GetProperty("summary").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("drug-interactions@", card.GetProperty("source").GetProperty("label").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SamePatientWithoutTheDraftOrder_HasNoInteractionCard()
    {
        // The control: the alert above comes from the order being selected, not from the record.
        var body = CdsRequests.Request("patient-view", LithiumPatient.Prefetch());

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await CardsAsync(response), c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == "ix.lithium-nsaid");
    }

    [Fact]
    public async Task Post_DraftOfAnUnrelatedDrug_HasNoInteractionCard()
    {
        var body = CdsRequests.Request("order-select", LithiumPatient.Prefetch(), LithiumPatient.OrderSelectContext("N02BE01", "paracetamol"));

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.OrderSelect, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await CardsAsync(response), c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!.StartsWith("ix.lithium", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_OrderSelectWithoutDraftOrders_Returns400()
    {
        var body = CdsRequests.Request("order-select", LithiumPatient.Prefetch());

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.OrderSelect, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("draftOrders", (await CdsRequests.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> CardsAsync(HttpResponseMessage response) =>
        [.. (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").EnumerateArray()];
}
