using System.Numerics;
using CareSequencing.Compilation;
using CareSequencing.Evaluation;
using CareSequencing.Model;

namespace CareSequencing.Tests.Compilation;

/// <summary>
/// The rule index may skip a rule only when the rule cannot fire: checked against every rule's own
/// predicate on thousands of random patients built from the codes the shipped packs use.
/// </summary>
public sealed class RuleIndexTests
{
    [Theory]
    [InlineData("facts.HasCondition(\"F32\")", "Condition:F32")]
    [InlineData("facts.HasMedication(\"N06AB\") && facts.Age >= 65", "Medication:N06AB")]
    [InlineData("facts.Age >= 65 && facts.HasFlag(\"shock\")", "Flag:shock")]
    [InlineData("facts.HasFlag(\"a\") || facts.HasTherapy(\"psychotherapy/cbt\")", "Flag:a|Therapy:psychotherapy/cbt")]
    [InlineData("facts.HasConditionInRange(\"F30\", \"F32\") && facts.HasConditionInRange(\"F10\", \"F19\")", "Condition:F30|Condition:F31|Condition:F32")]
    [InlineData("facts.CountMedications(\"N05BA\") + facts.CountMedications(\"N05CD\") >= 2", "Medication:N05BA|Medication:N05CD")]
    [InlineData("2 <= facts.CountMedications(\"N06AB\")", "Medication:N06AB")]
    [InlineData("facts.CurrentPhase == \"assessment\"", "Phase:assessment")]
    [InlineData("\"follow-up\" == facts.CurrentPhase && !facts.HasFlag(\"x\")", "Phase:follow-up")]
    [InlineData("facts.Declined(\"psychotherapy\") && facts.Prefers(\"education\")", "Declined:psychotherapy")]
    [InlineData("facts.PhaseCompleted(\"assessment\") && facts.MedicationStartedWithin(\"L01\", 2)", "Medication:L01")]
    [InlineData("facts.PhaseCompleted(\"assessment\") && facts.Age > 3", "CompletedPhase:assessment")]
    [InlineData("false", "")]
    public void Triggers_AreWhatTheConditionNeeds(string when, string expected)
    {
        var rule = Assert.Single(RulePackLoader.Load(TestData.PackWithCondition(when)).GetRuleSetOrThrow().Rules);

        var triggers = rule.Condition.Triggers;
        Assert.NotNull(triggers);
        Assert.Equal(expected, string.Join("|", triggers.Value.Select(t => $"{t.Kind}:{t.Key}")));
    }

    [Theory]
    [InlineData("!facts.HasFlag(\"x\")")]
    [InlineData("facts.Age >= 65")]
    [InlineData("facts.HasFlag(\"x\") || facts.Age > 90")]
    [InlineData("facts.CountMedications(\"N06AB\") >= 0")]
    [InlineData("facts.CountMedications(\"N06AB\") < 2")]
    [InlineData("facts.CurrentPhase != \"assessment\"")]
    public void Triggers_AreAbsent_WhenTheConditionCanHoldWithoutAnyFact(string when)
    {
        var rule = Assert.Single(RulePackLoader.Load(TestData.PackWithCondition(when)).GetRuleSetOrThrow().Rules);

        Assert.Null(rule.Condition.Triggers);
    }

    [Fact]
    public void Index_NeverSkipsARuleThatWouldFire_OnRandomPatients()
    {
        var ruleSet = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();
        var atc = ruleSet.PackModels.SelectMany(p => p.Codes).Where(c => c.System == CodeSystem.Atc).Select(c => c.Code).Distinct().Order(StringComparer.Ordinal).ToArray();
        var icd = ruleSet.PackModels.SelectMany(p => p.Codes).Where(c => c.System == CodeSystem.Icd10).Select(c => c.Code).Distinct().Order(StringComparer.Ordinal).ToArray();
        string[] kinds = ["psychotherapy/cbt", "psychotherapy/psychoanalysis", "education/programme", "coordination/shared-care",
            "referral/psychiatry", "assessment/audit", "accompaniment/patient-partner", "coordination/double-diagnosis-plan"];
        string[] flags = ["shock", "social-isolation", "low-health-literacy", "high-anxiety", "not-engaging"];
        var random = new Random(20261128);
        var candidatesSeen = 0;
        var firedSeen = 0;

        for (var n = 0; n < 3000; n++)
        {
            var patient = new PatientContext
            {
                Age = random.Next(5) == 0 ? null : random.Next(10, 95),
                Conditions = [.. Pick(random, icd, 3).Select(c => new PatientCondition(Extend(random, c)))],
                Medications = [.. Pick(random, atc, 5).Select(c => new PatientMedication(c.Length == 7 ? c : c + "01")
                {
                    Start = new DateOnly(2026, 11, 23).AddDays(-random.Next(0, 60)),
                    Form = random.Next(2) == 0 ? "tablet" : "injection",
                })],
                Therapies = [.. Pick(random, kinds, 2).Select(k => new PatientTherapy(k) { Status = (TherapyStatus)random.Next(4) })],
                Flags = [.. Pick(random, flags, 2)],
                Phase = new PatientPhase(random.Next(6) == 0 ? null : TherapeuticPhases.All[random.Next(TherapeuticPhases.All.Length)])
                {
                    Completed = [.. Pick(random, TherapeuticPhases.All.ToArray(), 2)],
                },
                Preferences = new PatientPreferences { Declined = [.. Pick(random, kinds, 1)], Preferred = [.. Pick(random, kinds, 1)] },
            };
            var facts = PatientFactsBuilder.Build(patient, new DateOnly(2026, 11, 23), "en", []);
            var candidates = ruleSet.RuleIndex.Candidates(facts);
            try
            {
                for (var i = 0; i < ruleSet.Rules.Length; i++)
                {
                    var isCandidate = (candidates[i >> 6] & (1UL << (i & 63))) != 0;
                    if (isCandidate) candidatesSeen++;
                    if (!ruleSet.Rules[i].Condition.Predicate(facts)) continue;
                    firedSeen++;
                    Assert.True(isCandidate, $"rule {ruleSet.Rules[i].Definition.Id} fires but the index skipped it (patient #{n})");
                }
            }
            finally
            {
                RuleIndex.Return(candidates);
            }
        }

        Assert.True(firedSeen > 1000, $"the random patients fire rules ({firedSeen})");
        Assert.True(candidatesSeen < 3000 * ruleSet.Rules.Length * 0.7, "the index skips a good share of rules");
    }

    [Fact]
    public void Index_VisitsFewRules_ForAPatientWithoutTheirFacts()
    {
        var ruleSet = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();
        var facts = PatientFactsBuilder.Build(new PatientContext { Age = 40, Phase = new PatientPhase("follow-up") }, new DateOnly(2026, 11, 23), "en", []);

        var candidates = ruleSet.RuleIndex.Candidates(facts);
        var count = 0;
        for (var w = 0; w < ruleSet.RuleIndex.WordCount; w++) count += BitOperations.PopCount(candidates[w]);
        RuleIndex.Return(candidates);

        Assert.True(count <= ruleSet.RuleIndex.AlwaysRunCount + 5, $"{count} candidates of {ruleSet.Rules.Length} rules");
    }

    private static IEnumerable<string> Pick(Random random, string[] pool, int max)
    {
        var count = random.Next(max + 1);
        for (var i = 0; i < count; i++) yield return pool[random.Next(pool.Length)];
    }

    private static string Extend(Random random, string code) => code.Length == 3 && random.Next(2) == 0 ? code + "." + random.Next(10) : code;
}
