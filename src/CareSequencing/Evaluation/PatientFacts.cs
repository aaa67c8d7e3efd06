using System.Collections.Frozen;
using CareSequencing.Model;

namespace CareSequencing.Evaluation;

/// <summary>
/// The patient as rule conditions see it (the <c>facts</c> parameter): normalised once per
/// evaluation, so that every helper is a set lookup or a scan of the patient's few entries.
/// These public members are the whole vocabulary of rule expressions; nothing else is reachable.
/// Read-only and safe to share between the rules of one evaluation.
/// </summary>
public sealed class PatientFacts
{
    internal readonly record struct Medication(string Code, string? Name, DateOnly? Start, string? Form, bool IsOral)
    {
        /// <summary><c>name (CODE)</c>, built when an explanation needs it, not for every evaluation.</summary>
        public string Display => PatientFactsBuilder.Display(Name, Code);
    }

    /// <summary>Pharmaceutical forms taken by mouth (lower case, as written in patient files).</summary>
    internal static readonly FrozenSet<string> OralForms = FrozenSet.Create(StringComparer.Ordinal,
        "oral", "tablet", "film-coated-tablet", "capsule", "oral-solution", "oral-suspension", "granules", "oral-powder");

    internal readonly record struct Therapy(string Kind, TherapyStatus Status);

    // HashSet, not FrozenSet: these are built once per evaluation, and freezing costs more than it saves.
    private readonly HashSet<string> _conditionKeys;
    private readonly string[] _conditionCodes;
    private readonly Dictionary<string, int> _medicationCounts;
    private readonly Medication[] _medications;
    private readonly Therapy[] _therapies;
    private readonly HashSet<string> _flags;
    private readonly string[] _declined;
    private readonly string[] _preferred;
    private readonly HashSet<string> _completedPhases;
    private readonly int? _age;

    internal PatientFacts(
        DateOnly asOf,
        string[] conditionCodes,
        Medication[] medications,
        Therapy[] therapies,
        IEnumerable<string> flags,
        string[] declined,
        string[] preferred,
        string? currentPhase,
        IEnumerable<string> completedPhases,
        int? age,
        Sex sex)
    {
        AsOf = asOf;
        _conditionCodes = conditionCodes;
        // Presized: a code brings up to 3 (ICD-10) or 5 (ATC) keys, and resizing would copy them all.
        _conditionKeys = new HashSet<string>(conditionCodes.Length * 3, StringComparer.Ordinal);
        foreach (var code in conditionCodes)
        {
            foreach (var key in ClinicalCodes.Icd10AncestorsAndSelf(code)) _conditionKeys.Add(key);
        }
        _medications = medications;
        _medicationCounts = new Dictionary<string, int>(medications.Length * 4, StringComparer.Ordinal);
        // A substance prescribed twice counts once.
        var seen = new DistinctStrings(medications.Length);
        for (var m = 0; m < medications.Length; m++)
        {
            var code = medications[m].Code;
            if (!seen.Add(code)) continue;
            foreach (var key in ClinicalCodes.AtcAncestorsAndSelf(code))
                _medicationCounts[key] = _medicationCounts.GetValueOrDefault(key) + 1;
        }
        _therapies = therapies;
        _flags = new HashSet<string>(flags, StringComparer.Ordinal);
        _declined = declined;
        _preferred = preferred;
        TherapyKeys = therapies.Length == 0 ? [] : KindKeys(therapies.Select(t => t.Kind));
        DeclinedKeys = KindKeys(declined);
        PreferredKeys = KindKeys(preferred);
        CurrentPhase = currentPhase ?? string.Empty;
        _completedPhases = new HashSet<string>(completedPhases, StringComparer.Ordinal);
        _age = age;
        Sex = sex switch
        {
            CareSequencing.Sex.Female => "female",
            CareSequencing.Sex.Male => "male",
            CareSequencing.Sex.Other => "other",
            _ => "unknown",
        };
    }

    internal DateOnly AsOf { get; }

    // The keys the rule index is looked up with: each fact with every level above it, since a
    // helper asking for a class or a parent kind is satisfied by anything below it.
    internal HashSet<string> ConditionKeys => _conditionKeys;

    internal Dictionary<string, int> MedicationKeys => _medicationCounts;

