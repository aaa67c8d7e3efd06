using System.Net;
using System.Text.Json;
using CareSequencing.Fhir;
using CareSequencing.Presentation;

namespace CareSequencing.SampleHost.Tests.CdsServices;

[Collection(SharedHost.Name)]
public sealed class PatientViewServiceTests(SampleHostFixture host)
{
    // The library alone, outside the host: the oracle the HTTP answer must agree with.
    private static readonly Lazy<ICareEvaluator> Direct = new(() =>
        new CareEvaluator(RulePackLoader.Load(SampleHostFixture.RulesPath).GetRuleSetOrThrow(), SampleHostFixture.Clock));

    [Fact]
    public async Task Post_RealisticFhirPrefetch_ReturnsTheCardsOfTheLibrary()
    {
        var expected = CdsHooksWriter.Write(Direct.Value.Evaluate(FhirPatientContextMapper.FromJson(CdsRequests.FixtureJson)));
        var body = CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson));

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var actualCards = (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").EnumerateArray().ToList();
        using var expectedDocument = JsonDocument.Parse(expected);
        var expectedCards = expectedDocument.RootElement.GetProperty("cards").EnumerateArray().ToList();
        Assert.NotEmpty(expectedCards);
        Assert.Equal(expectedCards.Select(Key), actualCards.Select(Key));
        Assert.All(actualCards, c => Assert.True(c.GetProperty("summary").GetString()!.Length <= 140));
        // The double-diagnosis pack speaks for this patient, and the SSRI + tramadol alert is there.
        Assert.Contains(actualCards, c => c.GetProperty("source").GetProperty("label").GetString()!.StartsWith("double-diagnosis@", StringComparison.Ordinal));
        Assert.Contains(actualCards, c => c.GetProperty("indicator").GetString() is "critical" or "warning"
            && c.GetProperty("source").GetProperty("label").GetString()!.StartsWith("drug-interactions@", StringComparison.Ordinal));
        // Same patient, same clock, same packs: the very same bytes.
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_FiftyParallelIdenticalRequests_AllReturnIdenticalCards()
    {
        var body = CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson)).ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(body));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct(StringComparer.Ordinal));
        Assert.Contains("\"cards\"", responses[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_RealisticFhirPrefetch_LogsNoPatientData()
    {
        var body = CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson));

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), CdsRequests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = host.Logs.Messages;
        Assert.Contains(messages, m => m.Contains("caresequencing-patient-view", StringComparison.Ordinal) && m.Contains("card(s)", StringComparison.Ordinal));
        foreach (var patientValue in new[] { "p-001", "F32.1", "F10.2", "N06AB06", "sertraline", "tramadol", "1971-04-02" })
            Assert.DoesNotContain(messages, m => m.Contains(patientValue, StringComparison.OrdinalIgnoreCase));
    }

    private static (string?, string?, string?, string?, string?) Key(JsonElement card) => (
        card.GetProperty("uuid").GetString(),
        card.GetProperty("indicator").GetString(),
        card.GetProperty("summary").GetString(),
        card.GetProperty("source").GetProperty("label").GetString(),
        card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString());
}
