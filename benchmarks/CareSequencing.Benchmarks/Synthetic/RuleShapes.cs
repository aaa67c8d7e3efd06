namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>
/// The condition shapes of the shipped packs, one builder per shape, with a weight within its
/// family. Each names the shipped rule it imitates. <c>trigger()</c> says, for each trigger slot in
/// turn, whether to draw it from the patient's facts.
/// </summary>
internal static class RuleShapes
{
    internal delegate (Condition When, Outcome Outcome) Shape(TriggerDraw d, Func<bool> trigger);

    public static readonly (int Weight, Shape Build)[] Sequencing =
    [
        (3, CbtLike), (2, SharedCareLike), (1, ReferralLetterLike), (1, PatientPartnerLike), (2, EducationLike),
    ];

    public static readonly (int Weight, Shape Build)[] Compatibility =
    [
        (3, DuplicateClass), (1, DuplicateAcrossClassesInOlder), (1, DeclinedStillPlanned), (1, TwoClassesTogether),
    ];

    public static readonly (int Weight, Shape Build)[] DoubleDiagnosis =
    [
        (1, DoubleDiagnosisDetected), (1, CoordinatedPlan), (1, AssessmentProposal), (1, LongTermMedication),
    ];

    public static readonly (int Weight, Shape Build)[] DrugCondition = [(1, MedicationWithRange), (1, MedicationWithConditions)];

    private static readonly string[] Severities = ["contraindicated", "major", "moderate", "minor"];

    // seq.cbt-anxiety-depression
    private static (Condition, Outcome) CbtLike(TriggerDraw d, Func<bool> trigger)
    {
        var kind = d.AnyTherapy();
        var first = trigger();
        Condition when = new All(
        [
            new AnyOf([.. d.Distinct(d.Between(1, 3), () => d.Icd10(false)).Prepend(d.Icd10(first)).Distinct().Select(c => new Call(nameof(SyntheticFacts.HasCondition), c))]),
            new AnyOf([.. d.Distinct(d.Between(1, 2), d.Phase).Select(p => new Call(nameof(SyntheticFacts.IsInPhase), p))]),
            new Not(new Call(nameof(SyntheticFacts.HasTherapy), kind)),
            new Not(new Call(nameof(SyntheticFacts.HasCompletedTherapy), kind)),
        ]);
        return (when, Proposal(d, kind, "{conditions}"));
    }

    // seq.gp-psychiatry-shared-care
    private static (Condition, Outcome) SharedCareLike(TriggerDraw d, Func<bool> trigger)
    {
        var (from, to) = d.Icd10Range(trigger());
        var kind = d.AnyTherapy();
        return (new All([Range(from, to), new AgeAtLeast(18), new Not(new Call(nameof(SyntheticFacts.HasTherapy), kind))]),
            Proposal(d, kind, "{conditions}"));
    }

    // seq.gp-psychiatry-referral-letter, with the variations a large pack would have (age limit, a flag)
    private static (Condition, Outcome) ReferralLetterLike(TriggerDraw d, Func<bool> trigger)
    {
        List<Condition> parts = [new Call(nameof(SyntheticFacts.HasPlannedTherapy), d.Therapy(trigger(), plannedOnly: true)), new AgeAtLeast(d.Pick([16, 18, 25, 65, 75]))];
        if (d.Chance(0.5)) parts.Add(new Not(new Call(nameof(SyntheticFacts.HasFlag), d.Flag())));
        return (new All(parts), Proposal(d, null, "{therapies}"));
    }

