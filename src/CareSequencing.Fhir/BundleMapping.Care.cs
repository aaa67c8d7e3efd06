using CareSequencing.Loading;
using CareSequencing.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace CareSequencing.Fhir;

// Conditions, care plans and phases, therapies, flags and consents.
internal sealed partial class BundleMapping
{
    private int _ignoredConditions;
    private int _unconfirmedConditions;

    /// <summary>
    /// A refuted or entered-in-error condition is not the patient's and is ignored; an unconfirmed, provisional or
    /// differential one is read (it may matter) and counted for a warning; abatement means the condition is over.
    /// </summary>
    private void ReadCondition(Condition condition, string path)
    {
        var verification = FirstCode(condition.VerificationStatus);
        if (verification is "entered-in-error" or "refuted")
        {
            _ignoredConditions++;
            return;
        }
        var status = FirstCode(condition.ClinicalStatus) switch
        {
            null or "active" or "recurrence" or "relapse" => ClinicalStatus.Active,
            "remission" => ClinicalStatus.Remission,
            "inactive" or "resolved" => ClinicalStatus.Resolved,
            _ => Unknown(path + ".clinicalStatus", ClinicalStatus.Unknown),
        };
        // FHIR requires a non-active clinical status with abatement; a record that says active and abated is read as over.
        if (condition.Abatement is not null && status is ClinicalStatus.Active or ClinicalStatus.Unknown) status = ClinicalStatus.Resolved;
        var onset = condition.Onset is FhirDateTime onsetDate ? ReadDate(onsetDate.Value, path + ".onsetDateTime")
            : condition.Onset is Period onsetPeriod ? ReadDate(onsetPeriod.Start, path + ".onsetPeriod.start") : null;
        var read = false;
        foreach (var code in Codes(condition.Code, path + ".code", TerminologyTarget.Icd10, null, UncheckedCodeKind.Condition,
            current: status is ClinicalStatus.Active or ClinicalStatus.Unknown))
        {
            _conditions.Add(new PatientCondition(code.Code) { Status = status, Onset = onset, Origin = code.Origin });
            read = true;
        }
        if (read && verification is "unconfirmed" or "provisional" or "differential") _unconfirmedConditions++;
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
                if (_index.Resolve(plan, reference.Reference) is null)
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

    private static string? FirstCode(CodeableConcept? concept)
    {
        if (concept is null) return null;
        foreach (var coding in concept.Coding)
        {
            if (coding.Code is not null) return coding.Code;
        }
        return null;
    }
}
