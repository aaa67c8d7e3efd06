using CareSequencing.Fhir.Terminology;

namespace CareSequencing.Fhir;

/// <summary>Options for <see cref="FhirPatientContextMapper"/>: which code systems count as ICD-10 and ATC, and how large a Bundle may be.</summary>
/// <remarks>The only mutable public type of this package, like options elsewhere in CareSequencing.</remarks>
public sealed class FhirMappingOptions
{
    /// <summary>
    /// Code system URIs read as WHO ICD-10. Defaults to <see cref="FhirSystems.Icd10"/>, its OID and the German
    /// <see cref="FhirSystems.Icd10Gm"/>, whose codes are WHO categories with optional extra subdivisions (rules
    /// match them through their WHO parents, as every ICD-10 code). Add national variants only when their codes are
    /// WHO codes: ICD-10-CM (<c>http://hl7.org/fhir/sid/icd-10-cm</c>) has codes that WHO ICD-10 does not know or
    /// defines differently, so it goes through a translator (<see cref="Translators"/>).
    /// </summary>
    public ISet<string> Icd10Systems { get; } = new HashSet<string>(StringComparer.Ordinal) { FhirSystems.Icd10, FhirSystems.Icd10Oid, FhirSystems.Icd10Gm };

    /// <summary>
    /// Code system URIs read as WHO ATC. Defaults to <see cref="FhirSystems.Atc"/>, its OID, and the national
    /// publications of the same codes: <see cref="FhirSystems.AtcBfarm"/> (Germany) and <see cref="FhirSystems.AtcAns"/> (France).
    /// </summary>
    public ISet<string> AtcSystems { get; } = new HashSet<string>(StringComparer.Ordinal) { FhirSystems.Atc, FhirSystems.AtcOid, FhirSystems.AtcBfarm, FhirSystems.AtcAns };

    /// <summary>
    /// The id of the Patient the bundle is read for (<c>Patient.id</c>). When <see langword="null"/> (the default), the
    /// first Patient of the bundle; without any Patient, the one patient all read resources name (none is read when
    /// they name several). Resources whose <c>subject</c> or <c>patient</c> is another patient are never read (CSQ3040).
    /// </summary>
    public string? PatientId { get; set; }

    /// <summary>
    /// The date the record is read for, when the host knows it (usually the evaluation date). When set, an active
    /// MedicationStatement whose <c>effectivePeriod.end</c>, or a completed MedicationDispense whose
    /// <c>whenHandedOver</c> plus <c>daysSupply</c>, falls before it is read as stopped (CSQ3043). When
    /// <see langword="null"/> (the default), statuses are read as recorded and a completed dispense counts as active.
    /// </summary>
    public DateOnly? AsOf { get; set; }

    /// <summary>
    /// Translators asked, in order, for a coding that is neither WHO ATC nor WHO ICD-10 (RxNorm, SNOMED CT,
    /// ICD-10-CM, CIP13...): the first that returns codes wins. By default one entry, the shipped
    /// <see cref="DefaultTerminologyMaps"/> (RxNorm, ICD-10-CM, a non-authoritative SNOMED CT starter map): insert host
    /// ConceptMaps and a terminology server before it (<c>Translators.Insert(0, ...)</c>) so that they win, or
    /// <c>Clear()</c> the list to read only WHO ATC and WHO ICD-10 codes (see the package README, "Terminology").
    /// </summary>
    public IList<ICodeTranslator> Translators { get; } = [new DefaultTerminologyMaps()];

    /// <summary>
    /// UTF-8 bytes of the JSON given to <see cref="FhirPatientContextMapper.FromJson"/>; larger input is refused before it
    /// is parsed (a 92 MB Bundle took 20 s and 1.5 GB). Default 16,777,216 (16 MiB). CLI: <c>--max-bundle-bytes</c>.
    /// </summary>
    public int MaxBundleBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Entries in the Bundle (<c>Bundle.entry</c>), counted before they are deserialised. Default 20,000. CLI: <c>--max-bundle-entries</c>.</summary>
    public int MaxEntries { get; set; } = 20_000;

