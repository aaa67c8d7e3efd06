using Hl7.Fhir.Model;

namespace CareSequencing.Fhir;

/// <summary>
/// Who the bundle is about, and whether a resource's <c>subject</c> (or <c>patient</c>) reference names that patient.
/// A reference matches the Patient's <c>fullUrl</c> (Synthea's <c>urn:uuid:...</c>), <c>Patient/{id}</c>, an
/// absolute URL ending in <c>/Patient/{id}</c> (unless the Patient's own <c>fullUrl</c> is an absolute URL, which
/// then must be the one), or, for a reference with only an identifier, one of the Patient's identifiers.
/// Anything else, a contained Patient included, is another patient: its data is never merged.
/// </summary>
internal sealed class PatientSubject
{
    private readonly string? _fullUrl;
    private readonly string? _relative;
    private readonly string? _absoluteTail;
    private readonly List<Identifier> _identifiers;

    private PatientSubject(string? fullUrl, string? id, List<Identifier>? identifiers)
    {
        _fullUrl = fullUrl is null ? null : ReferenceIndex.WithoutHistory(fullUrl);
        if (!string.IsNullOrEmpty(id))
        {
            _relative = "Patient/" + id;
            // A Patient with an absolute fullUrl lives on that server: the same id on another server is someone else.
            if (_fullUrl is null || !_fullUrl.Contains("://", StringComparison.Ordinal)) _absoluteTail = "/" + _relative;
        }
        _identifiers = identifiers ?? [];
    }

    /// <summary>The patient of a Patient resource and its entry's <c>fullUrl</c>.</summary>
    public static PatientSubject Of(Patient patient, string? fullUrl) => new(fullUrl, patient.Id, patient.Identifier);

    /// <summary>A patient the bundle does not hold, known by id (<see cref="FhirMappingOptions.PatientId"/>).</summary>
    public static PatientSubject OfId(string id) => new(null, id, null);

    /// <summary>A patient the bundle does not hold, known by the one reference all its resources give (see <see cref="KeyOf"/>).</summary>
    public static PatientSubject OfKey(string key) =>
        key.StartsWith("Patient/", StringComparison.Ordinal) ? new(null, key["Patient/".Length..], null) : new(key, null, null);

    /// <summary>The id the context reports when the bundle holds no Patient: the id of a <c>Patient/{id}</c> key.</summary>
    public static string? IdOfKey(string key) => key.StartsWith("Patient/", StringComparison.Ordinal) ? key["Patient/".Length..] : null;

    /// <summary>
    /// A comparable form of a reference, for a bundle without a Patient: <c>Patient/{id}</c> for relative and absolute
    /// references to a Patient, the reference itself otherwise; <see langword="null"/> without a reference string.
    /// </summary>
    public static string? KeyOf(ResourceReference reference)
    {
        if (string.IsNullOrEmpty(reference.Reference)) return null;
        var key = ReferenceIndex.WithoutHistory(reference.Reference);
        if (key.Contains("://", StringComparison.Ordinal) && ReferenceIndex.RelativeTail(key) is { } tail && tail.StartsWith("Patient/", StringComparison.Ordinal))
            return tail;
        return key;
    }

    public bool Matches(ResourceReference reference)
    {
        var text = reference.Reference;
        if (!string.IsNullOrEmpty(text))
        {
            if (text[0] == '#') return false;
            text = ReferenceIndex.WithoutHistory(text);
            if (_fullUrl is not null && string.Equals(text, _fullUrl, StringComparison.Ordinal)) return true;
            if (_relative is null) return false;
            if (string.Equals(text, _relative, StringComparison.Ordinal)) return true;
            return _absoluteTail is not null && text.Contains("://", StringComparison.Ordinal) && text.EndsWith(_absoluteTail, StringComparison.Ordinal);
        }
        var identifier = reference.Identifier;
        if (identifier?.Value is null || identifier.System is null) return false;
        foreach (var own in _identifiers)
        {
            if (string.Equals(own.System, identifier.System, StringComparison.Ordinal) && string.Equals(own.Value, identifier.Value, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
