using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareSequencing.SampleHost.Security;

/// <summary>
/// CDS Hooks 2.0 "Trusting CDS Clients": each call carries <c>Authorization: Bearer &lt;JWT&gt;</c>
/// signed with the client's private key. Verified here: signature (asymmetric algorithms only) by a
/// key of a configured trusted issuer, <c>aud</c> = the URL of the endpoint called, <c>exp</c>/<c>iat</c>
/// on the container's clock, and <c>jti</c> seen only once.
/// </summary>
internal static class CdsClientAuthentication
{
    public const string Policy = "CdsClient";

    /// <summary>
    /// The spec names ES384 and RS384; the other ECDSA, RSA and RSA-PSS sizes are as safe. Never
    /// <c>none</c> nor HMAC: a service holding the client's secret could forge its calls.
    /// </summary>
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>
    /// Registers authentication from <c>CareSequencing</c> configuration: required as soon as one trusted
    /// client is configured; otherwise anonymous, which <see cref="AnonymousModeCheck"/> then guards.
    /// </summary>
    public static AuthenticationMode Add(WebApplicationBuilder builder, IConfigurationSection section)
    {
        var clients = TrustedClients.Load(section.GetSection("TrustedClients"));
        var allowAnonymous = section.GetValue<bool?>("AllowAnonymous");
        if (allowAnonymous == true || (clients.Count == 0 && allowAnonymous is null))
        {
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AnonymousModeCheck>(sp, allowAnonymous == true));
            return allowAnonymous == true ? AuthenticationMode.AnonymousForced : AuthenticationMode.AnonymousLoopback;
        }
        if (clients.Count == 0)
            throw new InvalidOperationException("CareSequencing:AllowAnonymous is false and no CareSequencing:TrustedClients is configured: no CDS client could call this service.");

        var publicBaseUrl = PublicBaseUrl(section["PublicBaseUrl"]);
        var clockSkew = section.GetValue("ClockSkew", TimeSpan.FromSeconds(30));
        var maxLifetime = section.GetValue("MaxTokenLifetime", TimeSpan.FromMinutes(5));
        var replayCapacity = section.GetValue("ReplayCacheSize", 100_000);
        builder.Services.AddSingleton(clients);
        builder.Services.AddSingleton(new JtiReplayCache(replayCapacity));
        builder.Services.AddSingleton(sp => new TokenLifetime(sp.GetRequiredService<TimeProvider>(), clockSkew, maxLifetime));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenLifetime, JtiReplayCache, ILoggerFactory>((options, lifetime, replay, loggers) =>
                Configure(options, clients, lifetime, replay, publicBaseUrl, loggers.CreateLogger(typeof(CdsClientAuthentication).FullName!)));
        builder.Services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser()));
        return AuthenticationMode.Required;
    }

    /// <summary>The URL the client had to put in <c>aud</c>: the endpoint called, as the client sees it.</summary>
    public static string EndpointUrl(HttpRequest request, string? publicBaseUrl) =>
        publicBaseUrl is null
            ? UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path)
            : publicBaseUrl + (request.PathBase + request.Path).ToUriComponent();

    private static void Configure(JwtBearerOptions options, TrustedClients clients, TokenLifetime lifetime, JtiReplayCache replay, string? publicBaseUrl, ILogger logger)
    {
        options.MapInboundClaims = false;
        // Error details would put IdentityModel's messages in the response header; the 401 body says the category instead.
        options.IncludeErrorDetails = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            IssuerSigningKeyResolver = (_, token, kid, _) => clients.ResolveKeys(token.Issuer, kid),
            TryAllIssuerSigningKeys = false,
            ValidateIssuer = true,
            ValidIssuers = clients.Issuers,
            // The expected audience is the URL of the request, known only per call: checked in OnTokenValidated.
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = lifetime.Validate,
            ClockSkew = lifetime.ClockSkew,
            NameClaimType = JwtRegisteredClaimNames.Iss,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                // Only after the signature is verified: an unsigned jti must not fill the replay cache.
                var failure = CheckAudienceAndReplay((JsonWebToken)context.SecurityToken, EndpointUrl(context.Request, publicBaseUrl), lifetime, replay);
                if (failure is not null) context.Fail(failure);
                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                context.HandleResponse();
                return TokenRejection.WriteAsync(context.HttpContext, context.AuthenticateFailure, logger);
            },
        };
    }

    private static CdsTokenException? CheckAudienceAndReplay(JsonWebToken token, string endpointUrl, TokenLifetime lifetime, JtiReplayCache replay)
    {
        // A token made for another service (or another endpoint of this one) must not be usable here.
        if (!token.Audiences.Contains(endpointUrl, StringComparer.Ordinal)) return new CdsTokenException("wrong audience");
        if (!token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var jti) || string.IsNullOrEmpty(jti))
            return new CdsTokenException("no jti");
        // Kept while the token could still pass the lifetime check, clock skew included.
        var keepUntil = new DateTimeOffset(token.ValidTo, TimeSpan.Zero) + lifetime.ClockSkew;
        return replay.TryAdd(token.Issuer, jti, keepUntil, lifetime.Now) switch
        {
            JtiOutcome.Replayed => new CdsTokenException("replayed jti"),
            JtiOutcome.CacheFull => new CdsTokenException("replay cache full"),
            _ => null,
        };
    }

    private static string? PublicBaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new InvalidOperationException("CareSequencing:PublicBaseUrl must be an absolute http(s) URL, e.g. https://cds.example.org.");
        return value.TrimEnd('/');
    }
}

/// <summary>How the service and feedback endpoints treat calls.</summary>
internal enum AuthenticationMode
{
    /// <summary>A valid JWT of a trusted client is required.</summary>
    Required,

    /// <summary>No trusted client configured: anonymous, on loopback addresses only.</summary>
    AnonymousLoopback,

    /// <summary><c>CareSequencing:AllowAnonymous=true</c>: anonymous wherever it listens (development only).</summary>
    AnonymousForced,
}
