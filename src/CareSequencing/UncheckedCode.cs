namespace CareSequencing;

/// <summary>A medication or condition the host sent whose coding no map or translator could read: it was not checked.</summary>
/// <param name="Kind">A medication or a condition.</param>
/// <param name="System">The code system URI the host sent, e.g. <c>http://www.nlm.nih.gov/research/umls/rxnorm</c>.</param>
/// <param name="Code">The code the host sent, e.g. <c>1049621</c>.</param>
public sealed record UncheckedCode(UncheckedCodeKind Kind, string System, string Code)
{
    /// <summary>The display the host sent with the code, when any, e.g. <c>oxycodone hydrochloride 5 MG Oral Tablet</c>.</summary>
    public string? Display { get; init; }

    /// <summary>Where in the input it was found (e.g. <c>Bundle.entry[12].resource.medicationCodeableConcept</c>), when known.</summary>
    public string? Path { get; init; }
}
