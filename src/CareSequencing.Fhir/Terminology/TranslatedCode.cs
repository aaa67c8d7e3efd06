namespace CareSequencing.Fhir.Terminology;

/// <summary>One code in the target system, with how it was obtained.</summary>
/// <param name="Code">The WHO ATC or WHO ICD-10 code.</param>
/// <param name="Mapping">How it was obtained.</param>
/// <param name="Source">The map, server or table and, where it has one, its edition and row.</param>
public sealed record TranslatedCode(string Code, CodeMapping Mapping, string Source)
{
    /// <summary>The pharmaceutical form read with the code (e.g. <c>oral tablet</c> from an RxNorm name), when any, lower-case.</summary>
    public string? Form { get; init; }

    /// <summary>The ingredient name, when the translation went through one (an RxNorm combination gives one code per ingredient).</summary>
    public string? Name { get; init; }
}
