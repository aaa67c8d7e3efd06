using System.Collections.Frozen;

namespace CareSequencing.Fhir;

/// <summary>
/// Which resource types the mapper does not read could still hold facts the rules use (medications, conditions,
/// therapies, flags, phases, preferences): only those count as gaps in the "not read" warning (CSQ3041).
/// </summary>
/// <remarks>
/// Counted: MedicationAdministration (a medication taken), List (a medication or problem list), Task (a therapy
/// activity a CarePlan points to), ClinicalImpression (diagnoses found at an assessment). Not counted, because
/// the rules read nothing they hold: administrative and financial types (Organization, Practitioner, Location,
/// Encounter, Claim, ExplanationOfBenefit, Coverage, Provenance, Device, DocumentReference, SupplyDelivery...),
/// results (Observation, DiagnosticReport, ImagingStudy: the rules have no laboratory or vital-sign facts),
/// Immunization (a past vaccination: only current medications are checked), Goal, CareTeam, AllergyIntolerance
/// (the patient context has no allergy fact). Revisit this list when the rules learn a new kind of fact.
/// </remarks>
internal static class UnreadResourceTypes
{
    private static readonly FrozenSet<string> Gaps = FrozenSet.Create(StringComparer.Ordinal,
        "MedicationAdministration", "List", "Task", "ClinicalImpression");

    public static bool CouldHoldFacts(string type) => Gaps.Contains(type);
}
