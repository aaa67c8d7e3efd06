using System.Globalization;
using System.Text;
using CareSequencing.Loading;
using MessageText = CareSequencing.Model.MessageText;
using CareSequencing.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace CareSequencing.Fhir;

/// <summary>
/// One mapping run: finds the patient, reads only the resources about that patient, collects facts, counts what it
/// could not use (one summary warning per kind), then builds the immutable context.
/// </summary>
internal sealed partial class BundleMapping(Bundle bundle, FhirMappingOptions options, TerminologyLookup? terminology = null)
{
    private readonly List<AdviceWarning> _warnings = [];
    private readonly List<PatientCondition> _conditions = [];
    private readonly List<PatientMedication> _medications = [];
    private readonly List<PatientTherapy> _therapies = [];
    private readonly List<string> _flags = [];
    private readonly List<string> _declined = [];
    private readonly List<string> _completedPhases = [];
    private readonly TerminologyLookup _terminology = terminology ?? new(options.Translators);
    private readonly ReferenceIndex _index = new(bundle);
    private readonly Dictionary<string, int> _notRead = new(StringComparer.Ordinal);
    private string? _currentPhase;
    private Patient? _patient;
    private PatientSubject? _subject;
    private string? _patientId;
    private string _patientPath = "Bundle";
    private int _otherPatients;
    private int _otherSubjects;
    private int _noSubject;
    private int _ambiguousSubjects;

