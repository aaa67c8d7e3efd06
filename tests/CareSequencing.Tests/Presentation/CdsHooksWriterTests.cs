using System.Globalization;
using System.Text.Json;
using CareSequencing.Presentation;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Presentation;

public sealed class CdsHooksWriterTests
{
    private static Advice Evaluate(PatientContext? patient = null, string language = "en") =>
        TestData.Evaluator().Evaluate(patient ?? TestData.FullPatient, new EvaluationSettings { Language = language });

    private static List<JsonElement> Cards(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("cards").EnumerateArray()];

    [Fact]
    public void Write_OneCardPerAlertThenPerProposal_InOrder()
    {
        var advice = Evaluate();

        var cards = Cards(CdsHooksWriter.Write(advice));

        Assert.NotEmpty(advice.Alerts);
        Assert.NotEmpty(advice.Proposals);
        Assert.Equal(advice.Alerts.Count + advice.Proposals.Count, cards.Count);
        var expectedTopics = advice.Alerts.Select(a => a.RuleId).Concat(advice.Proposals.Select(p => p.RuleId));
        Assert.Equal(expectedTopics, cards.Select(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()));
        Assert.All(cards, c => Assert.Equal("urn:caresequencing:rule", c.GetProperty("source").GetProperty("topic").GetProperty("system").GetString()));
        Assert.All(cards, c => Assert.Equal("test-basic@1.2.3", c.GetProperty("source").GetProperty("label").GetString()));
    }

    // A medication the interaction checks cannot read (its name carries a marker that must not leak) and no age.
    private static PatientContext PatientWithWarnings() => TestData.FullPatient with
    {
        Medications = [.. TestData.FullPatient.Medications, new PatientMedication("TRAMADOL") { Name = "Qx9Mrk" }],
        Age = null,
        BirthDate = null,
    };

    [Fact]
    public void Write_AdviceWithWarnings_AddsOneWarningCard_AfterTheAlerts_ListingEveryWarning()
    {
        var advice = Evaluate(PatientWithWarnings());

        var cards = Cards(CdsHooksWriter.Write(advice));

        Assert.True(advice.Warnings.Count >= 2, string.Join("; ", advice.Warnings.Select(w => w.Code)));
        Assert.Equal(advice.Alerts.Count + 1 + advice.Proposals.Count, cards.Count);
        var card = cards[advice.Alerts.Count];
        Assert.Equal(CdsHooksWriter.WarningsCardUuid(advice), card.GetProperty("uuid").GetString());
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Decision support may be incomplete: {advice.Warnings.Count} item(s) of the record could not be used"),
            card.GetProperty("summary").GetString());
        Assert.Equal("CareSequencing", card.GetProperty("source").GetProperty("label").GetString());
        Assert.Equal(CdsHooksWriter.InputWarningsTopic, card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString());
        var detail = card.GetProperty("detail").GetString()!;
        Assert.All(advice.Warnings, w => Assert.Contains($"- `{w.Path}` ({w.Code}): {CardMarkdown.Text(w.Message, lineStart: false)}", detail, StringComparison.Ordinal));
        Assert.Contains("`medications[", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Qx9Mrk", detail, StringComparison.Ordinal);
        Assert.False(card.TryGetProperty("suggestions", out _));
        // Not a rule's card: feedback on it resolves to no rule.
        Assert.False(CardIndex.For(advice).TryResolve(card.GetProperty("uuid").GetString()!, out _));
    }

    [Fact]
    public void Write_WarningCard_IsInfoWhenOnlyTheProposedStepsAreConcerned()
    {
        // An unknown phase and a therapy without a kind: sequencing proposals may change, no alert can hide.
        var patient = TestData.FullPatient with
        {
            Phase = new PatientPhase("not-a-phase"),
            Therapies = [.. TestData.FullPatient.Therapies, new PatientTherapy(null)],
        };
        var advice = Evaluate(patient);

        var card = Cards(CdsHooksWriter.Write(advice))[advice.Alerts.Count];

        Assert.All(advice.Warnings, w => Assert.True(w.Path.StartsWith("phase", StringComparison.Ordinal) || w.Path.StartsWith("therapies", StringComparison.Ordinal), w.Path));
        Assert.Equal(CdsHooksWriter.InputWarningsTopic, card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString());
        Assert.Equal("info", card.GetProperty("indicator").GetString());
    }

