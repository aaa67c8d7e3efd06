using CareSequencing.Compilation;
using CareSequencing.Evaluation;
using CareSequencing.Model;

namespace CareSequencing.Authoring.Explain;

/// <summary>
/// Matches an interaction entry's sides against the patient's medications the way
/// <see cref="InteractionChecker"/> does (code under a side's codes, form accepted, two different
/// medications), and also lists the medications under a side's codes that do not count (not active,
/// or of a form the side leaves out), which is usually why an entry did not fire.
/// </summary>
internal static class InteractionTracer
{
    public static InteractionTrace Trace(CompiledInteraction interaction, PatientContext patient, PatientFacts facts, string language)
    {
        var entry = interaction.Entry;
        var (sideA, matchedA) = Side(entry.A, patient, facts, language);
        var (sideB, matchedB) = Side(entry.B, patient, facts, language);
        var sameOnly = matchedA.Count == 1 && matchedB.Count == 1 && matchedA[0] == matchedB[0];
        var sidesMatch = matchedA.Count > 0 && matchedB.Count > 0 && !sameOnly;
        return new InteractionTrace(sideA, sideB, entry.Severity, sidesMatch, sameOnly);
    }

    private static (InteractionSideTrace Side, List<int> Matched) Side(InteractionSide side, PatientContext patient, PatientFacts facts, string language)
    {
        var candidates = new List<MedicationCandidate>();
        var matched = new List<int>();
        for (var i = 0; i < facts.Medications.Count; i++)
        {
            var medication = facts.Medications[i];
            if (SideCode(side, medication.Code) is not { } sideCode) continue;
            var accepted = side.AcceptsForm(medication.Form, medication.IsOral);
            candidates.Add(new(medication.Display, medication.Code, sideCode, medication.Form, MedicationStatus.Active, accepted));
            if (accepted) matched.Add(i);
        }

        // Medications the facts leave out because they are not active: shown, since they explain a miss.
        foreach (var medication in patient.Medications ?? [])
        {
            if (medication is null || medication.Status == MedicationStatus.Active || !PatientFactsBuilder.IsAtcSystem(medication.System)) continue;
            if (ClinicalCodes.NormalizeAtc(medication.Code) is not { } code || SideCode(side, code) is not { } sideCode) continue;
            var form = PatientFactsBuilder.NormalizeForm(medication.Form);
            var accepted = side.AcceptsForm(form, form is not null && PatientFacts.OralForms.Contains(form));
            candidates.Add(new(PatientFactsBuilder.Display(medication.Name, code), code, sideCode, form, medication.Status, accepted));
        }
        return (new InteractionSideTrace(side.Label.Get(language), side.Codes, side.Forms, candidates), matched);
    }

    private static string? SideCode(InteractionSide side, string code) =>
        side.Codes.FirstOrDefault(c => code.StartsWith(c, StringComparison.Ordinal));
}
