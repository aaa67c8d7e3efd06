using System.Globalization;
using System.Text.Json;

namespace CareSequencing.Presentation;

/// <summary>What the clinician did with a card.</summary>
public enum CardOutcome
{
    /// <summary>A suggestion of the card was accepted.</summary>
    Accepted,
    /// <summary>The card was dismissed, possibly with a reason.</summary>
    Overridden,
}

/// <summary>One feedback entry of a CDS Hooks feedback request. Immutable.</summary>
/// <param name="CardUuid">The card's uuid, as written by <see cref="CdsHooksWriter"/>.</param>
/// <param name="Outcome">Accepted or overridden.</param>
/// <param name="AcceptedSuggestions">The uuids of the accepted suggestions.</param>
/// <param name="OverrideReasonCode">The override reason code, when one was given.</param>
/// <param name="Comment">The clinician's free-text comment, when given. Never kept by <see cref="CardIndex.Record"/>.</param>
/// <param name="Timestamp">When the outcome happened.</param>
public sealed record CardFeedback(string CardUuid, CardOutcome Outcome, IReadOnlyList<string> AcceptedSuggestions,
    string? OverrideReasonCode, string? Comment, DateTimeOffset Timestamp);

/// <summary>Reads the body of a CDS Hooks feedback request, <c>{ "feedback": [...] }</c>.</summary>
public static class CardFeedbackReader
{
    /// <summary>Parses the feedback entries.</summary>
    /// <param name="json">The request body.</param>
    /// <returns>The entries, in request order.</returns>
    /// <exception cref="FormatException">The body is not valid feedback JSON; the message names the entry, never its values.</exception>
    public static IReadOnlyList<CardFeedback> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("feedback", out var entries)
                || entries.ValueKind != JsonValueKind.Array)
                throw new FormatException("Feedback must be an object with a 'feedback' array.");
            var result = new List<CardFeedback>(entries.GetArrayLength());
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                result.Add(ReadEntry(entry, index));
                index++;
            }
            return result;
        }
        catch (JsonException ex)
        {
            throw new FormatException("Feedback is not valid JSON.", ex);
        }
    }

    private static CardFeedback ReadEntry(JsonElement entry, int index)
    {
        string Fail(string what) => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"feedback[{index}]: {what}."));
        if (entry.ValueKind != JsonValueKind.Object) Fail("not an object");
        var card = String(entry, "card") ?? Fail("'card' is missing");
        var outcome = String(entry, "outcome") switch
        {
            "accepted" => CardOutcome.Accepted,
            "overridden" => CardOutcome.Overridden,
            _ => (CardOutcome)(-1),
        };
        if (!Enum.IsDefined(outcome)) Fail("'outcome' must be 'accepted' or 'overridden'");
        var timestampText = String(entry, "outcomeTimestamp") ?? Fail("'outcomeTimestamp' is missing");
        if (!DateTimeOffset.TryParse(timestampText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var timestamp))
            Fail("'outcomeTimestamp' is not an ISO 8601 date-time");

        var accepted = new List<string>();
        if (entry.TryGetProperty("acceptedSuggestions", out var suggestions) && suggestions.ValueKind == JsonValueKind.Array)
        {
            foreach (var suggestion in suggestions.EnumerateArray())
                if (String(suggestion, "id") is { } id) accepted.Add(id);
        }

        string? reasonCode = null, comment = null;
        if (entry.TryGetProperty("overrideReason", out var overrideReason) && overrideReason.ValueKind == JsonValueKind.Object)
        {
            if (overrideReason.TryGetProperty("reason", out var reason)) reasonCode = String(reason, "code");
            comment = String(overrideReason, "userComment");
        }
        return new CardFeedback(card, outcome, accepted, reasonCode, comment, timestamp);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>Where a card came from: the rule and the pack version that produced it.</summary>
/// <param name="RuleId">The rule (or interaction entry) id.</param>
/// <param name="PackId">The pack id.</param>
/// <param name="PackVersion">The pack version.</param>
public sealed record CardOrigin(string RuleId, string PackId, string PackVersion);

/// <summary>Feedback tied to a rule and pack version, without patient data or free text.</summary>
/// <param name="Origin">The rule and pack version of the card.</param>
/// <param name="CardUuid">The card uuid.</param>
/// <param name="Outcome">Accepted or overridden.</param>
/// <param name="OverrideReasonCode">The override reason code, when one was given.</param>
/// <param name="Timestamp">When the outcome happened.</param>
public sealed record RuleFeedback(CardOrigin Origin, string CardUuid, CardOutcome Outcome, string? OverrideReasonCode, DateTimeOffset Timestamp);

/// <summary>The result of recording feedback: what was recorded, and the card uuids no card of the advice had.</summary>
/// <param name="Recorded">The entries recorded, in request order.</param>
/// <param name="UnknownCards">Card uuids that match no card of the advice; nothing was recorded for them.</param>
public sealed record FeedbackRecordResult(IReadOnlyList<RuleFeedback> Recorded, IReadOnlyList<string> UnknownCards);

