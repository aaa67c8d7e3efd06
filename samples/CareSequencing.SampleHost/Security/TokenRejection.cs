using Microsoft.IdentityModel.Tokens;

namespace CareSequencing.SampleHost.Security;

/// <summary>
/// Why a call was refused, as a category: logs and responses name the category only, never the token,
/// its claims or the body (which carries patient data).
/// </summary>
internal static partial class TokenRejection
{
    public const string Missing = "missing token";

    /// <summary>The category of an authentication failure.</summary>
    public static string Reason(Exception? failure) => failure switch
    {
        null => Missing,
        CdsTokenException e => e.Reason,
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenNoExpirationException or SecurityTokenInvalidLifetimeException => "bad lifetime",
        SecurityTokenInvalidIssuerException => "unknown issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm not accepted",
        SecurityTokenSignatureKeyNotFoundException => "unknown signing key",
        SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenMalformedException or ArgumentException => "malformed token",
        _ => "invalid token",
    };

    /// <summary>
    /// 401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750: <c>error="invalid_token"</c> only when a
    /// token was sent) and a problem-details body that states the category.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, Exception? failure, ILogger logger)
    {
        var reason = Reason(failure);
        LogRejected(logger, context.Request.Path, reason);
        context.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The CDS client is not authenticated.",
                detail: $"Send 'Authorization: Bearer <JWT>' signed by a trusted CDS client for the URL of this endpoint ({reason}).")
            .ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: CDS client not authenticated: {Reason}")]
    private static partial void LogRejected(ILogger logger, string path, string reason);
}

/// <summary>A check of this service on a token the library found well signed: audience, replay.</summary>
internal sealed class CdsTokenException(string reason) : SecurityTokenValidationException(reason)
{
    public string Reason { get; } = reason;
}
