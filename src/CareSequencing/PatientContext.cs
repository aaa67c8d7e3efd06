namespace CareSequencing;

/// <summary>
/// The facts about one patient that the host hands to the evaluator: demographics, conditions,
/// medications, therapies, therapeutic phase, psychosocial flags and preferences.
/// </summary>
/// <remarks>
/// Every collection defaults to empty and every field is optional: missing or unusable data never
/// throws; it becomes a warning in the resulting <see cref="Advice"/>.
/// </remarks>
public sealed record PatientContext
{
    /// <summary>The host's identifier for the patient, echoed in the advice.</summary>
    public string? Id { get; init; }

    /// <summary>Date of birth; when set, age is computed at the evaluation date.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Age in whole years, used when <see cref="BirthDate"/> is not given.</summary>
    public int? Age { get; init; }

    /// <summary>Administrative sex.</summary>
    public Sex Sex { get; init; } = Sex.Unknown;

    /// <summary>Diagnosed conditions (ICD-10 codes).</summary>
    public IReadOnlyList<PatientCondition> Conditions { get; init; } = [];

    /// <summary>Medications (ATC codes).</summary>
    public IReadOnlyList<PatientMedication> Medications { get; init; } = [];

    /// <summary>Non-drug therapies: psychotherapies, education programmes, accompaniment.</summary>
    public IReadOnlyList<PatientTherapy> Therapies { get; init; } = [];

    /// <summary>Where the patient stands in the therapeutic sequence.</summary>
    public PatientPhase Phase { get; init; } = PatientPhase.Unknown;

    /// <summary>Psychosocial flags such as <c>social-isolation</c> or <c>low-health-literacy</c>.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Therapies the patient declined or prefers.</summary>
    public PatientPreferences Preferences { get; init; } = PatientPreferences.None;

    /// <summary>
    /// Problems found while reading this context from a file (unknown keys, unreadable dates);
    /// they are carried into <see cref="Advice.Warnings"/>.
    /// </summary>
    public IReadOnlyList<AdviceWarning> InputWarnings { get; init; } = [];

    /// <summary>
    /// Medications and conditions the host sent that could not be read as codes the rules speak (an RxNorm or
    /// SNOMED CT code no translator knew): they were not checked, and the advice says so. Each coding once,
    /// in the order met. Kept apart from <see cref="InputWarnings"/>, whose messages never carry patient data.
    /// </summary>
    public IReadOnlyList<UncheckedCode> Unchecked { get; init; } = [];
}

/// <summary>Administrative sex.</summary>
public enum Sex
{
    /// <summary>Not recorded.</summary>
    Unknown,
    /// <summary>Female.</summary>
    Female,
    /// <summary>Male.</summary>
    Male,
    /// <summary>Other.</summary>
    Other,
}

/// <summary>A diagnosed condition.</summary>
/// <param name="Code">The code, e.g. <c>F32.1</c>.</param>
public sealed record PatientCondition(string? Code)
{
    /// <summary>Code system; <c>icd10</c> is the one rules understand.</summary>
    public string System { get; init; } = CodeSystems.Icd10;

    /// <summary>Clinical status; only active conditions match rules.</summary>
    public ClinicalStatus Status { get; init; } = ClinicalStatus.Active;

    /// <summary>Date of onset, when known.</summary>
    public DateOnly? Onset { get; init; }

    /// <summary>
    /// The coding the host sent, when <see cref="Code"/> was translated from another system (SNOMED CT,
    /// ICD-10-CM...); <see langword="null"/> when the code was given as it is.
    /// </summary>
    public CodeOrigin? Origin { get; init; }
}

/// <summary>A medication the patient takes or is about to take.</summary>
/// <param name="Code">The code, e.g. the ATC code <c>N06AB06</c>.</param>
public sealed record PatientMedication(string? Code)
{
    /// <summary>Code system; <c>atc</c> is the one rules understand.</summary>
    public string System { get; init; } = CodeSystems.Atc;

    /// <summary>Display name, shown in explanations.</summary>
    public string? Name { get; init; }

    /// <summary>Pharmaceutical form (tablet, solution, patch...).</summary>
    public string? Form { get; init; }

    /// <summary>Status; only active medications match rules and interaction checks.</summary>
    public MedicationStatus Status { get; init; } = MedicationStatus.Active;

