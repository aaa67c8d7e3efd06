using System.Globalization;
using CareSequencing.Loading;
using MessageText = CareSequencing.Model.MessageText;
using CareSequencing.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace CareSequencing.Fhir;

/// <summary>One mapping run: collects facts and warnings, then builds the immutable context.</summary>
internal sealed class BundleMapping(Bundle bundle, FhirMappingOptions options, TerminologyLookup? terminology = null)
{
    private readonly List<AdviceWarning> _warnings = [];
    private readonly List<PatientCondition> _conditions = [];
    private readonly List<PatientMedication> _medications = [];
    private readonly List<PatientTherapy> _therapies = [];
    private readonly List<string> _flags = [];
    private readonly List<string> _declined = [];
    private readonly List<string> _completedPhases = [];
    private string? _currentPhase;
    private Patient? _patient;
    private string _patientPath = "Bundle";
    private readonly TerminologyLookup _terminology = terminology ?? new(options.Translators);

    public PatientContext Map()
    {
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var path = FhirPatientContextMapper.At("Bundle", "entry", i) + ".resource";
            var resource = bundle.Entry[i].Resource;
            switch (resource)
            {
                case null: Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.entry-no-resource")); break;
                case Patient p: ReadPatient(p, path); break;
                case Condition c: ReadCondition(c, path); break;
                case MedicationStatement s: ReadMedicationStatement(s, path); break;
                case MedicationRequest r: ReadMedicationRequest(r, path); break;
                case CarePlan c: ReadCarePlan(c, path); break;
                case Procedure p: ReadProcedure(p, path); break;
                case ServiceRequest s: ReadServiceRequest(s, path); break;
                case Flag f: ReadFlag(f, path); break;
                case Consent c: ReadConsent(c, path); break;
                case Medication: break; // read through the references that point at it
                default:
                    Warn(DiagnosticCodes.PatientUnknownKey, path, new("fhir.resource-not-read", resource.TypeName));
                    break;
            }
        }
        return new PatientContext
        {
            Id = _patient?.Id,
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
        };
    }

    private void ReadPatient(Patient patient, string path)
    {
        if (_patient is not null)
        {
            Warn(DiagnosticCodes.PatientInvalidValue, path, new("fhir.second-patient"));
            return;
        }
        _patient = patient;
        _patientPath = path;
    }

    private void ReadCondition(Condition condition, string path)
    {
        var verification = FirstCode(condition.VerificationStatus);
        if (verification is "entered-in-error" or "refuted")
        {
            Warn(DiagnosticCodes.PatientInvalidValue, path + ".verificationStatus", new("fhir.condition-verification", verification));
            return;
        }
        var status = FirstCode(condition.ClinicalStatus) switch
        {
            null or "active" or "recurrence" or "relapse" => ClinicalStatus.Active,
            "remission" => ClinicalStatus.Remission,
            "inactive" or "resolved" => ClinicalStatus.Resolved,
            _ => Unknown(path + ".clinicalStatus", ClinicalStatus.Unknown),
        };
        var onset = condition.Onset is FhirDateTime onsetDate ? ReadDate(onsetDate.Value, path + ".onsetDateTime")
            : condition.Onset is Period onsetPeriod ? ReadDate(onsetPeriod.Start, path + ".onsetPeriod.start") : null;
        foreach (var code in Codes(condition.Code, path + ".code", TerminologyTarget.Icd10, null))
            _conditions.Add(new PatientCondition(code.Code) { Status = status, Onset = onset, Origin = code.Origin });
    }

    private void ReadMedicationStatement(MedicationStatement statement, string path)
    {
        var literal = statement.StatusElement.Literal();
        if (literal == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "MedicationStatement")); return; }
        var status = literal switch
        {
            "active" => MedicationStatus.Active,
            "intended" or "on-hold" => MedicationStatus.Planned,
            "completed" or "stopped" or "not-taken" => MedicationStatus.Stopped,
            null => Missing(path + ".status", MedicationStatus.Unknown),
            _ => Unknown(path + ".status", MedicationStatus.Unknown),
        };
        var start = statement.Effective is Period period ? ReadDate(period.Start, path + ".effectivePeriod.start")
            : statement.Effective is FhirDateTime when ? ReadDate(when.Value, path + ".effectiveDateTime") : null;
        ReadMedication(statement, statement.Medication, statement.Dosage.FirstOrDefault(), path, status, start);
    }

    private void ReadMedicationRequest(MedicationRequest request, string path)
    {
        var literal = request.StatusElement.Literal();
        if (literal == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "MedicationRequest")); return; }
        var status = literal switch
        {
            "active" => MedicationStatus.Active,
            "draft" or "on-hold" => MedicationStatus.Planned,
            "completed" or "stopped" or "cancelled" => MedicationStatus.Stopped,
            null => Missing(path + ".status", MedicationStatus.Unknown),
            _ => Unknown(path + ".status", MedicationStatus.Unknown),
        };
        ReadMedication(request, request.Medication, request.DosageInstruction.FirstOrDefault(), path, status, ReadDate(request.AuthoredOn, path + ".authoredOn"));
    }

    private void ReadMedication(DomainResource owner, DataType? medication, Dosage? dosage, string path, MedicationStatus status, DateOnly? start)
    {
        CodeableConcept? concept;
        string conceptPath;
        string? form = null;
        switch (medication)
        {
            case CodeableConcept c:
                (concept, conceptPath) = (c, path + ".medicationCodeableConcept");
                break;
            case ResourceReference reference when Resolve(owner, reference.Reference) is Medication m:
                (concept, conceptPath) = (m.Code, path + ".medicationReference(Medication).code");
                form = FormOf(m.Form);
                break;
            case ResourceReference:
                Warn(DiagnosticCodes.PatientMissingField, path + ".medicationReference", new("fhir.medication-reference"));
                return;
            default:
                Warn(DiagnosticCodes.PatientMissingField, path + ".medication[x]", new("fhir.no-medication"));
                return;
        }
        form ??= RouteOf(dosage?.Route);
        var name = concept?.Text ?? concept?.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
        foreach (var code in Codes(concept, conceptPath, TerminologyTarget.Atc, form))
            _medications.Add(new PatientMedication(code.Code) { Name = code.Name ?? name, Form = form ?? code.Form, Status = status, Start = start, Origin = code.Origin });
    }

    private void ReadCarePlan(CarePlan plan, string path)
    {
        var planStatus = plan.StatusElement.Literal();
        if (planStatus == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "CarePlan")); return; }
        for (var i = 0; i < plan.Category.Count; i++)
        {
            foreach (var (phase, _) in Own(plan.Category[i], FhirPatientContextMapper.At(path, "category", i), FhirSystems.Phase, warnOthers: false))
            {
                if (planStatus == "completed") _completedPhases.Add(phase);
                else if (planStatus == "active" && _currentPhase is null) _currentPhase = phase;
                else if (planStatus == "active") Warn(DiagnosticCodes.PatientInvalidValue, FhirPatientContextMapper.At(path, "category", i), new("fhir.second-phase"));
            }
        }
        for (var i = 0; i < plan.Activity.Count; i++)
        {
            var at = FhirPatientContextMapper.At(path, "activity", i);
            var detail = plan.Activity[i].Detail;
            if (detail is null && plan.Activity[i].Reference is { } reference)
            {
                // The referenced ServiceRequest or Task is read from its own entry when the bundle holds it.
                if (Resolve(plan, reference.Reference) is null)
                    Warn(DiagnosticCodes.PatientMissingField, at + ".reference", new("fhir.activity-reference"));
                continue;
            }
            if (detail?.Code is null)
            {
                Warn(DiagnosticCodes.PatientMissingField, at + ".detail.code", new("fhir.activity-no-code"));
                continue;
            }
            if (detail.StatusElement.Literal() == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, at + ".detail.status", new("fhir.entered-in-error", "Activity")); continue; }
            var status = detail.DoNotPerformElement.IsTrue() ? TherapyStatus.Declined : detail.StatusElement.Literal() switch
            {
                "not-started" or "scheduled" or "on-hold" => TherapyStatus.Planned,
                "in-progress" => TherapyStatus.Active,
                "completed" or "stopped" => TherapyStatus.Completed,
                null => Missing(at + ".detail.status", TherapyStatus.Unknown),
                _ => Unknown(at + ".detail.status", TherapyStatus.Unknown),
            };
            AddTherapies(detail.Code, at + ".detail.code", status);
        }
    }

    private void ReadProcedure(Procedure procedure, string path)
    {
        var literal = procedure.StatusElement.Literal();
        if (literal == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "Procedure")); return; }
        var status = literal switch
        {
            "preparation" or "on-hold" => TherapyStatus.Planned,
            "in-progress" => TherapyStatus.Active,
            "completed" or "stopped" => TherapyStatus.Completed,
            "not-done" => TherapyStatus.Declined,
            null => Missing(path + ".status", TherapyStatus.Unknown),
            _ => Unknown(path + ".status", TherapyStatus.Unknown),
        };
        AddTherapies(procedure.Code, path + ".code", status);
    }

    private void ReadServiceRequest(ServiceRequest request, string path)
    {
        var literal = request.StatusElement.Literal();
        if (literal == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "ServiceRequest")); return; }
        var status = request.DoNotPerformElement.IsTrue() ? TherapyStatus.Declined : literal switch
        {
            "draft" or "active" or "on-hold" => TherapyStatus.Planned,
            "completed" => TherapyStatus.Completed,
            null => Missing(path + ".status", TherapyStatus.Unknown),
            _ => Unknown(path + ".status", TherapyStatus.Unknown),
        };
        AddTherapies(request.Code, path + ".code", status);
    }

    private void ReadFlag(Flag flag, string path)
    {
        var literal = flag.StatusElement.Literal();
        if (literal == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "Flag")); return; }
        var codes = Own(flag.Code, path + ".code", FhirSystems.Flag, warnOthers: true);
        if (literal == "active") foreach (var (code, _) in codes) _flags.Add(code);
    }

    private void ReadConsent(Consent consent, string path)
    {
        if (consent.StatusElement.Literal() != "active") return;
        var provision = consent.Provision;
        if (provision?.TypeElement.Literal() != "deny")
        {
            Warn(DiagnosticCodes.PatientUnknownValue, path + ".provision.type", new("fhir.consent-not-deny"));
            return;
        }
        for (var i = 0; i < provision.Code.Count; i++)
            foreach (var (kind, _) in Own(provision.Code[i], FhirPatientContextMapper.At(path, "provision.code", i), FhirSystems.TherapyKind, warnOthers: true))
                _declined.Add(kind);
    }

    private void AddTherapies(CodeableConcept? concept, string path, TherapyStatus status)
    {
        foreach (var (kind, _) in Own(concept, path, FhirSystems.TherapyKind, warnOthers: true))
            _therapies.Add(new PatientTherapy(kind) { Status = status });
    }

    /// <summary>
    /// Codes of a concept in the target system: codings in an accepted system are checked against the format,
    /// other codings go through the host's translators (<see cref="FhirMappingOptions.Translators"/>). Every
    /// coding that gives nothing is a warning.
    /// </summary>
    private List<MappedCode> Codes(CodeableConcept? concept, string path, TerminologyTarget target, string? form)
    {
        var (systems, pattern, invalidCode, what) = target == TerminologyTarget.Atc
            ? (options.AtcSystems, FhirPatientContextMapper.AtcPattern(), DiagnosticCodes.PatientInvalidAtc, "ATC")
            : (options.Icd10Systems, FhirPatientContextMapper.Icd10Pattern(), DiagnosticCodes.PatientInvalidIcd10, "ICD-10");
        var codes = new List<MappedCode>();
        if (concept is null || concept.Coding.Count == 0)
        {
            Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-coding-of", what));
            return codes;
        }
        for (var i = 0; i < concept.Coding.Count; i++)
        {
            var coding = concept.Coding[i];
            var at = FhirPatientContextMapper.At(path, "coding", i);
            if (coding.System is not null && systems.Contains(coding.System))
            {
                if (string.IsNullOrWhiteSpace(coding.Code)) Warn(DiagnosticCodes.PatientMissingField, at + ".code", new("fhir.coding-no-code"));
                else if (!pattern.IsMatch(coding.Code.Trim())) Warn(invalidCode, at + ".code", new("fhir.code-not-valid", what));
                else Add(codes, new MappedCode(coding.Code.Trim(), null, null, null));
                continue;
            }
            if (coding.System is null || string.IsNullOrWhiteSpace(coding.Code) || !_terminology.HasTranslators)
            {
                Warn(DiagnosticCodes.PatientUnsupportedSystem, at, new("fhir.system-not", coding.System ?? "(none)", what));
                continue;
            }
            var source = SourceOf(coding, concept, form);
            var answer = _terminology.Get(source, target);
            foreach (var (translator, problem) in answer.Problems)
                Warn(DiagnosticCodes.PatientTerminologyProblem, at, new("fhir.terminology-problem", translator, problem));
            if (answer.Codes.Count == 0)
            {
                Warn(DiagnosticCodes.PatientUnsupportedSystem, at, new("fhir.system-not", coding.System, what));
                continue;
            }
            foreach (var translated in answer.Codes)
            {
                if (!pattern.IsMatch(translated.Code))
                {
                    Warn(invalidCode, at, new("fhir.translated-not-valid", answer.Translator ?? "?", what));
                    continue;
                }
                var origin = new CodeOrigin(source.System, source.Code) { Display = source.Display, Mapping = translated.Mapping, Source = translated.Source };
                Add(codes, new MappedCode(translated.Code, origin, translated.Form, translated.Name));
            }
        }
        if (codes.Count == 0 && concept.Coding.Count > 0)
            Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-usable-coding", what));
        return codes;

        // A code given directly wins over the same code reached by translation from another coding.
        static void Add(List<MappedCode> codes, MappedCode code)
        {
            if (!codes.Exists(c => c.Code == code.Code)) codes.Add(code);
        }
    }

    private static SourceCoding SourceOf(Coding coding, CodeableConcept concept, string? form) =>
        new(coding.System!, coding.Code!.Trim(), string.IsNullOrWhiteSpace(coding.Display) ? concept.Text : coding.Display)
        {
            Version = coding.Version,
            Form = form,
        };

    /// <summary>A code in the target system and, when it was translated, where it came from.</summary>
    private readonly record struct MappedCode(string Code, CodeOrigin? Origin, string? Form, string? Name);

    /// <summary>Codes of a concept in one CareSequencing system.</summary>
    private List<(string Code, int Index)> Own(CodeableConcept? concept, string path, string system, bool warnOthers)
    {
        var codes = new List<(string, int)>();
        if (concept is null) { if (warnOthers) Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-code")); return codes; }
        for (var i = 0; i < concept.Coding.Count; i++)
        {
            var coding = concept.Coding[i];
            var at = FhirPatientContextMapper.At(path, "coding", i);
            if (coding.System != system) { if (warnOthers) Warn(DiagnosticCodes.PatientUnsupportedSystem, at, new("fhir.system-not-quoted", coding.System ?? "(none)", system)); }
            else if (string.IsNullOrWhiteSpace(coding.Code)) Warn(DiagnosticCodes.PatientMissingField, at + ".code", new("fhir.coding-no-code"));
            else codes.Add((coding.Code.Trim(), i));
        }
        if (warnOthers && codes.Count == 0 && concept.Coding.Count == 0) Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-coding"));
        return codes;
    }

    private Resource? Resolve(DomainResource owner, string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        if (reference.StartsWith('#')) return owner.Contained.FirstOrDefault(c => "#" + c.Id == reference);
        foreach (var entry in bundle.Entry)
        {
            if (entry.Resource is null) continue;
            if (entry.FullUrl == reference || $"{entry.Resource.TypeName}/{entry.Resource.Id}" == reference) return entry.Resource;
        }
        return null;
    }

    private static string? FormOf(CodeableConcept? form) =>
        DoseForms.Normalize(form?.Text ?? form?.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)));

    // A route gives a form only when it names one the packs know (oral, topical, injection...): "dental use" says nothing.
    private static string? RouteOf(CodeableConcept? route) =>
        route is null ? null
        : route.Coding.Any(c => c.System == FhirSystems.Snomed && c.Code == "26643006") ? "oral"
        : FormOf(route) is { } form && DoseForms.RouteOf(form) != AdministrationRoute.Unknown ? form : null;

    private DateOnly? ReadDate(string? value, string path)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var date = value.Length >= 10 ? value[..10] : value;
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var result)) return result;
        Warn(DiagnosticCodes.PatientInvalidValue, path, new("fhir.partial-date"));
        return null;
    }

    private static string? FirstCode(CodeableConcept? concept) => concept?.Coding.Select(c => c.Code).FirstOrDefault(c => c is not null);

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