    // seq.patient-partner-oral-anticancer
    private static (Condition, Outcome) PatientPartnerLike(TriggerDraw d, Func<bool> trigger)
    {
        var days = d.Pick([2, 7, 14, 28]);
        var kind = d.AnyTherapy();
        Condition when = new All(
        [
            new AnyOf([new Call(nameof(SyntheticFacts.OralMedicationStartedWithin), d.Atc(trigger()), Days: days),
                .. d.Distinct(d.Between(0, 1), () => d.Atc(false)).Select(c => new Call(nameof(SyntheticFacts.OralMedicationStartedWithin), c, Days: days))]),
            new AnyOf([.. d.Distinct(d.Between(1, 7), d.Flag).Select(f => new Call(nameof(SyntheticFacts.HasFlag), f))]),
            new Not(new Call(nameof(SyntheticFacts.HasTherapy), kind)),
        ]);
        return (when, Proposal(d, kind, "{medications} {flags}"));
    }

    // seq.start-therapeutic-education, with a condition it is about
    private static (Condition, Outcome) EducationLike(TriggerDraw d, Func<bool> trigger)
    {
        var kind = d.AnyTherapy();
        Condition when = new All(
        [
            new Call(nameof(SyntheticFacts.IsInPhase), d.Phase()),
            new Call(nameof(SyntheticFacts.PhaseCompleted), d.Phase()),
            new Call(nameof(SyntheticFacts.HasCondition), d.Icd10(trigger())),
            new Not(new Call(nameof(SyntheticFacts.HasTherapy), kind)),
            new Not(new Call(nameof(SyntheticFacts.HasCompletedTherapy), kind)),
        ]);
        return (when, Proposal(d, kind, "{phase}: {conditions}"));
    }

    // compat.duplicate-ssri
    private static (Condition, Outcome) DuplicateClass(TriggerDraw d, Func<bool> trigger)
    {
        var atcClass = d.AtcClassToCount(trigger());
        return (new CountAtLeast([atcClass], 2), Alert(d, [atcClass], "{medications}"));
    }

    // compat.duplicate-benzodiazepine
    private static (Condition, Outcome) DuplicateAcrossClassesInOlder(TriggerDraw d, Func<bool> trigger)
    {
        List<string> classes = [d.AtcClassToCount(trigger()), .. d.Distinct(d.Between(1, 2), () => d.AtcClassToCount(trigger()))];
        return (new All([new AgeAtLeast(d.Pick([18, 50, 65, 75])), new CountAtLeast([.. classes.Distinct()], 2)]),
            Alert(d, [.. classes.Distinct()], "{age} {medications}"));
    }

    // compat.declined-therapy-planned
    private static (Condition, Outcome) DeclinedStillPlanned(TriggerDraw d, Func<bool> trigger)
    {
        var kinds = d.Distinct(d.Between(1, 6), () => d.DeclinedKind(false));
        kinds.Insert(0, d.DeclinedKind(trigger()));
        Condition when = new AnyOf([.. kinds.Distinct().Select(k => new All(
            [new Call(nameof(SyntheticFacts.Declined), k), new Call(nameof(SyntheticFacts.HasTherapy), k)]))]);
        return (when, Alert(d, [], "{therapies}"));
    }

    // compat.* for two classes that should not be combined (e.g. two anticoagulants)
    private static (Condition, Outcome) TwoClassesTogether(TriggerDraw d, Func<bool> trigger)
    {
        var a = d.Atc(trigger());
        var b = d.Atc(trigger());
        return (new All([new Call(nameof(SyntheticFacts.HasMedication), a), new Call(nameof(SyntheticFacts.HasMedication), b)]),
            Alert(d, [a, b], "{medications}"));
    }

    // dd.detected
    private static (Condition, Outcome) DoubleDiagnosisDetected(TriggerDraw d, Func<bool> trigger)
    {
        var (a, b) = d.Icd10Range(trigger());
        var (c, e) = d.Icd10Range(trigger());
        return (new All([Range(a, b), Range(c, e)]), Alert(d, [], "{conditions}"));
    }

