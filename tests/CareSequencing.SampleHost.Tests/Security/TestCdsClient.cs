using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareSequencing.SampleHost.Tests.Security;

/// <summary>
/// A CDS client (EHR) with its own keys, as the spec has it: it signs a short-lived JWT for every call
/// and publishes the public half as a JWK Set, which the host is configured to trust.
/// </summary>
public sealed class TestCdsClient
{
    public const string EcKid = "ec-1";
    public const string RsaKid = "rsa-1";

    private readonly ECDsaSecurityKey _ecKey;
    private readonly RsaSecurityKey _rsaKey;

    public TestCdsClient(string issuer)
    {
        Issuer = issuer;
        _ecKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = EcKid };
        _rsaKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = RsaKid };
    }

    public string Issuer { get; }

    /// <summary>The public keys only, as a JWK Set: what the client gives the service.</summary>
    public string JwksJson()
    {
        var ec = _ecKey.ECDsa.ExportParameters(includePrivateParameters: false);
        var rsa = _rsaKey.Rsa.ExportParameters(includePrivateParameters: false);
        var keys = new JsonArray(
            new JsonObject { ["kty"] = "EC", ["crv"] = "P-384", ["kid"] = EcKid, ["use"] = "sig", ["x"] = B64(ec.Q.X!), ["y"] = B64(ec.Q.Y!) },
            new JsonObject { ["kty"] = "RSA", ["kid"] = RsaKid, ["use"] = "sig", ["n"] = B64(rsa.Modulus!), ["e"] = B64(rsa.Exponent!) });
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    /// <summary>The claims a conforming client sends: iss, aud, iat = now, exp = now + 5 min, a fresh jti.</summary>
    public JsonObject Claims(string audience)
    {
        var now = SampleHostFixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = "cds-client",
            ["aud"] = audience,
            ["iat"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString(),
            ["tenant"] = "hospital-1",
        };
    }

    /// <summary>ES384 with the client's EC key, or RS384 with its RSA key.</summary>
    public string Sign(JsonObject claims, bool rsa = false) =>
        Sign(claims, rsa ? new SigningCredentials(_rsaKey, SecurityAlgorithms.RsaSha384) : new SigningCredentials(_ecKey, SecurityAlgorithms.EcdsaSha384));

    public string Token(string audience, bool rsa = false) => Sign(Claims(audience), rsa);

    /// <summary>Signs with any credentials (another key, HMAC), keeping the payload exactly as given.</summary>
    public static string Sign(JsonObject claims, SigningCredentials credentials) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(claims.ToJsonString(), credentials);

    /// <summary>An unsecured JWT (<c>alg: none</c>), which the service must never accept.</summary>
    public static string AlgNone(JsonObject claims) =>
        B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid = EcKid }))) + "." +
        B64(Encoding.UTF8.GetBytes(claims.ToJsonString())) + ".";

    private static string B64(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}

/// <summary>Adds a fresh token for the URL called to every request, as a CDS client does.</summary>
internal sealed class SigningHandler(TestCdsClient client) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new("Bearer", client.Token(request.RequestUri!.AbsoluteUri));
        return base.SendAsync(request, cancellationToken);
    }
}
