using CareSequencing.Authoring.Scenarios;

namespace CareSequencing.Tests.Evaluation;

public sealed class CareEvaluatorTests
{
    private static Advice Evaluate(PatientContext patient, EvaluationSettings? settings = null) =>
        TestData.Evaluator().Evaluate(patient, settings ?? EvaluationSettings.Default);

    private static PatientContext Patient(params string[] conditions) => new()
    {
        Id = "t",
        Age = 40,
        Conditions = [.. conditions.Select(c => new PatientCondition(c))],
        Phase = new PatientPhase("medication-treatment") { Completed = ["assessment"] },
    };

    [Fact]
    public void Evaluate_FullPatient_FiresEachFamily_WithPackAndTimeFromTheClock()
    {
        var advice = Evaluate(TestData.FullPatient);

        Assert.Equal("p-test", advice.PatientId);
        Assert.Equal(TestData.Now, advice.EvaluatedAt);
        Assert.Equal(new DateOnly(2026, 11, 23), advice.AsOf);
        Assert.Equal("test-basic", Assert.Single(advice.Packs).Id);
        Assert.Contains(advice.Proposals, p => p.RuleId == "t.cbt" && p.Family == RuleFamily.Sequencing);
        Assert.Contains(advice.Proposals, p => p.RuleId == "t.naltrexone" && p.Family == RuleFamily.DoubleDiagnosis);
        Assert.Contains(advice.Alerts, a => a.RuleId == "t.dd-alert" && a.Family == RuleFamily.DoubleDiagnosis);
        Assert.Contains(advice.Alerts, a => a.RuleId == "t.ix.ssri-tramadol" && a.Family == RuleFamily.Interaction);
        Assert.Empty(advice.Warnings);
    }

    [Theory]
    [InlineData("F32", true)]
    [InlineData("F32.1", true)]
    [InlineData("F321", true)]     // dot inserted by normalisation
    [InlineData("f32.1", true)]
    [InlineData("F33.1", false)]   // neighbour category does not match
    [InlineData("F3", false)]      // malformed: warning, no match
    public void HasCondition_FollowsIcd10Hierarchy(string code, bool fires)
    {
        var advice = Evaluate(Patient(code));

        Assert.Equal(fires, advice.Proposals.Any(p => p.RuleId == "t.cbt"));
    }

    [Theory]
    [InlineData("F20.0", "F10.2", true)]
    [InlineData("F48.1", "F19.9", true)]   // both range ends inclusive
    [InlineData("F49", "F10.2", false)]    // just past the psychiatric range
    [InlineData("F32.1", "F20.0", false)]  // two psychiatric disorders alone
    [InlineData("F10.2", "F11.2", false)]  // two substance-use disorders alone
    public void HasConditionInRange_BothEndsInclusive(string first, string second, bool fires)
    {
        var advice = Evaluate(Patient(first, second));

        Assert.Equal(fires, advice.Alerts.Any(a => a.RuleId == "t.dd-alert"));
    }

    [Theory]
    [InlineData(17, false)]
    [InlineData(18, true)]
    [InlineData(19, true)]
    public void AgeThreshold_BothSides(int age, bool fires)
    {
        var patient = Patient() with { Age = age, Flags = ["social-isolation"] };

        Assert.Equal(fires, Evaluate(patient).Proposals.Any(p => p.RuleId == "t.adult-only"));
    }

    [Fact]
    public void BirthDate_AgeComputedAtEvaluationDate_OnTheBirthday()
    {
        var turning18Today = Patient() with { Age = null, BirthDate = new DateOnly(2008, 11, 23), Flags = ["social-isolation"] };
        var turning18Tomorrow = turning18Today with { BirthDate = new DateOnly(2008, 11, 24) };

        Assert.Contains(Evaluate(turning18Today).Proposals, p => p.RuleId == "t.adult-only");
        Assert.DoesNotContain(Evaluate(turning18Tomorrow).Proposals, p => p.RuleId == "t.adult-only");
    }