    /// <summary>Start date, when known.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>
    /// The coding the host sent, when <see cref="Code"/> was translated from another system (RxNorm,
    /// CIP13...); <see langword="null"/> when the code was given as it is.
    /// </summary>
    public CodeOrigin? Origin { get; init; }
}

/// <summary>Where a translated code came from and how it was translated, so that advice can say what it relied on.</summary>
/// <param name="System">The code system URI the host sent, e.g. <c>http://www.nlm.nih.gov/research/umls/rxnorm</c>.</param>
/// <param name="Code">The code the host sent, e.g. <c>328670</c>.</param>
public sealed record CodeOrigin(string System, string Code)
{
    /// <summary>The display the host sent with the code, when any.</summary>
    public string? Display { get; init; }

    /// <summary>How the code was translated.</summary>
    public CodeMapping Mapping { get; init; } = CodeMapping.Map;

    /// <summary>Which map, server or table made the translation, with its edition and row where it has one.</summary>
    public string? Source { get; init; }
}

/// <summary>How a host's coding was translated into the code system the rules speak.</summary>
public enum CodeMapping
{
    /// <summary>By a map entry for that code (a ConceptMap, the shipped default maps): the map's equivalence holds.</summary>
    Map,

    /// <summary>By a terminology server's <c>$translate</c>.</summary>
    Server,

    /// <summary>By reading the display name (e.g. an RxNorm clinical drug's ingredients): checked less than a map entry.</summary>
    Name,

    /// <summary>By the parent category in the target system (e.g. ICD-10-CM <c>F32.A</c> read as WHO <c>F32</c>): broader than what was sent.</summary>
    Parent,
}

/// <summary>A non-drug therapy such as <c>psychotherapy/cbt</c> or <c>education/workshop</c>.</summary>
/// <param name="Kind">Hierarchical kind; <c>/</c> separates levels.</param>
public sealed record PatientTherapy(string? Kind)
{
    /// <summary>Status of the therapy.</summary>
    public TherapyStatus Status { get; init; } = TherapyStatus.Active;
}

/// <summary>Position in the therapeutic sequence.</summary>
/// <param name="Current">The current phase, e.g. <c>medication-treatment</c>.</param>
public sealed record PatientPhase(string? Current)
{
    /// <summary>A phase that is not known.</summary>
    public static PatientPhase Unknown { get; } = new((string?)null);

    /// <summary>Phases already completed.</summary>
    public IReadOnlyList<string> Completed { get; init; } = [];
}

/// <summary>The patient's stated preferences.</summary>
public sealed record PatientPreferences
{
    /// <summary>No stated preference.</summary>
    public static PatientPreferences None { get; } = new();

    /// <summary>Therapy kinds the patient declined; they are never proposed.</summary>
    public IReadOnlyList<string> Declined { get; init; } = [];

    /// <summary>Therapy kinds the patient prefers; they rank higher.</summary>
    public IReadOnlyList<string> Preferred { get; init; } = [];
}

/// <summary>Clinical status of a condition.</summary>
public enum ClinicalStatus
{
    /// <summary>Active.</summary>
    Active,
    /// <summary>In remission.</summary>
    Remission,
    /// <summary>Resolved.</summary>
    Resolved,
    /// <summary>Recorded with a status that was not understood.</summary>
    Unknown,
}

/// <summary>Status of a medication.</summary>
public enum MedicationStatus
{
    /// <summary>Being taken.</summary>
    Active,
    /// <summary>Intended, not started.</summary>
    Planned,
    /// <summary>Stopped.</summary>
    Stopped,
    /// <summary>Recorded with a status that was not understood.</summary>
    Unknown,
}

/// <summary>Status of a therapy.</summary>
public enum TherapyStatus
{
    /// <summary>Under way.</summary>
    Active,
    /// <summary>Planned.</summary>
    Planned,
    /// <summary>Completed.</summary>
    Completed,
    /// <summary>Declined by the patient.</summary>
    Declined,
    /// <summary>Recorded with a status that was not understood.</summary>
    Unknown,
}

/// <summary>The code systems rules understand.</summary>
public static class CodeSystems
{
    /// <summary>WHO Anatomical Therapeutic Chemical classification.</summary>
    public const string Atc = "atc";

    /// <summary>WHO International Classification of Diseases, 10th revision.</summary>
    public const string Icd10 = "icd10";
}
