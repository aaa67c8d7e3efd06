using System.Net;

namespace CareSequencing.SampleHost.Tests.CdsServices;

/// <summary>
/// <c>CareSequencing:AtcIndexPath</c>: the host's ATC index. A well-formed code it does not list
/// comes back as the "decision support may be incomplete" card; a bad index stops the start-up.
/// </summary>
public sealed class AtcIndexTests
{
    // The shipped excerpt of the WHO index, from the checkout (the sample copies only the packs).
    private static string Excerpt
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareSequencing.sln"))) directory = directory.Parent;
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Repository root not found."), "rules", "reference", "atc-codes.tsv");
        }
    }

    [Fact]
    public async Task Post_CodeMissingFromTheIndex_AnswersWithTheWarningCard()
    {
        // Sertraline's code with two digits swapped: well formed, names nothing.
        var bundle = CdsRequests.FixtureJson.Replace("\"N06AB06\"", "\"N06AB60\"", StringComparison.Ordinal);
        await using var host = await SampleHostFixture.StartAsync([$"--CareSequencing:AtcIndexPath={Excerpt}"], new LogCapture());

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative),
            CdsRequests.Json(CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(bundle))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = (await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").EnumerateArray().ToList();
        var warning = Assert.Single(cards, c => c.GetProperty("source").GetProperty("label").GetString() == "CareSequencing");
        Assert.Equal("warning", warning.GetProperty("indicator").GetString());
        Assert.Contains("(CSQ3011)", warning.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnreadableIndex_Fails()
    {
        var error = await Record.ExceptionAsync(() => SampleHostFixture.StartAsync(["--CareSequencing:AtcIndexPath=no-such-index.csv"], new LogCapture()));

        Assert.IsType<FileNotFoundException>(error);
    }
}
