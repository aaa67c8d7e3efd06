namespace CareSequencing.Fhir;

/// <summary>The FHIR format a text was written in, as <see cref="FhirPatientContextMapper.Read"/> found it by its content.</summary>
public enum FhirFormat
{
    /// <summary>FHIR JSON: an object with a <c>resourceType</c>.</summary>
    Json,

    /// <summary>FHIR XML: a root element in the namespace <c>http://hl7.org/fhir</c>.</summary>
    Xml,
}
