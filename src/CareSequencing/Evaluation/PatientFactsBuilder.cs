using System.Globalization;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing.Evaluation;

/// <summary>
/// Normalises a <see cref="PatientContext"/> into <see cref="PatientFacts"/>: codes validated and
/// upper-cased, inactive entries set aside, age computed at the evaluation date. Anything unusable
/// becomes a warning (never an exception, never a silent drop).
/// </summary>
internal static class PatientFactsBuilder
{
    public static PatientFacts Build(PatientContext patient, DateOnly asOf, string language, List<AdviceWarning> warnings, AtcVocabulary? vocabulary = null)
    {
        HashSet<string>? warnedPaths = null;
        var conditions = new List<string>();
        for (var i = 0; i < (patient.Conditions?.Count ?? 0); i++)
        {
            var condition = patient.Conditions![i];
            if (condition is null)
            {
                // A null entry (possible from C# callers) is a condition without a code, never a silent drop.
                warnings.Add(new(DiagnosticCodes.PatientMissingField, Path("conditions", i, "code"), MessageCatalog.Get("missing-condition-code", language)));
                continue;
            }
            if (!IsSystem(condition.System, Icd10Systems))
            {
                warnings.Add(new(DiagnosticCodes.PatientUnsupportedSystem, Path("conditions", i, "system"),
                    MessageCatalog.Get("unsupported-system-condition", language, condition.System ?? "")));
                continue;
            }
            if (string.IsNullOrWhiteSpace(condition.Code))
            {
                warnings.Add(new(DiagnosticCodes.PatientMissingField, Path("conditions", i, "code"), MessageCatalog.Get("missing-condition-code", language)));
                continue;
            }
            var code = ClinicalCodes.NormalizeIcd10(condition.Code);
            if (code is null)
            {
                warnings.Add(new(DiagnosticCodes.PatientInvalidIcd10, Path("conditions", i, "code"), MessageCatalog.Get("invalid-icd10", language, condition.Code)));
                continue;
            }
            WarnUnknownStatus(condition.Status, ClinicalStatus.Unknown, "conditions", i, language, warnings, ref warnedPaths);
            if (condition.Status == ClinicalStatus.Active) conditions.Add(code);
        }

        var medications = new List<PatientFacts.Medication>();
        for (var i = 0; i < (patient.Medications?.Count ?? 0); i++)
        {
            var medication = patient.Medications![i];
            if (medication is null)
            {
                warnings.Add(new(DiagnosticCodes.PatientMissingField, Path("medications", i, "code"), MessageCatalog.Get("missing-medication-code", language)));
                continue;
            }
            if (!IsAtcSystem(medication.System))
            {
                warnings.Add(new(DiagnosticCodes.PatientUnsupportedSystem, Path("medications", i, "system"),
                    MessageCatalog.Get("unsupported-system-medication", language, medication.System ?? "")));
                continue;
            }
            if (string.IsNullOrWhiteSpace(medication.Code))
            {
                warnings.Add(new(DiagnosticCodes.PatientMissingField, Path("medications", i, "code"), MessageCatalog.Get("missing-medication-code", language)));
                continue;
            }
            var code = ClinicalCodes.NormalizeAtc(medication.Code);
            if (code is null)
            {
                warnings.Add(new(DiagnosticCodes.PatientInvalidAtc, Path("medications", i, "code"), MessageCatalog.Get("invalid-atc", language, medication.Code)));
                continue;
            }
            // Kept all the same: the code may be newer than the host's vocabulary, and its class still matches rules.
            if (vocabulary is not null && !vocabulary.ContainsNormalized(code))
                warnings.Add(new(DiagnosticCodes.PatientUnknownAtc, Path("medications", i, "code"), MessageCatalog.Get("unknown-atc", language, code)));
            WarnUnknownStatus(medication.Status, MedicationStatus.Unknown, "medications", i, language, warnings, ref warnedPaths);
            if (medication.Status == MedicationStatus.Active)
            {
                var form = NormalizeForm(medication.Form);
                medications.Add(new(code, medication.Name, medication.Start, form, form is not null && PatientFacts.OralForms.Contains(form)));
            }
        }

        var therapies = new List<PatientFacts.Therapy>();
        var declined = new List<string>();
        for (var i = 0; i < (patient.Therapies?.Count ?? 0); i++)
        {
            var therapy = patient.Therapies![i];
            if (therapy is null)
            {
                warnings.Add(new(DiagnosticCodes.PatientMissingField, Path("therapies", i, "kind"), MessageCatalog.Get("missing-therapy-kind", language)));
                continue;
            }
            if (string.IsNullOrWhiteSpace(therapy.Kind))
            {
                warnings.Add(new(DiagnosticCodes.PatientMissingField, Path("therapies", i, "kind"), MessageCatalog.Get("missing-therapy-kind", language)));
                continue;
            }
            WarnUnknownStatus(therapy.Status, TherapyStatus.Unknown, "therapies", i, language, warnings, ref warnedPaths);
            var kind = therapy.Kind.Trim().ToLowerInvariant();
            if (therapy.Status == TherapyStatus.Declined) declined.Add(kind);
            else therapies.Add(new(kind, therapy.Status));
        }
        declined.AddRange(Clean(patient.Preferences?.Declined));

        var phase = patient.Phase?.Current?.Trim();
        if (string.IsNullOrEmpty(phase)) phase = null;
        else if (!TherapeuticPhases.IsKnown(phase))
            warnings.Add(new(DiagnosticCodes.PatientUnknownPhase, "phase.current", MessageCatalog.Get("unknown-phase", language, phase)));

        return new PatientFacts(
            asOf,
            Distinct(conditions),
            [.. medications],
            [.. therapies],
            Clean(patient.Flags),
            Distinct(declined),
            [.. Clean(patient.Preferences?.Preferred)],
            phase,
            Clean(patient.Phase?.Completed),
            AgeAt(patient, asOf, language, warnings),
            patient.Sex);
    }

