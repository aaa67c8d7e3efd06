using CareSequencing.Loading;
using CareSequencing.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace CareSequencing.Fhir;

// MedicationRequest, MedicationStatement and MedicationDispense, coded in place or through a contained or bundled Medication.
internal sealed partial class BundleMapping
{
    private int _periodEnded;

    private void ReadMedicationRequest(MedicationRequest request, string path)
    {
        var literal = request.StatusElement.Literal();
        if (literal == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "MedicationRequest")); return; }
        var status = literal switch
        {
            // on-hold: suspended but still prescribed, so its interactions still matter when it resumes.
            "active" or "on-hold" => MedicationStatus.Active,
            "draft" => MedicationStatus.Planned,
            "completed" or "stopped" or "cancelled" => MedicationStatus.Stopped,
            null => Missing(path + ".status", MedicationStatus.Unknown),
            _ => Unknown(path + ".status", MedicationStatus.Unknown),
        };
        ReadMedication(request, request.Medication, request.DosageInstruction, path, status, ReadDate(request.AuthoredOn, path + ".authoredOn"));
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
        DateOnly? start = null;
        if (statement.Effective is Period period)
        {
            start = ReadDate(period.Start, path + ".effectivePeriod.start");
            if (status == MedicationStatus.Active && Ended(ReadDate(period.End, path + ".effectivePeriod.end"))) status = MedicationStatus.Stopped;
        }
        else if (statement.Effective is FhirDateTime when)
        {
            start = ReadDate(when.Value, path + ".effectiveDateTime");
        }
        ReadMedication(statement, statement.Medication, statement.Dosage, path, status, start);
    }

    /// <summary>
    /// A dispense says the patient was handed the medication: completed is read as active from <c>whenHandedOver</c>.
    /// Whether the supply has run out depends on the date of evaluation, which only <see cref="FhirMappingOptions.AsOf"/> gives.
    /// </summary>
    private void ReadMedicationDispense(MedicationDispense dispense, string path)
    {
        var literal = dispense.StatusElement.Literal();
        if (literal == "entered-in-error") { Warn(DiagnosticCodes.PatientInvalidValue, path + ".status", new("fhir.entered-in-error", "MedicationDispense")); return; }
        var status = literal switch
        {
            "completed" => MedicationStatus.Active,
            "preparation" or "in-progress" or "on-hold" => MedicationStatus.Planned,
            "cancelled" or "stopped" or "declined" => MedicationStatus.Stopped,
            null => Missing(path + ".status", MedicationStatus.Unknown),
            _ => Unknown(path + ".status", MedicationStatus.Unknown),
        };
        var handedOver = ReadDate(dispense.WhenHandedOver, path + ".whenHandedOver");
        if (status == MedicationStatus.Active && handedOver is { } from && dispense.DaysSupply?.Value is { } days && days >= 0 && days < 100_000
            && Ended(from.AddDays((int)Math.Ceiling(days))))
            status = MedicationStatus.Stopped;
        ReadMedication(dispense, dispense.Medication, dispense.DosageInstruction, path, status, handedOver);
    }

    /// <summary>True when <see cref="FhirMappingOptions.AsOf"/> is set and the period ended before it (counted for CSQ3043).</summary>
    private bool Ended(DateOnly? end)
    {
        if (options.AsOf is not { } asOf || end is not { } last || last >= asOf) return false;
        _periodEnded++;
        return true;
    }

    private void ReadMedication(DomainResource owner, DataType? medication, List<Dosage> dosages, string path, MedicationStatus status, DateOnly? start)
    {
        var route = dosages.Count > 0 ? RouteOf(dosages[0].Route) : null;
        switch (medication)
        {
            case CodeableConcept concept:
                AddMedications(concept, path + ".medicationCodeableConcept", route, status, start);
                break;
            case ResourceReference reference when _index.Resolve(owner, reference.Reference) is Medication m:
                ReadMedicationResource(owner, m, path + ".medicationReference(Medication)", route, status, start);
                break;
            case ResourceReference:
                Warn(DiagnosticCodes.PatientMissingField, path + ".medicationReference", new("fhir.medication-reference"));
                break;
            default:
                Warn(DiagnosticCodes.PatientMissingField, path + ".medication[x]", new("fhir.no-medication"));
                break;
        }
    }

    /// <summary>A Medication's code; without one, each ingredient (coded, or a referenced Medication or Substance) as a medication of its own.</summary>
    private void ReadMedicationResource(DomainResource owner, Medication medication, string path, string? route, MedicationStatus status, DateOnly? start)
    {
        var form = FormOf(medication.Form) ?? route;
        if (medication.Code is { Coding.Count: > 0 } || medication.Ingredient.Count == 0)
        {
            AddMedications(medication.Code, path + ".code", form, status, start);
            return;
        }
        for (var i = 0; i < medication.Ingredient.Count; i++)
        {
            var at = FhirPatientContextMapper.At(path, "ingredient", i);
            switch (medication.Ingredient[i].Item)
            {
                case CodeableConcept concept:
                    AddMedications(concept, at + ".itemCodeableConcept", form, status, start);
                    break;
                case ResourceReference reference when _index.Resolve(owner, reference.Reference) is { } item && item is Medication or Substance:
                    AddMedications(item is Medication m ? m.Code : ((Substance)item).Code, at + ".itemReference(" + item.TypeName + ").code", form, status, start);
                    break;
                default:
                    Warn(DiagnosticCodes.PatientMissingField, at + ".item[x]", new("fhir.medication-reference"));
                    break;
            }
        }
    }

    private void AddMedications(CodeableConcept? concept, string path, string? form, MedicationStatus status, DateOnly? start)
    {
        var name = concept is null ? null : TextOf(concept);
        foreach (var code in Codes(concept, path, TerminologyTarget.Atc, form, UncheckedCodeKind.Medication, current: status != MedicationStatus.Stopped))
            _medications.Add(new PatientMedication(code.Code) { Name = code.Name ?? name, Form = form ?? code.Form, Status = status, Start = start, Origin = code.Origin });
    }

    /// <summary>The concept's text, else its first display.</summary>
    private static string? TextOf(CodeableConcept concept)
    {
        if (!string.IsNullOrWhiteSpace(concept.Text)) return concept.Text;
        foreach (var coding in concept.Coding)
        {
            if (!string.IsNullOrWhiteSpace(coding.Display)) return coding.Display;
        }
        return null;
    }

    private static string? FormOf(CodeableConcept? form) => form is not null && TextOf(form) is { } text ? FormText(text) : null;

    /// <summary>The SNOMED CT oral route as <c>oral</c> (what the interaction tables' oral-only entries read), else the route's text.</summary>
    private static string? RouteOf(CodeableConcept? route)
    {
        if (route is null) return null;
        foreach (var coding in route.Coding)
        {
            if (coding.System == FhirSystems.Snomed && coding.Code == "26643006") return "oral";
        }
        // A route gives a form only when it names one the packs know (oral, topical, injection...): "dental use" says nothing.
        return FormOf(route) is { } form && DoseForms.RouteOf(form) != AdministrationRoute.Unknown ? form : null;
    }

    /// <summary>The form or route as the host wrote it, in the words the packs use (<see cref="DoseForms"/>).</summary>
    internal static string? FormText(string? text) => DoseForms.Normalize(text);
}