/// <summary>Receives feedback tied to rules. Implementations must be thread-safe.</summary>
public interface ICardFeedbackSink
{
    /// <summary>Records one entry.</summary>
    /// <param name="feedback">The entry.</param>
    void Record(RuleFeedback feedback);
}

/// <summary>
/// A thread-safe, bounded in-memory <see cref="ICardFeedbackSink"/>, for tests and small hosts: it keeps
/// the last <see cref="Capacity"/> entries and drops the oldest beyond that (counted in
/// <see cref="Dropped"/>), so feedback can never grow a host's memory without end.
/// </summary>
/// <remarks>
/// Oldest-dropped rather than refusing: feedback is a record of what clinicians did with cards, and a
/// full sink must not turn a clinician's click into an error. A host that must keep every entry
/// registers a durable <see cref="ICardFeedbackSink"/> instead.
/// </remarks>
public sealed class InMemoryCardFeedbackSink : ICardFeedbackSink
{
    /// <summary>The capacity of a sink made without one: 10,000 entries (a few MB).</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<RuleFeedback> _entries = new();
    private long _dropped;

    /// <summary>A sink that keeps the last <see cref="DefaultCapacity"/> entries.</summary>
    public InMemoryCardFeedbackSink()
        : this(DefaultCapacity)
    {
    }

    /// <summary>A sink that keeps the last <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">How many entries to keep; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public InMemoryCardFeedbackSink(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many entries the sink keeps.</summary>
    public int Capacity { get; }

    /// <summary>How many entries were dropped, oldest first, to stay within <see cref="Capacity"/>.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate) return _dropped;
        }
    }

    /// <inheritdoc/>
    public void Record(RuleFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
                _dropped++;
            }
            _entries.Enqueue(feedback);
        }
    }

    /// <summary>A snapshot of the entries kept, in arrival order (at most <see cref="Capacity"/>).</summary>
    public IReadOnlyList<RuleFeedback> Entries
    {
        get
        {
            lock (_gate) return [.. _entries];
        }
    }
}

/// <summary>Maps the card uuids of one <see cref="Advice"/> back to rule id and pack version. Immutable.</summary>
public sealed class CardIndex
{
    private readonly Dictionary<string, CardOrigin> _origins;

    private CardIndex(Dictionary<string, CardOrigin> origins) => _origins = origins;

    /// <summary>Indexes the cards <see cref="CdsHooksWriter"/> writes for the advice.</summary>
    /// <param name="advice">The advice.</param>
    /// <returns>The index.</returns>
    public static CardIndex For(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var origins = new Dictionary<string, CardOrigin>(StringComparer.OrdinalIgnoreCase);
        foreach (var alert in advice.Alerts) origins[CdsHooksWriter.CardUuid(alert)] = Origin(alert.Explanation);
        foreach (var proposal in advice.Proposals) origins[CdsHooksWriter.CardUuid(proposal)] = Origin(proposal.Explanation);
        return new CardIndex(origins);
    }

    /// <summary>The number of cards.</summary>
    public int Count => _origins.Count;

    /// <summary>Finds where a card came from.</summary>
    /// <param name="cardUuid">The card uuid.</param>
    /// <param name="origin">The rule and pack version, when found.</param>
    /// <returns>Whether the uuid is a card of the advice.</returns>
    public bool TryResolve(string cardUuid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CardOrigin? origin)
    {
        ArgumentNullException.ThrowIfNull(cardUuid);
        // CDS Hooks 3.0 validators read the card id as urn:uuid:...; accept both spellings.
        const string UrnPrefix = "urn:uuid:";
        var uuid = cardUuid.StartsWith(UrnPrefix, StringComparison.OrdinalIgnoreCase) ? cardUuid[UrnPrefix.Length..] : cardUuid;
        return _origins.TryGetValue(uuid, out origin);
    }

    /// <summary>
    /// Records each entry whose card is known in the sink, tied to rule id and pack version; the
    /// clinician's comment is dropped because free text may hold patient data. Unknown cards are
    /// reported, not thrown.
    /// </summary>
    /// <param name="feedback">The parsed entries.</param>
    /// <param name="sink">Where to record.</param>
    /// <returns>What was recorded and which card uuids were unknown.</returns>
    public FeedbackRecordResult Record(IEnumerable<CardFeedback> feedback, ICardFeedbackSink sink)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(sink);
        var recorded = new List<RuleFeedback>();
        var unknown = new List<string>();
        foreach (var entry in feedback)
        {
            if (!TryResolve(entry.CardUuid, out var origin))
            {
                unknown.Add(entry.CardUuid);
                continue;
            }
            var ruleFeedback = new RuleFeedback(origin, entry.CardUuid, entry.Outcome, entry.OverrideReasonCode, entry.Timestamp);
            sink.Record(ruleFeedback);
            recorded.Add(ruleFeedback);
        }
        return new FeedbackRecordResult(recorded, unknown);
    }

    private static CardOrigin Origin(Explanation explanation) =>
        new(explanation.RuleId, explanation.Pack.Id, explanation.Pack.Version);
}