    private static int? AgeAt(PatientContext patient, DateOnly asOf, string language, List<AdviceWarning> warnings)
    {
        if (patient.BirthDate is { } birth)
        {
            var age = asOf.Year - birth.Year - (asOf < birth.AddYears(asOf.Year - birth.Year) ? 1 : 0);
            if (birth <= asOf && age <= 150) return age;
            warnings.Add(new(DiagnosticCodes.PatientInvalidValue, "birthDate", MessageCatalog.Get("invalid-age", language)));
            return null;
        }
        if (patient.Age is { } given)
        {
            if (given is >= 0 and <= 150) return given;
            warnings.Add(new(DiagnosticCodes.PatientInvalidValue, "age", MessageCatalog.Get("invalid-age", language)));
        }
        return null;
    }

    /// <summary>
    /// A status the engine cannot use (<c>Unknown</c>, or a value outside the enum from a C# caller)
    /// leaves the entry out of the rules; say so, unless the file reader already did at this path.
    /// </summary>
    private static void WarnUnknownStatus<T>(T status, T unknown, string list, int index, string language, List<AdviceWarning> warnings,
        ref HashSet<string>? warnedPaths) where T : struct, Enum
    {
        if (Enum.IsDefined(status) && !EqualityComparer<T>.Default.Equals(status, unknown)) return;
        var path = Path(list, index, "status");
        // Built on the first unknown status only: most patients never pay for it.
        warnedPaths ??= new HashSet<string>(warnings.Select(w => w.Path), StringComparer.Ordinal);
        if (!warnedPaths.Add(path)) return;
        warnings.Add(new(DiagnosticCodes.PatientUnknownValue, path, MessageCatalog.Get("unknown-status", language, Enum.IsDefined(status) ? status.ToString().ToLowerInvariant() : "?")));
    }

    /// <summary>A medication's system is ATC (or not given).</summary>
    internal static bool IsAtcSystem(string? system) => IsSystem(system, AtcSystems);

    private static readonly string[] Icd10Systems = [CodeSystems.Icd10, "icd-10", "http://hl7.org/fhir/sid/icd-10"];
    private static readonly string[] AtcSystems = [CodeSystems.Atc, "http://www.whocc.no/atc"];

    /// <summary>How a medication is named in explanations: <c>name (CODE)</c>, or the code alone.</summary>
    internal static string Display(string? name, string code) => string.IsNullOrWhiteSpace(name) ? code : $"{name.Trim()} ({code})";

    /// <summary>Forms are compared lower case, with dashes for spaces (<c>oral solution</c> is <c>oral-solution</c>).</summary>
    internal static string? NormalizeForm(string? form) => form?.Trim().ToLowerInvariant().Replace(' ', '-');

    private static bool IsSystem(string? system, string[] names)
    {
        if (system is null) return true;
        var trimmed = system.AsSpan().Trim();
        foreach (var name in names)
        {
            if (trimmed.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static string[] Distinct(List<string> values)
    {
        if (values.Count == 0) return [];
        var distinct = new DistinctStrings(values.Count);
        foreach (var value in values) distinct.Add(value);
        return [.. distinct.Items];
    }

    private static string[] Clean(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0) return [];
        var clean = new DistinctStrings(values.Count);
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value)) clean.Add(value.Trim().ToLowerInvariant());
        }
        return [.. clean.Items];
    }

    private static string Path(string list, int index, string field) =>
        string.Create(CultureInfo.InvariantCulture, $"{list}[{index}].{field}");
}
