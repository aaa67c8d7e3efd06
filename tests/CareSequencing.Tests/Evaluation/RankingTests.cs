namespace CareSequencing.Tests.Evaluation;

public sealed class RankingTests
{
    private static readonly PatientContext Depressed = new()
    {
        Id = "rank",
        Age = 40,
        Conditions = [new("F32.1"), new("F10.2")],
        Phase = new PatientPhase("medication-treatment") { Completed = ["assessment"] },
    };

    private static Advice Evaluate(PatientContext patient) => TestData.Evaluator().Evaluate(patient);

    [Fact]
    public void Score_IsPriorityPlusPhaseFitPlusPreferencePlusPenalty()
    {
        var cbt = Evaluate(Depressed).Proposals.Single(p => p.RuleId == "t.cbt");

        Assert.Equal(new ScoreBreakdown(60, 10, 0, 0), cbt.Score);
        Assert.Equal(70, cbt.Score.Total);
    }

    [Fact]
    public void PhaseMismatch_Subtracts()
    {
        var inAssessment = Depressed with { Phase = new PatientPhase("assessment") };

        var assessment = Evaluate(inAssessment).Proposals.Single(p => p.RuleId == "t.assessment");

        Assert.Equal(new ScoreBreakdown(80, 10, 0, 0), assessment.Score);
    }

    [Fact]
    public void Ranking_IsByScoreThenRuleId_AndRanksAreConsecutive()
    {
        var proposals = Evaluate(Depressed).Proposals;

        // naltrexone 70 + 0 and cbt 60 + 10 tie at 70: rule id decides (ordinal).
        Assert.Equal(["t.cbt", "t.naltrexone"], proposals.Select(p => p.RuleId));
        Assert.Equal([1, 2], proposals.Select(p => p.Rank));
    }

    [Fact]
    public void Preference_RaisesTheTherapy_AndAParentKindCounts()
    {
        var prefersPsychotherapy = Depressed with { Preferences = new() { Preferred = ["psychotherapy"] } };

        var cbt = Evaluate(prefersPsychotherapy).Proposals.Single(p => p.RuleId == "t.cbt");

        Assert.Equal(15, cbt.Score.Preference);
        Assert.Equal(1, cbt.Rank);
    }

    [Fact]
    public void DeclinedTherapy_IsHeldBack_WithWhyNot()
    {
        var declines = Depressed with { Therapies = [new("psychotherapy/cbt") { Status = TherapyStatus.Declined }] };

        var proposals = Evaluate(declines).Proposals;

        var cbt = proposals.Single(p => p.RuleId == "t.cbt");
        Assert.Equal(ProposalStatus.Declined, cbt.Status);
        Assert.Equal(proposals.Count, cbt.Rank); // held back proposals come last
        Assert.Contains("declined", Assert.Single(cbt.Explanation.WhyNot), StringComparison.Ordinal);
    }

    [Fact]
    public void ContraindicatedInteraction_WithAProposedDrug_BlocksTheProposal_AndSaysWhy()
    {
        // Naltrexone is proposed for alcohol dependence, but the patient takes an opioid (tramadol, under N02A).
        var onOpioid = Depressed with { Medications = [new("N02AX02") { Name = "tramadol" }] };

        var proposals = Evaluate(onOpioid).Proposals;

        var naltrexone = proposals.Single(p => p.RuleId == "t.naltrexone");
        Assert.Equal(ProposalStatus.Blocked, naltrexone.Status);
        Assert.Equal(proposals.Count, naltrexone.Rank);
        var reason = Assert.Single(naltrexone.Explanation.WhyNot);
        Assert.Contains("t.ix.opioid-naltrexone", reason, StringComparison.Ordinal);
        Assert.Equal(ProposalStatus.Proposed, proposals[0].Status);
    }

    [Fact]
    public void ContraindicatedInteraction_OtherOpioidClassMember_AlsoBlocks_ButNotAnUnrelatedDrug()
    {
        var onMorphine = Depressed with { Medications = [new("N02AA01")] };
        var onParacetamol = Depressed with { Medications = [new("N02BE01")] };

        Assert.Equal(ProposalStatus.Blocked, Evaluate(onMorphine).Proposals.Single(p => p.RuleId == "t.naltrexone").Status);
        Assert.Equal(ProposalStatus.Proposed, Evaluate(onParacetamol).Proposals.Single(p => p.RuleId == "t.naltrexone").Status);
    }

    [Fact]
    public void AlertsAreOrderedBySeverity()
    {
        var patient = Depressed with { Medications = [new("N06AB06"), new("N02AX02")] };

        var alerts = Evaluate(patient).Alerts;

        Assert.Equal([AlertSeverity.Major, AlertSeverity.Moderate], alerts.Select(a => a.Severity));
    }

    [Fact]
    public void Explanation_NamesRulePackFactsAndSources()
    {
        var cbt = Evaluate(Depressed).Proposals.Single(p => p.RuleId == "t.cbt");
        var explanation = cbt.Explanation;

        Assert.Equal("t.cbt", explanation.RuleId);
        Assert.Equal("Consider CBT", explanation.RuleTitle);
        Assert.Equal("test-basic@1.2.3", explanation.Pack.ToString());
        Assert.Equal("Depressive episode (F32.1).", explanation.Text);
        Assert.Contains(explanation.MatchedFacts, f => f is { Fact: "condition", Query: "F32" } && f.Values.SequenceEqual(["F32.1"]));
        Assert.Contains(explanation.MatchedFacts, f => f is { Fact: "phase", Query: "current" } && f.Values.SequenceEqual(["medication-treatment"]));
        var source = Assert.Single(explanation.Sources);
        Assert.Equal(("Test citation.", "https://example.org/test", "Example", 2024), (source.Citation, source.Url, source.Publisher, source.Year));
        Assert.Empty(explanation.WhyNot);
        Assert.Equal(new RuleAttributes("Test developer", "Test grant", new DateOnly(2026, 11, 1), new DateOnly(2026, 10, 15)), explanation.Attributes);
    }

    [Fact]
    public void Attributes_RevisionDefaultsToTheReleaseDate()
    {
        var naltrexone = Evaluate(Depressed).Proposals.Single(p => p.RuleId == "t.naltrexone");

        Assert.Equal(new DateOnly(2026, 11, 1), naltrexone.Explanation.Attributes.RevisionDate);
    }

    [Fact]
    public void Explanation_NegatedFact_IsListedAsAbsent()
    {
        var assessment = Evaluate(Depressed with { Phase = new PatientPhase("assessment") }).Proposals.Single(p => p.RuleId == "t.assessment");

        Assert.Contains(assessment.Explanation.MatchedFacts, f => f is { Fact: "phase", Query: "completed:assessment" } && f.Values.Count == 0);
        Assert.Equal("Phase diagnosis and initial evaluation: finish the assessment.", assessment.Explanation.Text); // {phase} is the phase name in the advice language
    }

    [Fact]
    public void AlertCodes_AreThePatientsCodesUnderTheRulePatterns()
    {
        var alert = Evaluate(Depressed).Alerts.Single(a => a.RuleId == "t.dd-alert");

        Assert.Equal(["F32.1", "F10.2"], alert.Codes);
        Assert.Equal("Conditions F32.1, F10.2.", alert.Explanation.Text);
    }
}
