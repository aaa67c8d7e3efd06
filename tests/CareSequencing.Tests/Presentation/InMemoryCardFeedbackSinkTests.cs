using CareSequencing.Presentation;

namespace CareSequencing.Tests.Presentation;

public sealed class InMemoryCardFeedbackSinkTests
{
    private static RuleFeedback Entry(int i) =>
        new(new CardOrigin("r", "p", "1.0.0"), $"card-{i}", CardOutcome.Accepted, null, new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).AddSeconds(i));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Record_UpToCapacity_KeepsAll_OneMore_DropsTheOldest(int capacity)
    {
        var sink = new InMemoryCardFeedbackSink(capacity);

        for (var i = 0; i < capacity; i++) sink.Record(Entry(i));

        Assert.Equal(capacity, sink.Entries.Count);
        Assert.Equal(0, sink.Dropped);

        sink.Record(Entry(capacity));

        Assert.Equal(capacity, sink.Entries.Count);
        Assert.Equal(1, sink.Dropped);
        Assert.Equal(Enumerable.Range(1, capacity).Select(i => $"card-{i}"), sink.Entries.Select(e => e.CardUuid));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Constructor_CapacityBelowOne_Throws(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryCardFeedbackSink(capacity));

    [Fact]
    public void Constructor_WithoutCapacity_IsBoundedByTheDefault()
    {
        var sink = new InMemoryCardFeedbackSink();

        for (var i = 0; i < InMemoryCardFeedbackSink.DefaultCapacity + 7; i++) sink.Record(Entry(i));

        Assert.Equal(InMemoryCardFeedbackSink.DefaultCapacity, sink.Capacity);
        Assert.Equal(InMemoryCardFeedbackSink.DefaultCapacity, sink.Entries.Count);
        Assert.Equal(7, sink.Dropped);
    }

    [Fact]
    public void Record_FromManyThreads_NeverExceedsTheCapacity_AndCountsEveryDrop()
    {
        var sink = new InMemoryCardFeedbackSink(100);

        Parallel.For(0, 20_000, i => sink.Record(Entry(i)));

        Assert.Equal(100, sink.Entries.Count);
        Assert.Equal(19_900, sink.Dropped);
        Assert.Equal(100, sink.Entries.Select(e => e.CardUuid).Distinct(StringComparer.Ordinal).Count());
    }
}
