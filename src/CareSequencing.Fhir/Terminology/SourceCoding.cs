namespace CareSequencing.Fhir.Terminology;

/// <summary>A coding as the host sent it.</summary>
/// <param name="System">The code system URI.</param>
/// <param name="Code">The code.</param>
/// <param name="Display">The display text sent with it, when any (RxNorm clinical drugs are read by name from it).</param>
public sealed record SourceCoding(string System, string Code, string? Display = null)
{
    /// <summary>The version of the code system, when the host gave one.</summary>
    public string? Version { get; init; }

    /// <summary>The pharmaceutical form or route the resource gives elsewhere (<c>Medication.form</c>, <c>dosage.route</c>), when any, lower-case.</summary>
    public string? Form { get; init; }
}
