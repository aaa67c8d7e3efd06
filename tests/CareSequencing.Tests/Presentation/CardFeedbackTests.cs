using CareSequencing.Presentation;

namespace CareSequencing.Tests.Presentation;

public sealed class CardFeedbackTests
{
    private static Advice Evaluate() => TestData.Evaluator().Evaluate(TestData.FullPatient);

    private static string FeedbackJson(string card, string outcome, string extra = "") => $$"""
        { "feedback": [ { "card": "{{card}}", "outcome": "{{outcome}}", "outcomeTimestamp": "2026-11-23T09:15:00Z"{{extra}} } ] }
        """;

    [Fact]
    public void Parse_OverriddenFeedback_ReadsReasonCommentAndTimestamp()
    {
        var json = FeedbackJson("abc", "overridden",
            """, "overrideReason": { "reason": { "code": "benefit-outweighs-risk", "system": "urn:caresequencing:cds-hooks:override-reason" }, "userComment": "discussed" }""");

        var entry = Assert.Single(CardFeedbackReader.Parse(json));

        Assert.Equal(new CardFeedback("abc", CardOutcome.Overridden, entry.AcceptedSuggestions, "benefit-outweighs-risk", "discussed",
            new DateTimeOffset(2026, 11, 23, 9, 15, 0, TimeSpan.Zero)), entry);
        Assert.Empty(entry.AcceptedSuggestions);
    }

    [Fact]
    public void Parse_AcceptedFeedback_ReadsSuggestions()
    {
        var entry = Assert.Single(CardFeedbackReader.Parse(FeedbackJson("abc", "accepted", """, "acceptedSuggestions": [ { "id": "s1" } ]""")));

        Assert.Equal(CardOutcome.Accepted, entry.Outcome);
        Assert.Equal(["s1"], entry.AcceptedSuggestions);
        Assert.Null(entry.OverrideReasonCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "cards": [] }""")]
    [InlineData("""{ "feedback": [ { "card": "a", "outcome": "maybe", "outcomeTimestamp": "2026-11-23T09:15:00Z" } ] }""")]
    [InlineData("""{ "feedback": [ { "outcome": "accepted", "outcomeTimestamp": "2026-11-23T09:15:00Z" } ] }""")]
    [InlineData("""{ "feedback": [ { "card": "a", "outcome": "accepted" } ] }""")]
    public void Parse_Invalid_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => CardFeedbackReader.Parse(json));
    }

    [Fact]
    public void Record_ResolvesCardToRuleAndPackVersion_WithoutComment()
    {
        var advice = Evaluate();
        var alert = advice.Alerts.Single(a => a.RuleId == "t.ix.ssri-tramadol");
        var feedback = CardFeedbackReader.Parse(FeedbackJson(CdsHooksWriter.CardUuid(alert), "overridden",
            """, "overrideReason": { "reason": { "code": "patient-already-informed" }, "userComment": "free text" }"""));
        var sink = new InMemoryCardFeedbackSink();

        var result = CardIndex.For(advice).Record(feedback, sink);

        Assert.Empty(result.UnknownCards);
        var recorded = Assert.Single(sink.Entries);
        Assert.Equal(new CardOrigin("t.ix.ssri-tramadol", "test-basic", "1.2.3"), recorded.Origin);
        Assert.Equal("patient-already-informed", recorded.OverrideReasonCode);
        Assert.Equal(CardOutcome.Overridden, recorded.Outcome);
        Assert.DoesNotContain("free text", recorded.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Record_ResolvesAProposalCardFromASecondEvaluation()
    {
        var proposal = Evaluate().Proposals[0];
        var index = CardIndex.For(Evaluate());

        Assert.True(index.TryResolve(CdsHooksWriter.CardUuid(proposal), out var origin));
        Assert.Equal(proposal.RuleId, origin.RuleId);
        Assert.True(index.TryResolve("urn:uuid:" + CdsHooksWriter.CardUuid(proposal), out _));
        Assert.Equal(Evaluate().Alerts.Count + Evaluate().Proposals.Count, index.Count);
    }

    [Fact]
    public void Record_UnknownCard_IsReported_NotThrown()
    {
        var sink = new InMemoryCardFeedbackSink();
        var feedback = CardFeedbackReader.Parse(FeedbackJson("00000000-0000-0000-0000-000000000000", "accepted"));

        var result = CardIndex.For(Evaluate()).Record(feedback, sink);

        Assert.Equal(["00000000-0000-0000-0000-000000000000"], result.UnknownCards);
        Assert.Empty(result.Recorded);
        Assert.Empty(sink.Entries);
    }

    [Fact]
    public void InMemorySink_IsThreadSafe()
    {
        var sink = new InMemoryCardFeedbackSink();
        var entry = new RuleFeedback(new CardOrigin("r", "p", "1.0.0"), "u", CardOutcome.Accepted, null, DateTimeOffset.UnixEpoch);

        Parallel.For(0, 1000, _ => sink.Record(entry));

        Assert.Equal(1000, sink.Entries.Count);
    }
}
