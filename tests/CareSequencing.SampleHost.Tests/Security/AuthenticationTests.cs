using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace CareSequencing.SampleHost.Tests.Security;

/// <summary>The shared host has trusted clients: every service and feedback call needs a valid JWT.</summary>
[Collection(SharedHost.Name)]
public sealed class AuthenticationTests(SampleHostFixture host)
{
    private string PatientViewUrl => new Uri(host.BaseAddress, CdsRequests.PatientView).AbsoluteUri;

    [Fact]
    public async Task Post_Es384Token_Returns200WithCards()
    {
        using var response = await PostPatientViewAsync(host.Ehr.Token(PatientViewUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await CdsRequests.ReadJsonAsync(response)).GetProperty("cards").EnumerateArray());
    }

    [Fact]
    public async Task Post_Rs384TokenWithAudienceArray_Returns200()
    {
        var claims = host.Ehr.Claims(PatientViewUrl);
        claims["aud"] = new JsonArray("https://elsewhere.example/cds-services/x", PatientViewUrl);

        using var response = await PostPatientViewAsync(host.Ehr.Sign(claims, rsa: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_TokenOfClientWhoseJwksIsAFile_Returns200()
    {
        using var response = await PostPatientViewAsync(host.OtherEhr.Token(PatientViewUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoToken_Returns401ProblemWithBearerChallenge()
    {
        using var response = await PostPatientViewAsync(token: null);

        await AssertRejectedAsync(response, "missing token", token: null);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Post_ExpiredExactlyAtTheSkewBoundary_Returns200_OneSecondLater_Returns401()
    {
        var now = SampleHostFixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)SampleHostFixture.ClockSkew.TotalSeconds;
        var atBoundary = host.Ehr.Claims(PatientViewUrl);
        (atBoundary["iat"], atBoundary["exp"]) = (now - skew - 60, now - skew);
        var pastBoundary = host.Ehr.Claims(PatientViewUrl);
        (pastBoundary["iat"], pastBoundary["exp"]) = (now - skew - 61, now - skew - 1);

        using var accepted = await PostPatientViewAsync(host.Ehr.Sign(atBoundary));
        var token = host.Ehr.Sign(pastBoundary);
        using var rejected = await PostPatientViewAsync(token);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await AssertRejectedAsync(rejected, "expired", token);
        Assert.Equal("Bearer error=\"invalid_token\"", rejected.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Post_IssuedInTheFuture_Returns401()
    {
        var claims = host.Ehr.Claims(PatientViewUrl);
        var future = SampleHostFixture.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        (claims["iat"], claims["exp"]) = (future, future + 60);

        var token = host.Ehr.Sign(claims);
        await AssertRejectedAsync(await PostPatientViewAsync(token), "not yet valid", token);
    }

    [Fact]
    public async Task Post_LifetimeLongerThanFiveMinutes_Returns401()
    {
        var claims = host.Ehr.Claims(PatientViewUrl);
        claims["exp"] = claims["iat"]!.GetValue<long>() + 301;

        var token = host.Ehr.Sign(claims);
        await AssertRejectedAsync(await PostPatientViewAsync(token), "bad lifetime", token);
    }

    [Fact]
    public async Task Post_NoExp_Returns401()
    {
        var claims = host.Ehr.Claims(PatientViewUrl);
        claims.Remove("exp");

        var token = host.Ehr.Sign(claims);
        await AssertRejectedAsync(await PostPatientViewAsync(token), "bad lifetime", token);
    }

    [Theory]
    [InlineData("https://other-cds.example/cds-services/caresequencing-patient-view")]
    [InlineData(CdsRequests.OrderSelect)]
    [InlineData(CdsRequests.PatientView + "/feedback")]
    public async Task Post_TokenForAnotherEndpoint_Returns401(string audience)
    {
        var token = host.Ehr.Token(new Uri(host.BaseAddress, audience).AbsoluteUri);

        await AssertRejectedAsync(await PostPatientViewAsync(token), "wrong audience", token);
    }

    [Fact]
    public async Task Post_UnknownIssuer_Returns401()
    {
        var stranger = new TestCdsClient("https://stranger.example");

        var token = stranger.Token(PatientViewUrl);
        await AssertRejectedAsync(await PostPatientViewAsync(token), "unknown issuer", token);
    }

    [Fact]
    public async Task Post_SignedByAnUntrustedKeyWithATrustedKid_Returns401()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var key = new ECDsaSecurityKey(ecdsa) { KeyId = TestCdsClient.EcKid };

        var token = TestCdsClient.Sign(host.Ehr.Claims(PatientViewUrl), new SigningCredentials(key, SecurityAlgorithms.EcdsaSha384));
        await AssertRejectedAsync(await PostPatientViewAsync(token), "bad signature", token);
    }

    [Fact]
    public async Task Post_UnknownKid_Returns401()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-2" };

        var token = TestCdsClient.Sign(host.Ehr.Claims(PatientViewUrl), new SigningCredentials(key, SecurityAlgorithms.RsaSha384));
        await AssertRejectedAsync(await PostPatientViewAsync(token), "unknown signing key", token);
    }

    [Fact]
    public async Task Post_AlgNone_Returns401()
    {
        var token = TestCdsClient.AlgNone(host.Ehr.Claims(PatientViewUrl));

        await AssertRejectedAsync(await PostPatientViewAsync(token), "bad signature", token);
    }

    [Fact]
    public async Task Post_Hs256_Returns401()
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = TestCdsClient.EcKid };

        var token = TestCdsClient.Sign(host.Ehr.Claims(PatientViewUrl), new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
        // No trusted key can check an HMAC: an EC or RSA public key is never used as a shared secret.
        await AssertRejectedAsync(await PostPatientViewAsync(token), "bad signature", token);
    }

    [Fact]
    public async Task Post_SameJtiTwice_Returns200Then401()
    {
        var token = host.Ehr.Token(PatientViewUrl);

        using var first = await PostPatientViewAsync(token);
        using var second = await PostPatientViewAsync(token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRejectedAsync(second, "replayed jti", token);
    }

    [Fact]
    public async Task PostFeedback_NoTokenThenAToken_Returns401Then200()
    {
        const string Feedback = CdsRequests.PatientView + "/feedback";
        var body = """{ "feedback": [ { "card": "00000000-0000-8000-8000-000000000000", "outcome": "accepted", "outcomeTimestamp": "2026-11-28T09:07:00Z" } ] }""";

        using var anonymous = await host.Anonymous.PostAsync(new Uri(Feedback, UriKind.Relative), CdsRequests.Json(body));
        using var signed = await host.Client.PostAsync(new Uri(Feedback, UriKind.Relative), CdsRequests.Json(body));

        await AssertRejectedAsync(anonymous, "missing token", token: null);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Fact]
    public async Task GetDiscovery_NoToken_Returns200()
    {
        using var response = await host.Anonymous.GetAsync(new Uri("/cds-services", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostPatientViewAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CdsRequests.PatientView)
        {
            Content = CdsRequests.Json(CdsRequests.Request("patient-view", CdsRequests.PrefetchFrom(CdsRequests.FixtureJson))),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Anonymous.SendAsync(request);
    }

    /// <summary>401 problem details naming the category; neither the response nor the log repeats the token or the body.</summary>
    private async Task AssertRejectedAsync(HttpResponseMessage response, string reason, string? token)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Contains($"({reason})", StringComparison.Ordinal), body);
            Assert.DoesNotContain("p-001", body, StringComparison.Ordinal);
            Assert.Contains(host.Logs.Messages, m => m.EndsWith($"CDS client not authenticated: {reason}", StringComparison.Ordinal));
            if (token is null) return;
            var parts = token.Split('.');
            Assert.DoesNotContain(parts.Where(p => p.Length > 0), p => body.Contains(p, StringComparison.Ordinal));
            Assert.DoesNotContain(host.Logs.Messages, m => parts.Any(p => p.Length > 0 && m.Contains(p, StringComparison.Ordinal)));
        }
    }
}
