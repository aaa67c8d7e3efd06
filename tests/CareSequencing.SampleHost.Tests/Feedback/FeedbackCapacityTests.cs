using System.Net;
using System.Text.Json.Nodes;
using CareSequencing.Presentation;
using Microsoft.Extensions.DependencyInjection;

namespace CareSequencing.SampleHost.Tests.Feedback;

/// <summary>
/// The default feedback sink keeps the last <c>CareSequencing:FeedbackCapacity</c> entries and drops the
/// oldest: feedback POSTs can never grow the host's memory for good, and a full sink never fails a POST.
/// </summary>
public sealed class FeedbackCapacityTests
{
    private const string Feedback = "/cds-services/caresequencing-patient-view/feedback";

    [Fact]
    public async Task PostFeedback_UpToTheCapacity_KeepsEveryEntry_ThenDropsTheOldest()
    {
        await using var host = await SampleHostFixture.StartAsync(["--CareSequencing:FeedbackCapacity=3"], new LogCapture());
        // A fresh host loads and compiles every shipped pack on its first call: on a loaded CI machine that
        // can take longer than the fixture's 30 s, and this test is about the sink, not about start-up time.
        host.Client.Timeout = TimeSpan.FromMinutes(3);
        var sink = Assert.IsType<InMemoryCardFeedbackSink>(host.App.Services.GetRequiredService<ICardFeedbackSink>());
        var card = await FirstCardAsync(host.Client);

        for (var minute = 1; minute <= 3; minute++) await PostAsync(host.Client, card, minute);

        Assert.Equal(3, sink.Capacity);
        Assert.Equal(3, sink.Entries.Count);
        Assert.Equal(0, sink.Dropped);

        await PostAsync(host.Client, card, 4);
        await PostAsync(host.Client, card, 5);

        Assert.Equal(3, sink.Entries.Count);
        Assert.Equal(2, sink.Dropped);
        Assert.Equal([3, 4, 5], sink.Entries.Select(e => e.Timestamp.Minute));
    }

    [Fact]
    public async Task Start_WithoutCapacity_UsesTheDefaultBound()
    {
        await using var host = await SampleHostFixture.StartAsync([], new LogCapture());

        var sink = Assert.IsType<InMemoryCardFeedbackSink>(host.App.Services.GetRequiredService<ICardFeedbackSink>());
        Assert.Equal(InMemoryCardFeedbackSink.DefaultCapacity, sink.Capacity);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Build_CapacityBelowOne_StopsTheStartUp(string capacity)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SampleHostFixture.Build([$"--CareSequencing:FeedbackCapacity={capacity}"], new LogCapture()));

        Assert.Contains("FeedbackCapacity", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> FirstCardAsync(HttpClient client)
    {
        var body = CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson));
        using var response = await client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards")[0].GetProperty("uuid").GetString()!;
    }

    private static async Task PostAsync(HttpClient client, string card, int minute)
    {
        var body = new JsonObject
        {
            ["feedback"] = new JsonArray(new JsonObject
            {
                ["card"] = card,
                ["outcome"] = "overridden",
                ["outcomeTimestamp"] = $"2026-11-28T09:{minute:00}:00Z",
            }),
        };
        using var response = await client.PostAsync(new Uri(Feedback, UriKind.Relative), CdsRequests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await CdsRequests.ReadJsonAsync(response)).GetProperty("recorded").GetInt32());
    }
}
