using CareSequencing.SampleHost.Security;

namespace CareSequencing.SampleHost.Tests.Security;

public sealed class JtiReplayCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAdd_FullOfLiveEntries_RefusesThenAcceptsOnceOneExpired()
    {
        var cache = new JtiReplayCache(capacity: 2);
        Assert.Equal(JtiOutcome.Added, cache.TryAdd("iss", "a", Now.AddMinutes(1), Now));
        Assert.Equal(JtiOutcome.Added, cache.TryAdd("iss", "b", Now.AddMinutes(5), Now));

        // Forgetting a live jti would let its token be replayed: refuse instead.
        Assert.Equal(JtiOutcome.CacheFull, cache.TryAdd("iss", "c", Now.AddMinutes(5), Now));
        Assert.Equal(JtiOutcome.Added, cache.TryAdd("iss", "c", Now.AddMinutes(5), Now.AddMinutes(2)));
        Assert.Equal(JtiOutcome.Replayed, cache.TryAdd("iss", "b", Now.AddMinutes(5), Now.AddMinutes(2)));
    }

    [Fact]
    public void TryAdd_SameJtiFromAnotherIssuer_IsNotAReplay()
    {
        var cache = new JtiReplayCache(capacity: 10);
        cache.TryAdd("iss-1", "a", Now.AddMinutes(1), Now);

        Assert.Equal(JtiOutcome.Added, cache.TryAdd("iss-2", "a", Now.AddMinutes(1), Now));
    }
}