    public PatientContext Map()
    {
        FindPatient();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var path = FhirPatientContextMapper.At("Bundle", "entry", i) + ".resource";
            var resource = bundle.Entry[i].Resource;
            switch (resource)
            {
                case null: Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.entry-no-resource")); break;
                case Patient p:
                    if (!ReferenceEquals(p, _patient)) _otherPatients++;
                    break;
                case Medication or Substance: break; // read through the references that point at them
                case Condition c: if (IsAboutPatient(c.Subject)) ReadCondition(c, path); break;
                case MedicationStatement s: if (IsAboutPatient(s.Subject)) ReadMedicationStatement(s, path); break;
                case MedicationRequest r: if (IsAboutPatient(r.Subject)) ReadMedicationRequest(r, path); break;
                case MedicationDispense d: if (IsAboutPatient(d.Subject)) ReadMedicationDispense(d, path); break;
                case CarePlan c: if (IsAboutPatient(c.Subject)) ReadCarePlan(c, path); break;
                case Procedure p: if (IsAboutPatient(p.Subject)) ReadProcedure(p, path); break;
                case ServiceRequest s: if (IsAboutPatient(s.Subject)) ReadServiceRequest(s, path); break;
                case Flag f: if (IsAboutPatient(f.Subject)) ReadFlag(f, path); break;
                case Consent c: if (IsAboutPatient(c.Patient)) ReadConsent(c, path); break;
                default:
                    _notRead[resource.TypeName] = _notRead.GetValueOrDefault(resource.TypeName) + 1;
                    break;
            }
        }
        Summarise();
        return new PatientContext
        {
            Id = _patient?.Id ?? _patientId,
            BirthDate = ReadDate(_patient?.BirthDate, _patientPath + ".birthDate"),
            Sex = _patient?.GenderElement.Literal() switch
            {
                "female" => Sex.Female,
                "male" => Sex.Male,
                "other" => Sex.Other,
                null or "unknown" => Sex.Unknown,
                _ => Unknown(_patientPath + ".gender", Sex.Unknown),
            },
            Conditions = [.. _conditions],
            Medications = [.. _medications],
            Therapies = [.. _therapies],
            Flags = [.. _flags.Distinct(StringComparer.Ordinal)],
            Phase = _currentPhase is null && _completedPhases.Count == 0
                ? PatientPhase.Unknown
                : new PatientPhase(_currentPhase) { Completed = [.. _completedPhases.Distinct(StringComparer.Ordinal)] },
            Preferences = _declined.Count == 0 ? PatientPreferences.None : new PatientPreferences { Declined = [.. _declined.Distinct(StringComparer.Ordinal)] },
            InputWarnings = [.. _warnings],
            Unchecked = [.. _unchecked],
        };
    }

    /// <summary>
    /// The patient is the Patient whose id is <see cref="FhirMappingOptions.PatientId"/> when set, else the first Patient.
    /// Without a Patient resource, the patient is <see cref="FhirMappingOptions.PatientId"/> when set, else the one
    /// patient every read resource names; when they name several, none is read (nothing is attributed by guess).
    /// </summary>
    private void FindPatient()
    {
        var wanted = options.PatientId;
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (bundle.Entry[i].Resource is not Patient patient) continue;
            if (wanted is not null && !string.Equals(patient.Id, wanted, StringComparison.Ordinal)) continue;
            _patient = patient;
            _patientPath = FhirPatientContextMapper.At("Bundle", "entry", i) + ".resource";
            _subject = PatientSubject.Of(patient, bundle.Entry[i].FullUrl);
            return;
        }
        if (wanted is not null)
        {
            _subject = PatientSubject.OfId(wanted);
            _patientId = wanted;
            return;
        }
        // No Patient in the bundle (the loop returns on the first one when no id is wanted).
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in bundle.Entry)
        {
            if (entry.Resource is { } resource && SubjectOf(resource) is { } subject && PatientSubject.KeyOf(subject) is { } key) keys.Add(key);
        }
        if (keys.Count == 1)
        {
            var key = keys.First();
            _subject = PatientSubject.OfKey(key);
            _patientId = PatientSubject.IdOfKey(key);
        }
        else if (keys.Count > 1)
        {
            _ambiguousSubjects = keys.Count;
        }
    }

    /// <summary>The reference to the patient of the resource types the mapper reads; <see langword="null"/> for the others.</summary>
    private static ResourceReference? SubjectOf(Resource resource) => resource switch
    {
        Condition c => c.Subject,
        MedicationStatement s => s.Subject,
        MedicationRequest r => r.Subject,
        MedicationDispense d => d.Subject,
        CarePlan c => c.Subject,
        Procedure p => p.Subject,
        ServiceRequest s => s.Subject,
        Flag f => f.Subject,
        Consent c => c.Patient,
        _ => null,
    };

    /// <summary>A resource is read only when its subject is the patient: another patient's data must never be merged.</summary>
    private bool IsAboutPatient(ResourceReference? subject)
    {
        if (subject is null || (string.IsNullOrEmpty(subject.Reference) && subject.Identifier is null))
        {
            _noSubject++;
            return false;
        }
        if (_subject is not null && _subject.Matches(subject)) return true;
        _otherSubjects++;
        return false;
    }

    private void Summarise()
    {
        if (_ambiguousSubjects > 0)
            Warn(DiagnosticCodes.PatientOtherPatient, "Bundle", new("fhir.no-patient-several-subjects", _ambiguousSubjects));
        else if (_otherPatients + _otherSubjects > 0)
            Warn(DiagnosticCodes.PatientOtherPatient, "Bundle", new("fhir.other-patient", _otherPatients, _otherSubjects));
        if (_noSubject > 0)
            Warn(DiagnosticCodes.PatientNoSubject, "Bundle", new("fhir.no-subject", _noSubject));
        SummariseNotRead();
        SummariseUnchecked();
        if (_periodEnded > 0)
            Warn(DiagnosticCodes.PatientMedicationEnded, "Bundle", new("fhir.medication-ended", _periodEnded));
        if (_ignoredConditions > 0)
            Warn(DiagnosticCodes.PatientUnconfirmedCondition, "Bundle", new("fhir.conditions-ignored", _ignoredConditions));
        if (_unconfirmedConditions > 0)
            Warn(DiagnosticCodes.PatientUnconfirmedCondition, "Bundle", new("fhir.conditions-unconfirmed", _unconfirmedConditions));
    }

    /// <summary>
    /// One warning for every resource type not read, and only when some of them could hold facts the rules use
    /// (<see cref="UnreadResourceTypes"/>); the others are named as not counted. Type names, never patient data.
    /// </summary>
    private void SummariseNotRead()
    {
        if (_notRead.Count == 0) return;
        var gaps = new List<KeyValuePair<string, int>>();
        var others = new List<KeyValuePair<string, int>>();
        foreach (var pair in _notRead) (UnreadResourceTypes.CouldHoldFacts(pair.Key) ? gaps : others).Add(pair);
        if (gaps.Count == 0) return;
        var gapCount = 0;
        foreach (var pair in gaps) gapCount += pair.Value;
        var otherCount = 0;
        foreach (var pair in others) otherCount += pair.Value;
        Warn(DiagnosticCodes.PatientResourcesNotRead, "Bundle", others.Count == 0
            ? new MessageText("fhir.not-read", gapCount, gaps.Count, Tally(gaps))
            : new MessageText("fhir.not-read-and-others", gapCount, gaps.Count, Tally(gaps), otherCount, Tally(others)));
    }

    /// <summary>"Encounter ×140, Claim ×80, ...": most frequent first, then by name; at most ten types.</summary>
    private static string Tally(List<KeyValuePair<string, int>> counts)
    {
        counts.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        for (var i = 0; i < counts.Count && i < 10; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(counts[i].Key).Append(" ×").Append(counts[i].Value.ToString(CultureInfo.InvariantCulture));
        }
        if (counts.Count > 10) text.Append(", ...");
        return text.ToString();
    }

    private DateOnly? ReadDate(string? value, string path)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var date = value.Length >= 10 ? value[..10] : value;
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var result)) return result;
        Warn(DiagnosticCodes.PatientInvalidValue, path, new("fhir.partial-date"));
        return null;
    }

    private T Unknown<T>(string path, T value)
    {
        Warn(DiagnosticCodes.PatientUnknownValue, path, new("fhir.code-not-understood"));
        return value;
    }

    private T Missing<T>(string path, T value)
    {
        Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-status"));
        return value;
    }

    private void Warn(string code, string path, MessageText message) => _warnings.Add(new(code, path, message));
}