    // dd.coordinated-care-plan
    private static (Condition, Outcome) CoordinatedPlan(TriggerDraw d, Func<bool> trigger)
    {
        var (a, b) = d.Icd10Range(trigger());
        var (c, e) = d.Icd10Range(trigger());
        var kind = d.AnyTherapy();
        return (new All([Range(a, b), Range(c, e), new Not(new Call(nameof(SyntheticFacts.HasTherapy), kind))]),
            Proposal(d, kind, "{conditions}"));
    }

    // dd.alcohol-audit
    private static (Condition, Outcome) AssessmentProposal(TriggerDraw d, Func<bool> trigger)
    {
        var (a, b) = d.Icd10Range(trigger());
        var kind = d.AnyTherapy();
        Condition when = new All(
        [
            Range(a, b), new Call(nameof(SyntheticFacts.HasCondition), d.Icd10(trigger())),
            new Not(new Call(nameof(SyntheticFacts.HasTherapy), kind)), new Not(new Call(nameof(SyntheticFacts.HasCompletedTherapy), kind)),
        ]);
        return (when, Proposal(d, kind, "{conditions}"));
    }

    // dd.benzodiazepine-long-term-alcohol
    private static (Condition, Outcome) LongTermMedication(TriggerDraw d, Func<bool> trigger)
    {
        var (a, b) = d.Icd10Range(trigger());
        var condition = d.Icd10(trigger());
        var classes = d.Distinct(d.Between(0, 2), () => d.Atc(false));
        classes.Insert(0, d.Atc(trigger()));
        classes = [.. classes.Distinct()];
        var days = d.Pick([14, 28, 90]);
        Condition when = new All(
        [
            Range(a, b), new Call(nameof(SyntheticFacts.HasCondition), condition),
            new AnyOf([.. classes.Select(c => new Call(nameof(SyntheticFacts.HasMedication), c))]),
            .. classes.Select(c => new Not(new Call(nameof(SyntheticFacts.MedicationStartedWithin), c, Days: days))),
        ]);
        return (when, Alert(d, [.. classes], "{conditions} {medications}"));
    }

    // ix.dc.disulfiram-psychosis
    private static (Condition, Outcome) MedicationWithRange(TriggerDraw d, Func<bool> trigger)
    {
        var atc = d.Atc(trigger());
        var (a, b) = d.Icd10Range(trigger());
        return (new All([new Call(nameof(SyntheticFacts.HasMedication), atc), Range(a, b)]), Alert(d, [atc], "{medications} {conditions}"));
    }

    // ix.dc.bupropion-eating-disorder
    private static (Condition, Outcome) MedicationWithConditions(TriggerDraw d, Func<bool> trigger)
    {
        var atc = d.Atc(trigger());
        var conditions = d.Distinct(d.Between(0, 3), () => d.Icd10(false));
        conditions.Insert(0, d.Icd10(trigger()));
        Condition when = new All(
        [
            new Call(nameof(SyntheticFacts.HasMedication), atc),
            new AnyOf([.. conditions.Distinct().Select(c => new Call(nameof(SyntheticFacts.HasCondition), c))]),
        ]);
        return (when, Alert(d, [atc, .. conditions.Distinct()], "{medications} {conditions}"));
    }

    private static Call Range(string from, string to) => new(nameof(SyntheticFacts.HasConditionInRange), from, to);

    private static ProposalOutcome Proposal(TriggerDraw d, string? therapy, string placeholders)
    {
        var verb = d.Pick(["start", "offer", "plan", "coordinate", "assess", "refer"]);
        var action = therapy is null ? verb + "-review" : verb + "-" + therapy.Replace('/', ':');
        var phases = d.Chance(0.5) ? d.Distinct(d.Between(1, 2), d.Phase) : [];
        return new ProposalOutcome(action, d.Between(40, 90), therapy, phases, placeholders);
    }

    private static AlertOutcome Alert(TriggerDraw d, IReadOnlyList<string> codes, string placeholders) =>
        new(d.Pick(Severities), d.Chance(0.6) ? codes : [], placeholders, "{medications}");
}