    [Fact]
    public void Write_WarningCard_InFrench_AndItsUuidFollowsTheWarnings()
    {
        var advice = Evaluate(PatientWithWarnings(), "fr");
        var fewer = Evaluate(PatientWithWarnings() with { Age = 55 }, "fr");

        var card = Cards(CdsHooksWriter.Write(advice))[advice.Alerts.Count];

        Assert.StartsWith("L'aide à la décision peut être incomplète", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(CdsHooksWriter.WarningsCardUuid(Evaluate(PatientWithWarnings(), "fr")), CdsHooksWriter.WarningsCardUuid(advice));
        Assert.NotEqual(CdsHooksWriter.WarningsCardUuid(fewer), CdsHooksWriter.WarningsCardUuid(advice));
        Assert.Null(CdsHooksWriter.WarningsCardUuid(Evaluate()));
    }

    [Fact]
    public void Write_MapsSeverityToIndicator()
    {
        var advice = Evaluate();
        var cards = Cards(CdsHooksWriter.Write(advice));

        for (var i = 0; i < advice.Alerts.Count; i++)
        {
            var expected = advice.Alerts[i].Severity switch
            {
                AlertSeverity.Contraindicated or AlertSeverity.Major => "critical",
                AlertSeverity.Moderate => "warning",
                _ => "info",
            };
            Assert.Equal(expected, cards[i].GetProperty("indicator").GetString());
            Assert.Equal(3, cards[i].GetProperty("overrideReasons").GetArrayLength());
            Assert.False(cards[i].TryGetProperty("suggestions", out _));
        }
        var interaction = cards.Single(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == "t.ix.ssri-tramadol");
        Assert.Equal("critical", interaction.GetProperty("indicator").GetString());
        Assert.All(cards.Skip(advice.Alerts.Count), c => Assert.Equal("info", c.GetProperty("indicator").GetString()));
    }

    [Fact]
    public void Write_ProposalCards_HaveOneSuggestion_RecommendedForRankOne()
    {
        var advice = Evaluate();
        var cards = Cards(CdsHooksWriter.Write(advice)).Skip(advice.Alerts.Count).ToList();

        for (var i = 0; i < advice.Proposals.Count; i++)
        {
            var proposal = advice.Proposals[i];
            if (proposal.Status != ProposalStatus.Proposed) continue;
            var suggestion = Assert.Single(cards[i].GetProperty("suggestions").EnumerateArray());
            Assert.Equal(proposal.Title, suggestion.GetProperty("label").GetString());
            Assert.Equal(proposal.Rank == 1, suggestion.GetProperty("isRecommended").GetBoolean());
            Assert.Equal(CdsHooksWriter.SuggestionUuid(proposal), suggestion.GetProperty("uuid").GetString());
            Assert.Equal("any", cards[i].GetProperty("selectionBehavior").GetString());
        }
    }

    [Fact]
    public void Write_HeldBackProposal_IsAnInfoCardWithoutSuggestion()
    {
        var declines = new PatientContext
        {
            Id = "rank",
            Age = 40,
            Conditions = [new("F32.1"), new("F10.2")],
            Phase = new PatientPhase("medication-treatment") { Completed = ["assessment"] },
            Therapies = [new("psychotherapy/cbt") { Status = TherapyStatus.Declined }],
        };
        var advice = Evaluate(declines);
        var index = advice.Alerts.Count + advice.Proposals.ToList().FindIndex(p => p.Status == ProposalStatus.Declined);

        var card = Cards(CdsHooksWriter.Write(advice))[index];

        Assert.StartsWith("Held back: ", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.False(card.TryGetProperty("suggestions", out _));
        Assert.False(card.TryGetProperty("selectionBehavior", out _));
        Assert.Contains("**Why not**", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Uuids_AreStableAcrossEvaluations_AndDistinctAcrossCards()
    {
        var first = Cards(CdsHooksWriter.Write(Evaluate())).Select(c => c.GetProperty("uuid").GetString()!).ToList();
        var reloaded = RulePackLoader.Load(TestData.BasicPack).GetRuleSetOrThrow();
        var second = Cards(CdsHooksWriter.Write(TestData.Evaluator(reloaded).Evaluate(TestData.FullPatient)))
            .Select(c => c.GetProperty("uuid").GetString()!).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
        Assert.All(first, u => Assert.True(Guid.TryParseExact(u, "D", out _)));
    }

    [Fact]
    public void Uuid_DoesNotDependOnTheLanguage()
    {
        var english = Evaluate().Alerts.Single(a => a.RuleId == "t.ix.ssri-tramadol");
        var french = Evaluate(language: "fr").Alerts.Single(a => a.RuleId == "t.ix.ssri-tramadol");

        Assert.Equal(CdsHooksWriter.CardUuid(english), CdsHooksWriter.CardUuid(french));
    }

    [Fact]
    public void Uuid_DependsOnTheAlertCodes()
    {
        var sertraline = Evaluate().Alerts.Single(a => a.RuleId == "t.ix.ssri-tramadol");
        var escitalopram = TestData.FullPatient with { Medications = [new("N06AB10"), new("N02AX02")] };
        var other = Evaluate(escitalopram).Alerts.Single(a => a.RuleId == "t.ix.ssri-tramadol");

        Assert.NotEqual(CdsHooksWriter.CardUuid(sertraline), CdsHooksWriter.CardUuid(other));
    }

    [Theory]
    [InlineData(139, false)]
    [InlineData(140, false)]
    [InlineData(141, true)]
    [InlineData(300, true)]
    public void Summary_IsAtMost140Characters(int length, bool shortened)
    {
        var text = string.Concat(Enumerable.Repeat("word ", 100))[..(length - 1)] + "x";

        var summary = CdsHooksWriter.Summary(text);

        Assert.True(summary.Length <= CdsHooksWriter.MaxSummaryLength);
        Assert.Equal(shortened, summary.EndsWith('…'));
        if (shortened) Assert.EndsWith("word…", summary, StringComparison.Ordinal);
        else Assert.Equal(text, summary);
    }

    [Fact]
    public void Summary_WithoutSpaces_IsCutHard()
    {
        var summary = CdsHooksWriter.Summary(new string('a', 200));

        Assert.Equal(140, summary.Length);
        Assert.EndsWith("a…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Detail_HasExplanationSourcesAndAttributes()
    {
        var advice = Evaluate();
        var alert = advice.Alerts.Single(a => a.RuleId == "t.ix.ssri-tramadol");
        var card = Cards(CdsHooksWriter.Write(advice)).Single(c => c.GetProperty("uuid").GetString() == CdsHooksWriter.CardUuid(alert));
        var detail = card.GetProperty("detail").GetString()!;

        Assert.StartsWith(CardMarkdown.Text(alert.Explanation.Text), detail, StringComparison.Ordinal);
        Assert.Contains("**Management:** " + CardMarkdown.Text(alert.Management, lineStart: false), detail, StringComparison.Ordinal);
        Assert.Contains("**Matched facts**", detail, StringComparison.Ordinal);
        Assert.Contains("**Sources**\n- Inline citation. (2020)\n", detail, StringComparison.Ordinal);
        Assert.Contains("- Funding: Test grant", detail, StringComparison.Ordinal);
        Assert.Contains("- Developer: ", detail, StringComparison.Ordinal);
        Assert.Contains("- Released: ", detail, StringComparison.Ordinal);
        Assert.Contains("- Revised: ", detail, StringComparison.Ordinal);
        Assert.False(card.GetProperty("source").TryGetProperty("url", out _));
    }

    [Fact]
    public void Detail_And_SourceUrl_CarryThePackSourceUrl()
    {
        var advice = Evaluate();
        var explanation = advice.Alerts.Select(a => a.Explanation).Concat(advice.Proposals.Select(p => p.Explanation))
            .First(e => e.Sources.Any(s => s.Url == "https://example.org/test"));
        var card = Cards(CdsHooksWriter.Write(advice)).First(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == explanation.RuleId);

        Assert.Contains("Test citation. (2024) <https://example.org/test>", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://example.org/test", card.GetProperty("source").GetProperty("url").GetString());
    }

    [Fact]
    public void Write_French_TranslatesOverrideReasons()
    {
        var cards = Cards(CdsHooksWriter.Write(Evaluate(language: "fr")));

        var reason = cards[0].GetProperty("overrideReasons")[0];
        Assert.Equal("patient-already-informed", reason.GetProperty("code").GetString());
        Assert.Equal("Patient déjà informé", reason.GetProperty("display").GetString());
        Assert.Equal(CdsHooksWriter.OverrideReasonSystem, reason.GetProperty("system").GetString());
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Write_IsIndependentOfTheCurrentCulture(string culture)
    {
        var advice = Evaluate();
        var invariant = InCulture(CultureInfo.InvariantCulture, () => CdsHooksWriter.Write(advice));

        Assert.Equal(invariant, InCulture(CultureInfo.GetCultureInfo(culture), () => CdsHooksWriter.Write(Evaluate())));
    }

    [Fact]
    public void Cli_FormatCdsHooks_PrintsValidJson()
    {
        var (exit, output, error) = CliRunner.Run("eval", CliRunner.Sample("double-diagnosis-alcohol.yaml"), "--rules", TestData.ShippedRules, "--format", "cds-hooks");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        Assert.NotEmpty(json.RootElement.GetProperty("cards").EnumerateArray());
        // The README example is this output, trimmed: its uuids must still be the real ones.
        var readme = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md"));
        Assert.Contains("\"uuid\": \"ad5b426a-53c5-8bd7-ab44-476b7f27c25a\"", output, StringComparison.Ordinal);
        Assert.Contains("\"uuid\": \"ad5b426a-53c5-8bd7-ab44-476b7f27c25a\"", readme, StringComparison.Ordinal);
        Assert.Contains("\"uuid\": \"b4be0cea-6b9c-85da-96cf-b22428cbb5ef\"", output, StringComparison.Ordinal);
    }

    private static string InCulture(CultureInfo culture, Func<string> run)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            return run();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
