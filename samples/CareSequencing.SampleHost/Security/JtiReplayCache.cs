namespace CareSequencing.SampleHost.Security;

/// <summary>
/// The <c>jti</c> of every accepted token until it expires, so that a captured token cannot be
/// played again. Bounded: when full of unexpired entries a new token is refused (fail closed) rather
/// than forgetting one that could then be replayed. In memory, per instance: a farm of instances
/// behind a load balancer would need a shared store.
/// </summary>
internal sealed class JtiReplayCache(int capacity)
{
    private readonly Dictionary<(string Issuer, string Jti), DateTimeOffset> _seen = [];
    private readonly Lock _lock = new();

    /// <summary>Records the token, unless it was seen before (a replay) or the cache is full of unexpired entries.</summary>
    public JtiOutcome TryAdd(string issuer, string jti, DateTimeOffset keepUntil, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_seen.TryGetValue((issuer, jti), out var until) && until >= now) return JtiOutcome.Replayed;
            if (_seen.Count >= capacity)
            {
                foreach (var expired in _seen.Where(e => e.Value < now).Select(e => e.Key).ToList()) _seen.Remove(expired);
                if (_seen.Count >= capacity) return JtiOutcome.CacheFull;
            }
            _seen[(issuer, jti)] = keepUntil;
            return JtiOutcome.Added;
        }
    }
}

internal enum JtiOutcome
{
    Added,
    Replayed,
    CacheFull,
}
