using Microsoft.IdentityModel.Tokens;

namespace CareSequencing.SampleHost.Security;

/// <summary>
/// The CDS clients this service trusts (<c>CareSequencing:TrustedClients</c>): for each issuer, the
/// public keys of its JWK Set, given inline or as a file. Keys are never fetched from the network
/// (not from a token's <c>jku</c> either): a key a token names cannot make itself trusted.
/// </summary>
internal sealed class TrustedClients
{
    private readonly Dictionary<string, IReadOnlyList<JsonWebKey>> _keysByIssuer;

    private TrustedClients(Dictionary<string, IReadOnlyList<JsonWebKey>> keysByIssuer) => _keysByIssuer = keysByIssuer;

    public IReadOnlyCollection<string> Issuers => _keysByIssuer.Keys;

    public int Count => _keysByIssuer.Count;

    /// <summary>Reads and checks the section; a bad entry stops the start-up rather than silently trusting less (or more).</summary>
    public static TrustedClients Load(IConfigurationSection section)
    {
        var keysByIssuer = new Dictionary<string, IReadOnlyList<JsonWebKey>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var client in section.GetChildren())
        {
            var where = $"CareSequencing:TrustedClients:{index++}";
            var issuer = client["Issuer"];
            if (string.IsNullOrWhiteSpace(issuer)) throw new InvalidOperationException($"{where}:Issuer is missing.");
            var jwks = client["Jwks"];
            if (string.IsNullOrWhiteSpace(jwks)) throw new InvalidOperationException($"{where}:Jwks is missing (a JWK Set as JSON, or the path of a file holding it).");
            if (!keysByIssuer.TryAdd(issuer, ReadKeys(jwks, where)))
                throw new InvalidOperationException($"{where}:Issuer is configured twice.");
        }
        return new TrustedClients(keysByIssuer);
    }

    /// <summary>
    /// The keys that may have signed this token: those of its issuer whose <c>kid</c> is the token's.
    /// The spec requires <c>kid</c>; without it, or with a kid the issuer does not have, no key is returned.
    /// </summary>
    public IEnumerable<SecurityKey> ResolveKeys(string? issuer, string? kid)
    {
        if (issuer is null || !_keysByIssuer.TryGetValue(issuer, out var keys))
            throw new SecurityTokenInvalidIssuerException("The token's issuer is not a trusted CDS client.");
        return string.IsNullOrEmpty(kid) ? [] : keys.Where(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
    }

    private static List<JsonWebKey> ReadKeys(string jwks, string where)
    {
        // Inline JSON starts with '{'; anything else is a file path, read from the working directory when relative.
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(jwks.TrimStart().StartsWith('{') ? jwks : File.ReadAllText(Path.GetFullPath(jwks)));
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{where}:Jwks: cannot read the file: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{where}:Jwks is not a JWK Set.", e);
        }
        if (set.Keys.Count == 0) throw new InvalidOperationException($"{where}:Jwks has no key.");
        foreach (var key in set.Keys)
        {
            // Only public asymmetric keys: a shared secret would let anyone holding this file sign as the client.
            if (key.Kty is not (JsonWebAlgorithmsKeyTypes.EllipticCurve or JsonWebAlgorithmsKeyTypes.RSA))
                throw new InvalidOperationException($"{where}:Jwks: key type '{key.Kty}' is not accepted (EC or RSA public keys only).");
            if (key.HasPrivateKey) throw new InvalidOperationException($"{where}:Jwks holds a private key; give the public keys only.");
            if (string.IsNullOrEmpty(key.Kid)) throw new InvalidOperationException($"{where}:Jwks: every key needs a 'kid' (tokens name their key by it).");
        }
        return [.. set.Keys];
    }
}