    /// <summary>Nesting of JSON objects and arrays. Default 64. CLI: <c>--max-bundle-depth</c>.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>Throws when a limit is not greater than zero: options are the host's configuration, so a bad one is misuse.</summary>
    internal void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(MaxBundleBytes), MaxBundleBytes), (nameof(MaxEntries), MaxEntries), (nameof(MaxDepth), MaxDepth) })
        {
            if (value <= 0)
                throw new ArgumentOutOfRangeException("options", value, $"FhirMappingOptions.{name} must be greater than 0.");
        }
    }
}

/// <summary>The code system URIs the mapper reads. CareSequencing's own systems are stable and versionless.</summary>
public static class FhirSystems
{
    /// <summary>WHO ICD-10, as named by HL7.</summary>
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";

    /// <summary>WHO ICD-10 by OID.</summary>
    public const string Icd10Oid = "urn:oid:2.16.840.1.113883.6.3";

    /// <summary>WHO ATC, as named by HL7.</summary>
    public const string Atc = "http://www.whocc.no/atc";

    /// <summary>WHO ATC by OID.</summary>
    public const string AtcOid = "urn:oid:2.16.840.1.113883.6.73";

    /// <summary>ICD-10-GM, the German modification published by BfArM (HL7 Germany, terminologie-basis-de, CodeSystem icd-10-gm).</summary>
    // Source: https://build.fhir.org/ig/hl7germany/terminologie-basis-de/CodeSystem-icd-10-gm.html ("Official URL").
    public const string Icd10Gm = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";

    /// <summary>ATC as published in Germany by BfArM (HL7 Germany, terminologie-basis-de, CodeSystem atc).</summary>
    // Source: https://build.fhir.org/ig/hl7germany/terminologie-basis-de/CodeSystem-atc.html ("Official URL").
    public const string AtcBfarm = "http://fhir.de/CodeSystem/bfarm/atc";

    /// <summary>ATC as published in France by the Agence du Numérique en Santé (its terminology server, SMT).</summary>
    // Source: ANS, FR Document Core IG, ValueSet fr-vs-medication-translation-document, which includes this system:
    // https://build.fhir.org/ig/ansforge/interop-IG-fhir-document-core/branches/main/en/ValueSet-fr-vs-medication-translation-document.html
    public const string AtcAns = "https://smt.esante.gouv.fr/terminologie-atc";

    /// <summary>CareSequencing therapy kinds, e.g. <c>psychotherapy/cbt</c> (rules/README.md vocabulary).</summary>
    public const string TherapyKind = "https://caresequencing.org/fhir/CodeSystem/therapy-kind";

    /// <summary>CareSequencing psychosocial flags, e.g. <c>social-isolation</c>.</summary>
    public const string Flag = "https://caresequencing.org/fhir/CodeSystem/flag";

    /// <summary>CareSequencing therapeutic phases, e.g. <c>medication-treatment</c>.</summary>
    public const string Phase = "https://caresequencing.org/fhir/CodeSystem/phase";

    /// <summary>SNOMED CT: conditions through the default maps' starter map (<see cref="DefaultTerminologyMaps"/>), and the route of a dosage.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>RxNorm, as named by HL7: ingredients and clinical drugs, read by <see cref="DefaultTerminologyMaps"/>.</summary>
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /// <summary>ICD-10-CM, as named by HL7: read by <see cref="DefaultTerminologyMaps"/> through the WHO ICD-10 parent.</summary>
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
}

/// <summary>The JSON given to <see cref="FhirPatientContextMapper.FromJson"/> is not a FHIR R4 Bundle at all.</summary>
public sealed class FhirInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FhirInputException() { }

    /// <summary>Creates the exception with a message.</summary>
    public FhirInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FhirInputException(string message, Exception innerException) : base(message, innerException) { }
}