    internal string[] TherapyKeys { get; }

    internal string[] DeclinedKeys { get; }

    internal string[] PreferredKeys { get; }

    internal HashSet<string> FlagKeys => _flags;

    internal HashSet<string> CompletedPhaseKeys => _completedPhases;

    /// <summary><c>a/b/c</c> gives <c>a</c>, <c>a/b</c>, <c>a/b/c</c>: what a query for a kind or a parent kind matches.</summary>
    private static string[] KindKeys(IEnumerable<string> kinds)
    {
        if (kinds is ICollection<string> { Count: 0 }) return [];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            for (var i = kind.IndexOf('/', StringComparison.Ordinal); i > 0; i = kind.IndexOf('/', i + 1)) keys.Add(kind[..i]);
            keys.Add(kind);
        }
        return [.. keys];
    }

    internal bool HasKnownAge => _age is not null;

    internal bool HasKnownPhase => CurrentPhase.Length > 0;

    internal IReadOnlyList<Medication> Medications => _medications;

    internal IReadOnlyList<string> ConditionCodes => _conditionCodes;

    /// <summary>The current phase, or an empty string when unknown.</summary>
    public string CurrentPhase { get; }

    /// <summary>Age in whole years at the evaluation date.</summary>
    public int Age => _age ?? -1;

    /// <summary><c>female</c>, <c>male</c>, <c>other</c> or <c>unknown</c>.</summary>
    public string Sex { get; }

    /// <summary>An active condition whose ICD-10 code is <paramref name="code"/> or below it.</summary>
    /// <param name="code">An ICD-10 code or category, e.g. <c>F10</c>.</param>
    public bool HasCondition(string code) => code is not null && _conditionKeys.Contains(code);

    /// <summary>An active condition whose ICD-10 category lies in the inclusive range.</summary>
    /// <param name="from">First category, e.g. <c>F20</c>.</param>
    /// <param name="to">Last category, e.g. <c>F48</c>.</param>
    public bool HasConditionInRange(string from, string to)
    {
        if (from is null || to is null) return false;
        foreach (var code in _conditionCodes)
        {
            if (ClinicalCodes.Icd10CategoryInRange(code, from, to)) return true;
        }
        return false;
    }

    /// <summary>An active medication whose ATC code is <paramref name="atc"/> or below it.</summary>
    /// <param name="atc">An ATC code or class, e.g. <c>N06AB</c>.</param>
    public bool HasMedication(string atc) => atc is not null && _medicationCounts.ContainsKey(atc);

    /// <summary>How many distinct active medications fall under <paramref name="atc"/>.</summary>
    /// <param name="atc">An ATC class.</param>
    public int CountMedications(string atc) => atc is null ? 0 : _medicationCounts.GetValueOrDefault(atc);

    /// <summary>An active medication under <paramref name="atc"/> started at most <paramref name="days"/> days before the evaluation date.</summary>
    /// <param name="atc">An ATC code or class.</param>
    /// <param name="days">Days, 0 meaning the evaluation date itself.</param>
    public bool MedicationStartedWithin(string atc, int days)
    {
        if (atc is null) return false;
        foreach (var medication in _medications)
        {
            if (medication.Start is { } start && medication.Code.StartsWith(atc, StringComparison.Ordinal)
                && start <= AsOf && AsOf.DayNumber - start.DayNumber <= days)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An active medication under <paramref name="atc"/>, in an oral form, started at most
    /// <paramref name="days"/> days before the evaluation date (e.g. a first oral anticancer prescription).
    /// </summary>
    /// <param name="atc">An ATC code or class.</param>
    /// <param name="days">Days, 0 meaning the evaluation date itself.</param>
    public bool OralMedicationStartedWithin(string atc, int days)
    {
        if (atc is null) return false;
        foreach (var medication in _medications)
        {
            // No recorded form: possibly oral, the safer reading; the explanation states the assumption.
            if ((medication.IsOral || medication.Form is null) && medication.Start is { } start && medication.Code.StartsWith(atc, StringComparison.Ordinal)
                && start <= AsOf && AsOf.DayNumber - start.DayNumber <= days)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A therapy of <paramref name="kind"/> (or below it) that is active or planned.</summary>
    /// <param name="kind">A therapy kind, e.g. <c>psychotherapy</c> or <c>psychotherapy/cbt</c>.</param>
    public bool HasTherapy(string kind) =>
        HasTherapyWith(kind, TherapyStatus.Active) || HasTherapyWith(kind, TherapyStatus.Planned);

    /// <summary>An active therapy of <paramref name="kind"/> or below it.</summary>
    /// <param name="kind">A therapy kind.</param>
    public bool HasActiveTherapy(string kind) => HasTherapyWith(kind, TherapyStatus.Active);

    /// <summary>A planned therapy of <paramref name="kind"/> or below it.</summary>
    /// <param name="kind">A therapy kind.</param>
    public bool HasPlannedTherapy(string kind) => HasTherapyWith(kind, TherapyStatus.Planned);

    /// <summary>A completed therapy of <paramref name="kind"/> or below it.</summary>
    /// <param name="kind">A therapy kind.</param>
    public bool HasCompletedTherapy(string kind) => HasTherapyWith(kind, TherapyStatus.Completed);

    /// <summary>The patient declined a therapy of <paramref name="kind"/> (therapy status or stated preference).</summary>
    /// <param name="kind">A therapy kind.</param>
    public bool Declined(string kind) => kind is not null && AnyUnder(_declined, kind);

    /// <summary>The patient prefers a therapy of <paramref name="kind"/>.</summary>
    /// <param name="kind">A therapy kind.</param>
    public bool Prefers(string kind) => kind is not null && AnyUnder(_preferred, kind);

    /// <summary>The patient has the psychosocial flag.</summary>
    /// <param name="flag">A flag, e.g. <c>social-isolation</c>.</param>
    public bool HasFlag(string flag) => flag is not null && _flags.Contains(flag);

    /// <summary>The current phase is <paramref name="phase"/>.</summary>
    /// <param name="phase">A phase name.</param>
    public bool IsInPhase(string phase) => string.Equals(CurrentPhase, phase, StringComparison.Ordinal);

    /// <summary>The phase was completed.</summary>
    /// <param name="phase">A phase name.</param>
    public bool PhaseCompleted(string phase) => phase is not null && _completedPhases.Contains(phase);

    // Plain loops, no lambdas: a helper that closes over its argument would allocate on every call.
    private static bool AnyUnder(string[] kinds, string query)
    {
        foreach (var kind in kinds)
        {
            if (ClinicalCodes.KindMatches(kind, query)) return true;
        }
        return false;
    }

    private bool HasTherapyWith(string kind, TherapyStatus status)
    {
        if (kind is null) return false;
        foreach (var therapy in _therapies)
        {
            if (therapy.Status == status && ClinicalCodes.KindMatches(therapy.Kind, kind)) return true;
        }
        return false;
    }

    // Explanation support: the patient's values behind a helper's answer. Only called for rules that fired.
    internal IEnumerable<string> ConditionsUnder(string code) =>
        _conditionCodes.Where(c => ClinicalCodes.Icd10AncestorsAndSelf(c).Contains(code));

    internal IEnumerable<string> ConditionsInRange(string from, string to) =>
        _conditionCodes.Where(c => ClinicalCodes.Icd10CategoryInRange(c, from, to));

    internal IEnumerable<Medication> MedicationsUnder(string atc) =>
        _medications.Where(m => m.Code.StartsWith(atc, StringComparison.Ordinal));

    internal IEnumerable<Therapy> TherapiesUnder(string kind) =>
        _therapies.Where(t => ClinicalCodes.KindMatches(t.Kind, kind));

    internal IEnumerable<string> DeclinedUnder(string kind) => _declined.Where(d => ClinicalCodes.KindMatches(d, kind));

    /// <summary>The patient declined <paramref name="therapy"/> itself or a broader kind that covers it.</summary>
    internal string? DeclinedCovering(string therapy) => Array.Find(_declined, d => ClinicalCodes.KindMatches(therapy, d));

    /// <summary>The patient prefers <paramref name="therapy"/> itself or a broader kind that covers it.</summary>
    internal bool PrefersCovering(string therapy) => Array.Exists(_preferred, p => ClinicalCodes.KindMatches(therapy, p));

    internal IEnumerable<string> PreferredUnder(string kind) => _preferred.Where(p => ClinicalCodes.KindMatches(p, kind));
}
