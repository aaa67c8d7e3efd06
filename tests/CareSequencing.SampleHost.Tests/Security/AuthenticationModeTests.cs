using System.Net;
using System.Net.Http.Headers;
using CareSequencing.SampleHost.Security;

namespace CareSequencing.SampleHost.Tests.Security;

/// <summary>How the configuration decides between authenticated, anonymous on loopback, and refusing to start. Each test starts its own host.</summary>
public sealed class AuthenticationModeTests
{
    private static readonly TestCdsClient Ehr = new("https://ehr.example/cds-client");

    [Fact]
    public async Task Start_NoTrustedClientOnLoopback_AnswersAnonymousCallsAndWarns()
    {
        var logs = new LogCapture();
        await using var host = await SampleHostFixture.StartAsync([], logs);

        using var response = await host.Client.PostAsync(new Uri(CdsRequests.PatientView, UriKind.Relative), PatientViewBody());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(logs.Messages, m => m.StartsWith("Requests are not authenticated: no CareSequencing:TrustedClients is configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_NoTrustedClientOnAllInterfaces_Refuses()
    {
        var logs = new LogCapture();

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => SampleHostFixture.StartAsync(["--urls=http://0.0.0.0:0"], logs));

        Assert.StartsWith("Refusing to start: no CareSequencing:TrustedClients is configured and the service listens on http://0.0.0.0:", error.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.StartsWith("Refusing to start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_AllowAnonymousOnAllInterfaces_StartsAndWarns()
    {
        var logs = new LogCapture();
        await using var host = await SampleHostFixture.StartAsync(["--urls=http://0.0.0.0:0", "--CareSequencing:AllowAnonymous=true", .. TrustedEhr()], logs);

        Assert.Contains(logs.Messages, m => m.StartsWith("Requests are not authenticated: CareSequencing:AllowAnonymous=true (development only)", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_AllowAnonymousFalseWithoutTrustedClient_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SampleHostFixture.Build(["--CareSequencing:AllowAnonymous=false"], new LogCapture()));

        Assert.Contains("no CDS client could call this service", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "keys": [ { "kty": "oct", "kid": "k", "k": "c2VjcmV0" } ] }""", "key type 'oct' is not accepted")]
    [InlineData("""{ "keys": [] }""", "has no key")]
    [InlineData("not-a-file.json", "Jwks: cannot read the file")]
    [InlineData("{ not json", "Jwks is not a JWK Set")]
    public void Build_BadJwks_Throws(string jwks, string message)
    {
        var error = Record.Exception(() => SampleHostFixture.Build(["--CareSequencing:TrustedClients:0:Issuer=x", $"--CareSequencing:TrustedClients:0:Jwks={jwks}"], new LogCapture()));

        Assert.Contains(message, error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BehindAProxy_AudienceIsThePublicUrl()
    {
        var logs = new LogCapture();
        await using var host = await SampleHostFixture.StartAsync(["--CareSequencing:PublicBaseUrl=https://cds.example.org/", .. TrustedEhr()], logs);

        using var accepted = await PostAsync(host, Ehr.Token("https://cds.example.org" + CdsRequests.PatientView));
        using var rejected = await PostAsync(host, Ehr.Token(new Uri(host.Client.BaseAddress!, CdsRequests.PatientView).AbsoluteUri));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Contains(logs.Messages, m => m.EndsWith("CDS client not authenticated: wrong audience", StringComparison.Ordinal));
    }

    private static string[] TrustedEhr() => [$"--CareSequencing:TrustedClients:0:Issuer={Ehr.Issuer}", $"--CareSequencing:TrustedClients:0:Jwks={Ehr.JwksJson()}"];

    private static StringContent PatientViewBody() => CdsRequests.Json(CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson)));

    private static async Task<HttpResponseMessage> PostAsync(RunningHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CdsRequests.PatientView) { Content = PatientViewBody() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Client.SendAsync(request);
    }
}
