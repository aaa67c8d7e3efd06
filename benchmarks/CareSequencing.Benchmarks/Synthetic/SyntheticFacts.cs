using System.Globalization;

namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>
/// The <c>facts</c> object of the RulesEngine workflow and of the hand-written C#: the same helper
/// names and meanings as CareSequencing's <c>PatientFacts</c> (docs/rule-format.md), written
/// independently with set lookups, so the agreement check in each benchmark's setup is a real
/// cross-check. Built from a <see cref="PatientContext"/> on every call, as a host would.
/// Public because RulesEngine only calls methods of public types.
/// </summary>
public sealed class SyntheticFacts
{
    private static readonly HashSet<string> OralForms = new(StringComparer.Ordinal)
    {
        "oral", "tablet", "film-coated-tablet", "capsule", "oral-solution", "oral-suspension", "granules", "oral-powder",
    };

    private readonly HashSet<string> _conditionKeys = new(StringComparer.Ordinal);
    private readonly List<string> _conditionCategories = [];
    private readonly Dictionary<string, int> _medicationCounts = new(StringComparer.Ordinal);
    private readonly List<(string Code, DateOnly? Start, bool IsOral)> _medications = [];
    private readonly List<(string Kind, TherapyStatus Status)> _therapies = [];
    private readonly List<string> _declined = [];
    private readonly List<string> _preferred = [];
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _completedPhases = new(StringComparer.Ordinal);
    private readonly DateOnly _asOf;

    private SyntheticFacts(PatientContext patient, DateOnly asOf)
    {
        _asOf = asOf;
        foreach (var condition in patient.Conditions)
        {
            if (condition.Status != ClinicalStatus.Active || string.IsNullOrWhiteSpace(condition.Code)) continue;
            var code = condition.Code.Trim().ToUpperInvariant();
            _conditionCategories.Add(code[..3]);
            // F32.10 is under F32.1 and F32.
            for (var length = code.Length; length >= 5; length--) _conditionKeys.Add(code[..length]);
            _conditionKeys.Add(code[..3]);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var medication in patient.Medications)
        {
            if (medication.Status != MedicationStatus.Active || string.IsNullOrWhiteSpace(medication.Code)) continue;
            var code = medication.Code.Trim().ToUpperInvariant();
            var form = medication.Form?.Trim().ToLowerInvariant().Replace(' ', '-');
            _medications.Add((code, medication.Start, form is not null && OralForms.Contains(form)));
            if (!seen.Add(code)) continue;
            foreach (var length in (ReadOnlySpan<int>)[1, 3, 4, 5, 7])
            {
                if (length <= code.Length) _medicationCounts[code[..length]] = _medicationCounts.GetValueOrDefault(code[..length]) + 1;
            }
        }
        foreach (var therapy in patient.Therapies)
        {
            if (string.IsNullOrWhiteSpace(therapy.Kind)) continue;
            var kind = therapy.Kind.Trim().ToLowerInvariant();
            if (therapy.Status == TherapyStatus.Declined) _declined.Add(kind);
            else _therapies.Add((kind, therapy.Status));
        }
        _declined.AddRange(patient.Preferences.Declined.Select(d => d.Trim().ToLowerInvariant()));
        _preferred.AddRange(patient.Preferences.Preferred.Select(p => p.Trim().ToLowerInvariant()));
        foreach (var flag in patient.Flags) _flags.Add(flag.Trim().ToLowerInvariant());
        foreach (var phase in patient.Phase.Completed) _completedPhases.Add(phase.Trim());
        CurrentPhase = patient.Phase.Current?.Trim() ?? "";
        Age = patient.BirthDate is { } birth
            ? asOf.Year - birth.Year - (asOf < birth.AddYears(asOf.Year - birth.Year) ? 1 : 0)
            : patient.Age ?? -1;
        Sex = patient.Sex.ToString().ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>Normalises the patient for one evaluation as of <paramref name="asOf"/>.</summary>
    public static SyntheticFacts From(PatientContext patient, DateOnly asOf) => new(patient, asOf);

    public string CurrentPhase { get; }

    public int Age { get; }

    public string Sex { get; }

    public bool HasCondition(string code) => _conditionKeys.Contains(code);

    public bool HasConditionInRange(string from, string to)
    {
        foreach (var category in _conditionCategories)
        {
            if (string.CompareOrdinal(category, from) >= 0 && string.CompareOrdinal(category, to) <= 0) return true;
        }
        return false;
    }

    public bool HasMedication(string atc) => _medicationCounts.ContainsKey(atc);

    public int CountMedications(string atc) => _medicationCounts.GetValueOrDefault(atc);

    public bool MedicationStartedWithin(string atc, int days) => StartedWithin(atc, days, oralOnly: false);

    public bool OralMedicationStartedWithin(string atc, int days) => StartedWithin(atc, days, oralOnly: true);

    public bool HasTherapy(string kind) => HasTherapyWith(kind, TherapyStatus.Active) || HasTherapyWith(kind, TherapyStatus.Planned);

    public bool HasActiveTherapy(string kind) => HasTherapyWith(kind, TherapyStatus.Active);

    public bool HasPlannedTherapy(string kind) => HasTherapyWith(kind, TherapyStatus.Planned);

    public bool HasCompletedTherapy(string kind) => HasTherapyWith(kind, TherapyStatus.Completed);

    public bool Declined(string kind) => _declined.Exists(d => KindMatches(d, kind));

    public bool Prefers(string kind) => _preferred.Exists(p => KindMatches(p, kind));

    public bool HasFlag(string flag) => _flags.Contains(flag);

    public bool IsInPhase(string phase) => string.Equals(CurrentPhase, phase, StringComparison.Ordinal);

    public bool PhaseCompleted(string phase) => _completedPhases.Contains(phase);

    private bool StartedWithin(string atc, int days, bool oralOnly)
    {
        foreach (var (code, start, isOral) in _medications)
        {
            if ((!oralOnly || isOral) && start is { } s && code.StartsWith(atc, StringComparison.Ordinal)
                && s <= _asOf && _asOf.DayNumber - s.DayNumber <= days)
            {
                return true;
            }
        }
        return false;
    }

    private bool HasTherapyWith(string kind, TherapyStatus status)
    {
        foreach (var (k, s) in _therapies)
        {
            if (s == status && KindMatches(k, kind)) return true;
        }
        return false;
    }

    // "psychotherapy" covers "psychotherapy/cbt".
    private static bool KindMatches(string kind, string query) =>
        kind.Length == query.Length
            ? string.Equals(kind, query, StringComparison.Ordinal)
            : kind.Length > query.Length && kind[query.Length] == '/' && kind.StartsWith(query, StringComparison.Ordinal);
}
