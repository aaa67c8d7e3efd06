using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CareSequencing.SampleHost.Tests.Health;

/// <summary>
/// <c>GET /health</c>: the pack versions served, and a refused hot reload reported as Degraded while the
/// previous versions keep answering CDS requests.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Get_PacksLoaded_IsHealthyWithTheVersions()
    {
        await using var host = await SampleHostFixture.StartAsync([], new LogCapture());

        using var response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = RulePacksCheck(await CdsRequests.ReadJsonAsync(response));
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        var packs = check.GetProperty("data").GetProperty("packs").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("drug-interactions@1.2.0", packs);
        Assert.Equal(5, packs.Count);
    }

    [Fact]
    public async Task Get_AfterARefusedReload_IsDegraded_NamesTheError_AndTheOldVersionStillServes()
    {
        var packs = CopyOfTheShippedPacks();
        try
        {
            await using var host = await SampleHostFixture.StartAsync(
                [$"--CareSequencing:PackPaths:0={packs}", "--CareSequencing:WatchForChanges=true"], new LogCapture());
            var source = (WatchingRuleSetSource)host.App.Services.GetRequiredService<IRuleSetSource>();
            var file = Path.Combine(packs, "drug-interactions", "pack.yaml");
            var original = await File.ReadAllTextAsync(file);

            await File.AppendAllTextAsync(file, "\nversion: [broken\n");
            Assert.Equal(ReloadOutcome.Refused, source.Reload().Outcome);
            var degraded = RulePacksCheck(await GetHealthAsync(host));
            using var cds = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative),
                CdsRequests.Json(CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson))));

            Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
            var reasons = degraded.GetProperty("data").GetProperty("refusedBecause").EnumerateArray().Select(r => r.GetString()!).ToList();
            Assert.Contains(reasons, r => r.StartsWith("CSQ1001 drug-interactions/pack.yaml:", StringComparison.Ordinal));
            Assert.DoesNotContain(reasons, r => r.Contains(packs, StringComparison.Ordinal)); // no server folders
            Assert.Equal(HttpStatusCode.OK, cds.StatusCode);

            await File.WriteAllTextAsync(file, original);
            Assert.Equal(ReloadOutcome.Succeeded, source.Reload().Outcome);
            Assert.Equal("Healthy", RulePacksCheck(await GetHealthAsync(host)).GetProperty("status").GetString());
        }
        finally
        {
            Directory.Delete(packs, recursive: true);
        }
    }

    private static async Task<JsonElement> GetHealthAsync(RunningHost host)
    {
        using var response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await CdsRequests.ReadJsonAsync(response);
    }

    private static JsonElement RulePacksCheck(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "rule-packs");

    private static string CopyOfTheShippedPacks()
    {
        var target = Path.Combine(Path.GetTempPath(), $"csq-health-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(SampleHostFixture.RulesPath, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(SampleHostFixture.RulesPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}
