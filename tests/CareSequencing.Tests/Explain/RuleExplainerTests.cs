using CareSequencing.Authoring.Explain;

namespace CareSequencing.Tests.Explain;

/// <summary>The explainer against the basic fixture pack: verdicts, node values, short-circuits, interactions, ranking.</summary>
public sealed class RuleExplainerTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    private static readonly PatientContext Depressed = new()
    {
        Age = 40,
        Conditions = [new("F32.1"), new("F10.2")],
        Phase = new PatientPhase("medication-treatment") { Completed = ["assessment"] },
        Flags = ["social-isolation"],
    };

    private static RuleExplanation Explain(PatientContext patient, string ruleId, bool includeDraft = false, CompiledRuleSet? rules = null) =>
        RuleExplainer.Explain(rules ?? TestData.BasicRules, patient, ruleId, new EvaluationSettings { AsOf = AsOf, IncludeDraftRules = includeDraft });

    private static IEnumerable<ConditionNode> Nodes(ConditionNode node) => node.Children.SelectMany(Nodes).Prepend(node);

    [Fact]
    public void Explain_RuleThatFires_EveryNodeTrue_WithSourceTextLocationAndFacts()
    {
        var explanation = Explain(Depressed, "t.adult-only");

        Assert.Equal(RuleVerdict.Fired, explanation.Verdict);
        Assert.Empty(explanation.NotRunReasons);
        var root = explanation.Condition!.Root;
        Assert.Equal(ConditionNodeKind.AllOf, root.Kind);
        Assert.All(Nodes(root), n => Assert.True(n.Reached && n.IsSourceText && n.Location is not null));
        Assert.All(Nodes(root).Where(n => n.Value is bool), n => Assert.Equal(true, n.Value));

        // when: facts.Age >= 18 && facts.HasFlag("social-isolation")   (rules.yaml line 44, value at column 11)
        Assert.Equal(["facts.Age >= 18", "facts.HasFlag(\"social-isolation\")"], root.Children.Select(c => c.Text));
        Assert.Equal([(44, 11), (44, 30)], root.Children.Select(c => (c.Location!.Line, c.Location.Column)));
        var age = Assert.Single(root.Children[0].Children);
        Assert.Equal(("facts.Age", 40), (age.Text, (int)age.Value!));
        var flag = root.Children[1].Fact!;
        Assert.Equal(("flag", "social-isolation"), (flag.Fact, flag.Query));
        Assert.Equal(["social-isolation"], flag.Values);
    }

    [Fact]
    public void Explain_RuleThatDoesNotFire_IdentifiesTheFalseNode_WithTheFactValue()
    {
        var inAssessment = Depressed with { Phase = new PatientPhase("assessment") };

        var explanation = Explain(inAssessment, "t.cbt");

        Assert.Equal(RuleVerdict.NotFired, explanation.Verdict);
        var root = explanation.Condition!.Root;
        Assert.Equal(false, root.Value);
        var condition = root.Children[0];
        Assert.Equal((true, "F32.1"), ((bool)condition.Value!, Assert.Single(condition.Fact!.Values)));
        var phase = root.Children[1];
        Assert.Equal(("facts.CurrentPhase == \"medication-treatment\"", false), (phase.Text, (bool)phase.Value!));
        Assert.Equal("assessment", Assert.Single(phase.Children).Value);
        Assert.Null(explanation.ProposalRanking);
    }

    [Fact]
    public void Explain_ShortCircuit_MarksNodesNotReached_ButStillComputesThem()
    {
        var noDepression = Depressed with { Conditions = [new("F10.2")] };

        var root = Explain(noDepression, "t.cbt").Condition!.Root;

        Assert.Equal((false, true), ((bool)root.Children[0].Value!, root.Children[0].Reached));
        var skipped = root.Children[1];
        Assert.False(skipped.Reached);
        Assert.Equal(true, skipped.Value); // the phase does match: only the short-circuit skipped it
        Assert.False(Assert.Single(skipped.Children).Reached); // and everything below it
    }

    [Fact]
    public void Explain_OrElse_StopsAtTheFirstTrueOperand()
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition("facts.HasFlag(\"a\") || !facts.HasFlag(\"b\") || facts.Age > 99")).GetRuleSetOrThrow();

        var root = Explain(new PatientContext { Age = 50, Flags = ["a"] }, "r1", rules: rules).Condition!.Root;

        Assert.Equal(ConditionNodeKind.AnyOf, root.Kind);
        Assert.Equal([true, false, false], root.Children.Select(c => c.Reached));
        Assert.Equal(["facts.HasFlag(\"a\")", "!facts.HasFlag(\"b\")", "facts.Age > 99"], root.Children.Select(c => c.Text));
        Assert.Equal(ConditionNodeKind.Not, root.Children[1].Kind);
    }

    [Fact]
    public void Explain_ArithmeticAndConditional_ShowCountsAndTheBranchTaken()
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition(
            "(facts.CountMedications(\"N06AB\") + facts.CountMedications(\"N05BA\") >= 2) ? facts.HasFlag(\"a\") : facts.HasFlag(\"b\")")).GetRuleSetOrThrow();
        var patient = new PatientContext { Medications = [new("N06AB06") { Name = "sertraline" }, new("N06AB10")], Flags = ["a"] };

        var root = Explain(patient, "r1", rules: rules).Condition!.Root;

        Assert.Equal(ConditionNodeKind.Conditional, root.Kind);
        var (test, ifTrue, ifFalse) = (root.Children[0], root.Children[1], root.Children[2]);
        Assert.Equal(true, test.Value);
        var sum = Assert.Single(test.Children);
        Assert.Equal((ConditionNodeKind.Arithmetic, 2), (sum.Kind, (int)sum.Value!));
        Assert.Equal([2, 0], sum.Children.Select(c => (int)c.Value!));
        Assert.Equal(["sertraline (N06AB06)", "N06AB10"], sum.Children[0].Fact!.Values);
        Assert.Equal((true, false), (ifTrue.Reached, ifFalse.Reached));
    }

    [Theory]
    [InlineData("facts.HasFlag(\"a && b\") && facts.Age > 1", "facts.HasFlag(\"a && b\")|facts.Age > 1")]
    [InlineData("not facts.HasFlag(\"x\") and facts.Age >= 18", "not facts.HasFlag(\"x\")|facts.Age >= 18")]
    [InlineData("(facts.HasFlag(\"a\")) &&\n  ((facts.Age - -1 > 2))", "facts.HasFlag(\"a\")|facts.Age - -1 > 2")]
    [InlineData("facts.Sex = \"female\" && facts.Age <> 3", "facts.Sex = \"female\"|facts.Age <> 3")]
    [InlineData("facts.HasFlag(\"a\") && (facts.HasFlag(\"b\") && facts.Age >= 1e1)", "facts.HasFlag(\"a\")|facts.HasFlag(\"b\")|facts.Age >= 1e1")]
    public void Explain_SplitsTheSourceTheWayTheParserGroupsIt(string when, string expected)
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition(when)).GetRuleSetOrThrow();

        var root = Explain(new PatientContext { Age = 30, Flags = ["a", "b"] }, "r1", rules: rules).Condition!.Root;

        Assert.Equal(ConditionNodeKind.AllOf, root.Kind);
        Assert.Equal(expected.Split('|'), root.Children.Select(c => c.Text));
        Assert.All(Nodes(root), n => Assert.True(n.IsSourceText, n.Text));
    }

    [Fact]
    public void Explain_ParserRewrite_RendersTheNode_WithoutPretendingItIsSource()
    {
        // A string comparison becomes string.Compare(a, b) > 0: the parent is source text, the rewritten call is not.
        var rules = RulePackLoader.Load(TestData.PackWithCondition("facts.CurrentPhase > \"a\"")).GetRuleSetOrThrow();

        var root = Explain(new PatientContext { Phase = new PatientPhase("follow-up") }, "r1", rules: rules).Condition!.Root;

        Assert.True(root.IsSourceText);
        var rewritten = Assert.Single(root.Children);
        Assert.False(rewritten.IsSourceText);
        Assert.Null(rewritten.Location);
        Assert.Equal("String.Compare(facts.CurrentPhase, \"a\")", rewritten.Text);
        // It runs ordinal (Compilation/OrdinalStrings.cs): 'f' - 'a', not the culture-sensitive 1.
        Assert.Equal(5, rewritten.Value);
    }

    [Fact]
    public void Explain_FailingCondition_IsFailed_WithTheFailingNode()
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition("10 / facts.CountMedications(\"N06AB\") > 1")).GetRuleSetOrThrow();

        var explanation = Explain(new PatientContext(), "r1", rules: rules);

        Assert.Equal(RuleVerdict.Failed, explanation.Verdict);
        Assert.Contains("r1", explanation.EvaluationError, StringComparison.Ordinal);
        Assert.Equal("DivideByZeroException", explanation.Condition!.Root.Error);
        Assert.Equal(0, Assert.Single(Assert.Single(explanation.Condition.Root.Children).Children).Value);
    }

    [Fact]
    public void Explain_InteractionEntry_ListsTheMedicationsOfEachSide()
    {
        var patient = Depressed with { Medications = [new("N06AB06") { Name = "sertraline", Form = "tablet" }, new("N02AX02") { Name = "tramadol" }] };

        var explanation = Explain(patient, "t.ix.ssri-tramadol");

        Assert.Equal((RuleVerdict.Fired, ExplainedRuleKind.Interaction), (explanation.Verdict, explanation.Kind));
        var trace = explanation.Interaction!;
        Assert.True(trace.SidesMatch);
        var a = Assert.Single(trace.A.Medications);
        Assert.Equal(("sertraline (N06AB06)", "N06AB", "tablet", true), (a.Display, a.SideCode, a.Form, a.Matched));
        Assert.Equal("tramadol (N02AX02)", Assert.Single(trace.B.Medications).Display);
        Assert.Equal((1, 2), (explanation.AlertRanking!.Position, explanation.AlertRanking.Count));
    }

    [Fact]
    public void Explain_InteractionEntry_NotFired_ShowsTheStoppedMedication()
    {
        var patient = Depressed with
        {
            Medications = [new("N06AB06") { Name = "sertraline", Status = MedicationStatus.Stopped }, new("N02AX02") { Name = "tramadol" }],
        };

        var explanation = Explain(patient, "t.ix.ssri-tramadol");

        Assert.Equal(RuleVerdict.NotFired, explanation.Verdict);
        var stopped = Assert.Single(explanation.Interaction!.A.Medications);
        Assert.Equal((MedicationStatus.Stopped, false), (stopped.Status, stopped.Matched));
        Assert.False(explanation.Interaction.A.Matched);
        Assert.True(explanation.Interaction.B.Matched);
    }

    [Fact]
    public void Explain_ProposalBlockedByAContraindicatedInteraction_NamesTheAlert()
    {
        var onOpioid = Depressed with { Medications = [new("N02AX02") { Name = "tramadol" }] };

        var ranking = Explain(onOpioid, "t.naltrexone").ProposalRanking!;

        Assert.Equal(ProposalStatus.Blocked, ranking.Status);
        Assert.Equal(ranking.Count, ranking.Rank);
        var alert = Assert.Single(ranking.Alerts);
        Assert.Equal(("t.ix.opioid-naltrexone", AlertSeverity.Contraindicated, false, AlertEffect.Blocks),
            (alert.RuleId, alert.Severity, alert.Raised, alert.Effect));
        Assert.Contains("t.ix.opioid-naltrexone", Assert.Single(ranking.WhyNot), StringComparison.Ordinal);
        Assert.Equal(ranking.Rank - 1, ranking.RankedAbove.Count);
    }

    [Fact]
    public void Explain_RaisedContraindicatedAlert_ListsTheProposalItBlocks()
    {
        var onBoth = Depressed with { Medications = [new("N07BB04") { Name = "naltrexone" }, new("N02AX02") { Name = "tramadol" }] };

        var ranking = Explain(onBoth, "t.ix.opioid-naltrexone").AlertRanking!;

        Assert.Equal((1, AlertSeverity.Contraindicated), (ranking.Position, ranking.Severity));
        var affected = Assert.Single(ranking.Affects, p => p.RuleId == "t.naltrexone");
        Assert.Equal((ProposalStatus.Blocked, AlertEffect.Blocks), (affected.Status, affected.Effect));
    }

    [Fact]
    public void Explain_AlertBelowAMoreSevereOne_ListsWhatIsAbove()
    {
        var patient = Depressed with { Medications = [new("N06AB06"), new("N02AX02")] };

        var ranking = Explain(patient, "t.dd-alert").AlertRanking!;

        Assert.Equal((2, 2, AlertSeverity.Moderate), (ranking.Position, ranking.Count, ranking.Severity));
        Assert.Equal("t.ix.ssri-tramadol", Assert.Single(ranking.RankedAbove).RuleId);
    }

    [Fact]
    public void Explain_DeclinedTherapy_IsReported()
    {
        var declines = Depressed with { Preferences = new() { Declined = ["psychotherapy"] } };

        var ranking = Explain(declines, "t.cbt").ProposalRanking!;

        Assert.Equal((ProposalStatus.Declined, "psychotherapy"), (ranking.Status, ranking.DeclinedTherapy));
        Assert.Equal(new ScoreBreakdown(60, 10, 0, 0), ranking.Score);
        Assert.Contains("declined", Assert.Single(ranking.WhyNot), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_DraftRule_IsNotRunWithoutIncludeDraft_AndFiresWithIt()
    {
        var without = Explain(Depressed, "t.draft");
        var with = Explain(Depressed, "t.draft", includeDraft: true);

        Assert.Equal((RuleVerdict.NotRun, ExplainedRuleStatus.Draft), (without.Verdict, without.Status));
        Assert.Equal([NotRunReason.Draft], without.NotRunReasons);
        Assert.Equal(true, without.Condition!.Root.Value); // what it would give if it ran
        Assert.Null(without.AlertRanking);
        Assert.Equal(RuleVerdict.Fired, with.Verdict);
        Assert.NotNull(with.AlertRanking);
    }

    [Fact]
    public void Explain_UnknownAge_IsAMissingFact_AndTheRuleIsNotRun()
    {
        var noAge = Depressed with { Age = null };

        var explanation = Explain(noAge, "t.adult-only");

        Assert.Equal(RuleVerdict.NotRun, explanation.Verdict);
        Assert.Equal([NotRunReason.AgeUnknown], explanation.NotRunReasons);
        var age = explanation.Condition!.Root.Children[0].Children[0];
        Assert.True(age.ValueIsUnknownFact);
        Assert.Contains(explanation.Warnings, w => w.Code == "CSQ3006" && w.Path == "age");
    }

    [Fact]
    public void Explain_RuleOutsideItsEffectivePeriod_IsNotRun()
    {
        var explanation = Explain(Depressed, "t.expired");

        Assert.Equal([NotRunReason.NoLongerEffective], explanation.NotRunReasons);
        Assert.Equal((new DateOnly(2020, 1, 1), new DateOnly(2025, 12, 31)), (explanation.EffectiveFrom!.Value, explanation.EffectiveUntil!.Value));
    }

    [Theory]
    [InlineData("t.cbtt", "t.cbt")]
    [InlineData("ssri-tramadol", "t.ix.ssri-tramadol")]
    [InlineData("T.ASSESMENT", "t.assessment")]
    public void Explain_UnknownRuleId_ThrowsWithTheClosestIds(string asked, string expected)
    {
        var ex = Assert.Throws<UnknownRuleException>(() => Explain(Depressed, asked));

        Assert.Equal(asked, ex.RuleId);
        Assert.Equal(expected, ex.Suggestions[0]);
    }

    [Fact]
    public void SuggestIds_NothingClose_IsEmpty()
    {
        Assert.Empty(RuleExplainer.SuggestIds(TestData.BasicRules, "completely-unrelated-identifier"));
    }
}
