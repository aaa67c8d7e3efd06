namespace CareSequencing.Fhir.Terminology;

/// <summary>The code systems the rules speak.</summary>
public enum TerminologyTarget
{
    /// <summary>WHO ATC (<see cref="FhirSystems.Atc"/>): medications.</summary>
    Atc,

    /// <summary>WHO ICD-10 (<see cref="FhirSystems.Icd10"/>): conditions.</summary>
    Icd10,
}
