namespace CareSequencing.Fuzz;

/// <summary>The fixed halves of the pack target: its manifest, and the patient each loaded pack is evaluated for.</summary>
internal static class FuzzPatients
{
    /// <summary>A valid manifest declaring the sources the seed rules cite.</summary>
    public const string Manifest = """
        schemaVersion: 1
        id: fuzz
        version: 1.0.0
        title: { en: Fuzz, fr: Fuzz }
        publisher: fuzzing
        releaseDate: 2026-11-01
        sources:
          - { id: s, citation: Source. }
          - { id: has-2024, citation: Second source. }
        """;

    /// <summary>A patient with something for most rule helpers to look at.</summary>
    public static readonly PatientContext Full = new()
    {
        Id = "fuzz-patient",
        BirthDate = new DateOnly(1971, 4, 2),
        Sex = Sex.Female,
        Conditions = [new("F32.1"), new("F10.2"), new("E11") { Status = ClinicalStatus.Remission }],
        Medications =
        [
            new("N06AB06") { Name = "sertraline", Form = "tablet", Start = new DateOnly(2026, 10, 1) },
            new("N02AX02") { Name = "tramadol" },
            new("N05BA01") { Status = MedicationStatus.Planned },
        ],
        Therapies = [new("psychotherapy/cbt") { Status = TherapyStatus.Planned }],
        Phase = new("medication-treatment") { Completed = ["assessment"] },
        Flags = ["social-isolation", "low-health-literacy"],
        Preferences = new() { Declined = ["psychotherapy/psychoanalysis"] },
    };
}