    [Fact]
    public void UnknownAge_RuleNeedingAge_IsReportedNotSilentlyFalse()
    {
        var patient = Patient() with { Age = null, Flags = ["social-isolation"] };

        var advice = Evaluate(patient);

        Assert.DoesNotContain(advice.Proposals, p => p.RuleId == "t.adult-only");
        var warning = Assert.Single(advice.Warnings, w => w.Code == "CSQ3006");
        Assert.Contains("t.adult-only", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPhase_RulesNeedingPhase_AreReported()
    {
        var advice = Evaluate(Patient("F32.1") with { Phase = PatientPhase.Unknown });

        Assert.DoesNotContain(advice.Proposals, p => p.RuleId == "t.cbt");
        Assert.Contains(advice.Warnings, w => w.Code == "CSQ3006" && w.Path == "phase.current" && w.Message.Contains("t.cbt", StringComparison.Ordinal));
    }

    [Fact]
    public void DraftRule_RunsOnlyWhenAsked()
    {
        var patient = Patient() with { Flags = ["social-isolation"] };

        Assert.DoesNotContain(Evaluate(patient).Alerts, a => a.RuleId == "t.draft");
        Assert.Contains(Evaluate(patient, new() { IncludeDraftRules = true }).Alerts, a => a.RuleId == "t.draft");
    }

    [Theory]
    [InlineData("2019-12-31", false)]
    [InlineData("2020-01-01", true)]
    [InlineData("2025-12-31", true)]
    [InlineData("2026-01-01", false)]
    public void EffectivePeriod_AppliesAsOfDate_InclusiveBounds(string asOf, bool fires)
    {
        var advice = Evaluate(Patient("F32.1"), new() { AsOf = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(fires, advice.Proposals.Any(p => p.RuleId == "t.expired"));
    }

    [Fact]
    public void Interaction_ClassMatchesSubstance_AndNamesThePatientsCodes()
    {
        var patient = Patient() with
        {
            Medications = [new("N06AB06") { Name = "sertraline" }, new("N02AX02") { Name = "tramadol" }, new("N02BE01") { Name = "paracetamol" }],
        };

        var alert = Assert.Single(Evaluate(patient).Alerts, a => a.Family == RuleFamily.Interaction);

        Assert.Equal("t.ix.ssri-tramadol", alert.RuleId);
        Assert.Equal(AlertSeverity.Major, alert.Severity);
        Assert.Equal(["N06AB06", "N02AX02"], alert.Codes);
        Assert.Equal("Serotonin syndrome risk with sertraline (N06AB06) and tramadol (N02AX02).", alert.Explanation.Text);
        Assert.Equal("Inline citation.", Assert.Single(alert.Explanation.Sources).Citation);
    }

    [Fact]
    public void Interaction_NegativeControl_SsriWithParacetamol_DoesNotAlert()
    {
        var patient = Patient() with { Medications = [new("N06AB06"), new("N02BE01")] };

        Assert.Empty(Evaluate(patient).Alerts);
    }

    [Fact]
    public void Interaction_StoppedMedication_DoesNotAlert()
    {
        var patient = Patient() with { Medications = [new("N06AB06"), new("N02AX02") { Status = MedicationStatus.Stopped }] };

        Assert.Empty(Evaluate(patient).Alerts);
    }

    [Fact]
    public void Interaction_SameMedicationListedTwice_IsNotAnInteractionWithItself()
    {
        var patient = Patient() with { Medications = [new("N06AB06"), new("N06AB06")] };

        Assert.Empty(Evaluate(patient).Alerts);
    }

    [Fact]
    public void BadPatientInput_BecomesWarnings_NeverThrows()
    {
        var patient = new PatientContext
        {
            Conditions = [new("not-a-code"), new(null), new("F32.1") { System = "snomed" }, null!],
            Medications = [new("XYZ") { Name = "mystery" }, new(""), new("N06AB06") { System = "rxnorm" }],
            Therapies = [new(null)],
            Phase = new PatientPhase("somewhere"),
            Flags = [null!, "  "],
            Preferences = new() { Declined = [null!] },
        };

        var advice = Evaluate(patient);

        var codes = advice.Warnings.Select(w => (w.Code, w.Path)).ToList();
        Assert.Contains(("CSQ3002", "conditions[0].code"), codes);
        Assert.Contains(("CSQ3004", "conditions[1].code"), codes);
        Assert.Contains(("CSQ3003", "conditions[2].system"), codes);
        Assert.Contains(("CSQ3001", "medications[0].code"), codes);
        Assert.Contains(("CSQ3004", "medications[1].code"), codes);
        Assert.Contains(("CSQ3003", "medications[2].system"), codes);
        Assert.Contains(("CSQ3004", "therapies[0].kind"), codes);
        Assert.Contains(("CSQ3007", "phase.current"), codes);
        Assert.Contains(advice.Warnings, w => w.Message.Contains("interaction checks could not cover", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyPatient_GivesEmptyAdvice_WithWarningsForRulesThatNeedFacts()
    {
        var advice = Evaluate(new PatientContext());

        Assert.Null(advice.PatientId);
        Assert.Empty(advice.Alerts);
        Assert.Empty(advice.Proposals);
        Assert.All(advice.Warnings, w => Assert.Equal("CSQ3006", w.Code));
    }

    [Fact]
    public void FrenchLanguage_LocalisesRuleTextAndWarnings()
    {
        var patient = Patient("F32.1") with { Medications = [new("XYZ")] };

        var advice = Evaluate(patient, new() { Language = "fr" });

        Assert.Equal("fr", advice.Language);
        Assert.Equal("Envisager une TCC", advice.Proposals.Single(p => p.RuleId == "t.cbt").Title);
        Assert.Equal("Épisode dépressif (F32.1).", advice.Proposals.Single(p => p.RuleId == "t.cbt").Explanation.Text);
        Assert.Contains("n'est pas un code ATC valide", advice.Warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedLanguage_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => Evaluate(Patient(), new() { Language = "de" }));
        Assert.Throws<ArgumentNullException>(() => TestData.Evaluator().Evaluate(null!));
    }

    [Fact]
    public void FailingRule_IsReportedNamingRuleAndPack_NeverLooksLikeNotFired()
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition("100 / (facts.Age - 40) > 1")).GetRuleSetOrThrow();
        var evaluator = new CareEvaluator(rules, new FixedTimeProvider(TestData.Now));

        var advice = evaluator.Evaluate(new PatientContext { Age = 40 });

        var fault = Assert.Single(advice.Faults);
        Assert.Equal(("r1", "temp", RuleFaultKind.DivisionByZero), (fault.RuleId, fault.Pack.Id, fault.Kind));
        var warning = Assert.Single(advice.Warnings);
        Assert.Equal(("CSQ1042", "r1"), (warning.Code, warning.Path));
        Assert.DoesNotContain("40", warning.Message, StringComparison.Ordinal);
        Assert.Empty(advice.Proposals);
        Assert.Empty(evaluator.Evaluate(new PatientContext { Age = 41 }).Faults);
        Assert.Single(evaluator.Evaluate(new PatientContext { Age = 41 }).Proposals);
    }

    [Fact]
    public void FailingRule_WithThrowOnRuleFault_ThrowsNamingRuleAndPack()
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition("100 / (facts.Age - 40) > 1")).GetRuleSetOrThrow();
        var evaluator = new CareEvaluator(rules, new FixedTimeProvider(TestData.Now), new EvaluationSettings { ThrowOnRuleFault = true });

        var error = Assert.Throws<RuleEvaluationException>(() => evaluator.Evaluate(new PatientContext { Age = 40 }));

        Assert.Equal(("r1", "temp", RuleFaultKind.DivisionByZero), (error.RuleId, error.Pack.Id, error.Kind));
        Assert.DoesNotContain("40", error.Message, StringComparison.Ordinal);
        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.Single(evaluator.Evaluate(new PatientContext { Age = 41 }).Proposals);
    }
}

public sealed class InteractionFormTests
{
    private static readonly Lazy<CompiledRuleSet> Rules = new(() => RulePackLoader.Load(TestData.TempPack(
        ("pack.yaml", TestData.Manifest),
        ("ix.yaml", """
            interactions:
              - id: ix.form
                status: active
                a: { codes: [N07BB01], label: { en: disulfiram, fr: disulfirame } }
                b: { codes: [N05BA01], label: { en: diazepam oral solution, fr: diazépam solution buvable }, forms: [oral-solution] }
                severity: major
                mechanism: { en: M, fr: M }
                management: { en: M, fr: M }
                sources: [s]
              - id: ix.oral
                status: active
                a: { codes: [N07BB01], label: { en: disulfiram, fr: disulfirame } }
                b: { codes: [J01XD01], label: { en: oral metronidazole, fr: métronidazole oral }, forms: [oral] }
                severity: major
                mechanism: { en: M, fr: M }
                management: { en: M, fr: M }
                sources: [s]
            """))).GetRuleSetOrThrow());

    private static IReadOnlyList<Alert> Alerts(params PatientMedication[] medications) =>
        new CareEvaluator(Rules.Value, new FixedTimeProvider(TestData.Now)).Evaluate(new PatientContext { Medications = medications }).Alerts;

    [Theory]
    [InlineData("oral-solution", true)]
    [InlineData("Oral Solution", true)]   // normalised: lower case, spaces to '-'
    [InlineData("tablet", false)]
    [InlineData(null, true)]              // form not recorded: the safer reading, the entry applies (and says so)
    public void FormLimitedSide_MatchesOnlyThatForm(string? form, bool fires)
    {
        var alerts = Alerts(new("N07BB01"), new("N05BA01") { Form = form });

        var alert = alerts.SingleOrDefault(a => a.RuleId == "ix.form");
        Assert.Equal(fires, alert is not null);
        // Only a missing form is an assumption; a recorded, accepted form is not.
        if (alert is not null) Assert.Equal(form is null, alert.Explanation.Assumptions.Count == 1);
    }

    [Theory]
    [InlineData("en", "not recorded")]
    [InlineData("fr", "n'est pas renseignée")]
    public void FormLimitedSide_FormNotRecorded_AlertSaysWhatWasAssumed(string language, string phrase)
    {
        var advice = new CareEvaluator(Rules.Value, new FixedTimeProvider(TestData.Now))
            .Evaluate(new PatientContext { Medications = [new("N07BB01"), new("N05BA01") { Name = "diazepam" }] }, new EvaluationSettings { Language = language });

        var assumption = Assert.Single(Assert.Single(advice.Alerts, a => a.RuleId == "ix.form").Explanation.Assumptions);
        Assert.Contains(phrase, assumption, StringComparison.Ordinal);
        Assert.Contains("diazepam", assumption, StringComparison.Ordinal);
        Assert.Contains("oral-solution", assumption, StringComparison.Ordinal);
        Assert.Contains(phrase, CareSequencing.Presentation.AdviceTextWriter.Write(advice), StringComparison.Ordinal);
        Assert.Contains("\"assumptions\"", CareSequencing.Presentation.AdviceJsonWriter.Write(advice), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tablet", true)]
    [InlineData("capsule", true)]
    [InlineData("oral", true)]
    [InlineData("solution-for-infusion", false)]
    [InlineData(null, true)]
    public void OralSide_MatchesEveryOralForm(string? form, bool fires)
    {
        Assert.Equal(fires, Alerts(new("N07BB01"), new("J01XD01") { Form = form }).Any(a => a.RuleId == "ix.oral"));
    }
}
