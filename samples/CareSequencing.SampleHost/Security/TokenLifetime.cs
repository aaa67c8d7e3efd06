using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareSequencing.SampleHost.Security;

/// <summary>
/// Lifetime checks on the container's <see cref="TimeProvider"/> (IdentityModel's own check reads the
/// system clock, which would make the service and its tests disagree on "now"). CDS Hooks tokens are
/// short-lived: <c>exp</c> and <c>iat</c> are required, and <c>exp</c> may not lie more than
/// <paramref name="maxLifetime"/> after <c>iat</c>, so that a leaked token is soon useless and the
/// <c>jti</c> cache stays small.
/// </summary>
internal sealed class TokenLifetime(TimeProvider time, TimeSpan clockSkew, TimeSpan maxLifetime)
{
    public TimeSpan ClockSkew => clockSkew;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A <see cref="LifetimeValidator"/>: throws the exception that names what is wrong, so the log can say it.</summary>
    public bool Validate(DateTime? notBefore, DateTime? expires, SecurityToken securityToken, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null) throw new SecurityTokenNoExpirationException("The token has no 'exp'.");
        if (securityToken is not JsonWebToken token || !token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iatSeconds))
            throw new SecurityTokenInvalidLifetimeException("The token has no 'iat'.");
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iatSeconds).UtcDateTime;

        if (expires.Value + clockSkew < now) throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        if (notBefore > now + clockSkew || issuedAt > now + clockSkew)
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = notBefore ?? issuedAt };
        if (expires.Value - issuedAt > maxLifetime || expires.Value < issuedAt)
            throw new SecurityTokenInvalidLifetimeException("The token's lifetime ('exp' - 'iat') is longer than allowed.");
        return true;
    }
}
