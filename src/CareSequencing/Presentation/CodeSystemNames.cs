using System.Collections.Frozen;

namespace CareSequencing.Presentation;

/// <summary>Short names a clinician recognises for the code system URIs hosts send (RxNorm, SNOMED CT...); other URIs are shown as they are.</summary>
internal static class CodeSystemNames
{
    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["http://www.nlm.nih.gov/research/umls/rxnorm"] = "RxNorm",
        ["http://snomed.info/sct"] = "SNOMED CT",
        ["http://hl7.org/fhir/sid/icd-10-cm"] = "ICD-10-CM",
        ["http://hl7.org/fhir/sid/icd-10"] = "ICD-10",
        ["urn:oid:2.16.840.1.113883.6.3"] = "ICD-10",
        ["http://fhir.de/CodeSystem/bfarm/icd-10-gm"] = "ICD-10-GM",
        ["http://www.whocc.no/atc"] = "ATC",
        ["urn:oid:2.16.840.1.113883.6.73"] = "ATC",
        ["http://fhir.de/CodeSystem/bfarm/atc"] = "ATC",
        ["http://hl7.org/fhir/sid/ndc"] = "NDC",
        ["https://dmd.nhs.uk"] = "dm+d",
        ["urn:oid:1.2.250.1.213.2.3.1"] = "CIP13",
        ["urn:oid:1.2.250.1.213.2.3.2"] = "UCD",
        [CodeSystems.Atc] = "ATC",
        [CodeSystems.Icd10] = "ICD-10",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Short(string system) => Names.TryGetValue(system, out var name) ? name : system;
}
