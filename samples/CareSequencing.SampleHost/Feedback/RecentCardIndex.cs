using CareSequencing.Presentation;

namespace CareSequencing.SampleHost.Feedback;

/// <summary>
/// The card uuids of recent responses, so feedback can be tied to rule and pack version. Bounded:
/// the oldest responses are forgotten first. Thread-safe.
/// </summary>
/// <remarks>
/// Card uuids depend on pack version, rule and codes, not on the patient, so the same uuid from two
/// responses resolves to the same origin; any index holding it will do. A host with several instances
/// would keep this in a shared store.
/// </remarks>
internal sealed class RecentCardIndex(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (CardIndex Index, long Generation)> _byCard = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<(string[] Cards, long Generation)> _order = new();
    private long _generation;

    /// <summary>Remembers the cards of a response.</summary>
    public void Add(Advice advice)
    {
        var index = CardIndex.For(advice);
        string[] cards = [.. advice.Alerts.Select(CdsHooksWriter.CardUuid), .. advice.Proposals.Select(CdsHooksWriter.CardUuid)];
        if (cards.Length == 0) return;
        lock (_gate)
        {
            var generation = ++_generation;
            foreach (var card in cards) _byCard[card] = (index, generation);
            _order.Enqueue((cards, generation));
            while (_order.Count > Math.Max(1, capacity))
            {
                var (old, oldGeneration) = _order.Dequeue();
                // Only forget a card whose latest response is the one leaving.
                foreach (var card in old)
                    if (_byCard.TryGetValue(card, out var entry) && entry.Generation == oldGeneration) _byCard.Remove(card);
            }
        }
    }

    /// <summary>Records each entry whose card is known; reports the others.</summary>
    public FeedbackRecordResult Record(IReadOnlyList<CardFeedback> feedback, ICardFeedbackSink sink)
    {
        var recorded = new List<RuleFeedback>();
        var unknown = new List<string>();
        foreach (var entry in feedback)
        {
            var index = Find(entry.CardUuid);
            if (index is null)
            {
                unknown.Add(entry.CardUuid);
                continue;
            }
            var result = index.Record([entry], sink);
            recorded.AddRange(result.Recorded);
            unknown.AddRange(result.UnknownCards);
        }
        return new FeedbackRecordResult(recorded, unknown);
    }

    private CardIndex? Find(string cardUuid)
    {
        const string UrnPrefix = "urn:uuid:";
        var uuid = cardUuid.StartsWith(UrnPrefix, StringComparison.OrdinalIgnoreCase) ? cardUuid[UrnPrefix.Length..] : cardUuid;
        lock (_gate) return _byCard.TryGetValue(uuid, out var entry) ? entry.Index : null;
    }
}
