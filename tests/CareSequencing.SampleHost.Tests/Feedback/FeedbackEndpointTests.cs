using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareSequencing.Presentation;

namespace CareSequencing.SampleHost.Tests.Feedback;

[Collection(SharedHost.Name)]
public sealed class FeedbackEndpointTests(SampleHostFixture host)
{
    private const string Feedback = "/cds-services/caresequencing-patient-view/feedback";

    [Fact]
    public async Task PostFeedback_AcceptedOverriddenAndUnknownCards_RecordsKnownAndReportsUnknown()
    {
        var cards = await PatientViewCardsAsync();
        var proposal = cards.First(c => c.TryGetProperty("suggestions", out _));
        var alert = cards.First(c => c.TryGetProperty("overrideReasons", out _));
        var unknown = "00000000-0000-8000-8000-000000000000";
        var body = new JsonObject
        {
            ["feedback"] = new JsonArray(
                new JsonObject
                {
                    ["card"] = Uuid(proposal),
                    ["outcome"] = "accepted",
                    ["acceptedSuggestions"] = new JsonArray(new JsonObject { ["id"] = proposal.GetProperty("suggestions")[0].GetProperty("uuid").GetString() }),
                    ["outcomeTimestamp"] = "2026-11-28T09:05:00Z",
                },
                new JsonObject
                {
                    ["card"] = "urn:uuid:" + Uuid(alert),
                    ["outcome"] = "overridden",
                    ["overrideReason"] = new JsonObject
                    {
                        ["reason"] = new JsonObject { ["code"] = "benefit-outweighs-risk", ["system"] = "urn:caresequencing:cds-hooks:override-reason" },
                        ["userComment"] = "SECRET discussed with Mrs Durand",
                    },
                    ["outcomeTimestamp"] = "2026-11-28T09:06:00Z",
                },
                new JsonObject { ["card"] = unknown, ["outcome"] = "accepted", ["outcomeTimestamp"] = "2026-11-28T09:07:00Z" }),
        };

        using var response = await host.Client.PostAsync(new Uri(Feedback, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await CdsRequests.ReadJsonAsync(response);
        Assert.Equal(2, result.GetProperty("recorded").GetInt32());
        Assert.Equal([unknown], result.GetProperty("unknownCards").EnumerateArray().Select(e => e.GetString()));

        var accepted = Assert.Single(host.Sink.Entries, e => e.CardUuid == Uuid(proposal));
        Assert.Equal(CardOutcome.Accepted, accepted.Outcome);
        AssertOrigin(proposal, accepted.Origin);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 5, 0, TimeSpan.Zero), accepted.Timestamp);

        var overridden = Assert.Single(host.Sink.Entries, e => e.CardUuid == "urn:uuid:" + Uuid(alert));
        Assert.Equal(CardOutcome.Overridden, overridden.Outcome);
        Assert.Equal("benefit-outweighs-risk", overridden.OverrideReasonCode);
        AssertOrigin(alert, overridden.Origin);
        Assert.DoesNotContain(host.Sink.Entries, e => e.CardUuid == unknown);
        Assert.DoesNotContain(host.Logs.Messages, m => m.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostFeedback_NotFeedbackJson_Returns400()
    {
        using var response = await host.Client.PostAsync(new Uri(Feedback, UriKind.Relative), CdsRequests.Json("""{ "feedback": [ { "outcome": "accepted" } ] }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'card' is missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> PatientViewCardsAsync()
    {
        var body = CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson));
        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").EnumerateArray()];
    }

    private static string Uuid(JsonElement card) => card.GetProperty("uuid").GetString()!;

    private static void AssertOrigin(JsonElement card, CardOrigin origin)
    {
        var source = card.GetProperty("source");
        Assert.Equal(source.GetProperty("topic").GetProperty("code").GetString(), origin.RuleId);
        Assert.Equal(source.GetProperty("label").GetString(), $"{origin.PackId}@{origin.PackVersion}");
    }
}
