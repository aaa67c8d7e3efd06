namespace CareSequencing.Fhir.Terminology;

/// <summary>
/// Translates a host's coding (RxNorm, SNOMED CT, ICD-10-CM, CIP13...) into the code system the rules speak
/// (WHO ATC or WHO ICD-10). The mapper asks the translators of <see cref="FhirMappingOptions.Translators"/>
/// in order and keeps the first answer that has codes; the problems of every translator asked are warnings.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe: one mapper options object serves concurrent requests. In-memory
/// translators should complete synchronously (a completed <see cref="ValueTask{TResult}"/>), so that the
/// synchronous <see cref="FhirPatientContextMapper.FromJson"/> never blocks on them.
/// </remarks>
public interface ICodeTranslator
{
    /// <summary>A short name shown in warnings and in <see cref="CodeOrigin.Source"/>, e.g. <c>ConceptMap cip13-atc 1.0.0</c>.</summary>
    string Name { get; }

    /// <summary>Translates one coding.</summary>
    /// <param name="coding">What the host sent.</param>
    /// <param name="target">The code system wanted.</param>
    /// <param name="cancellationToken">Cancels the translation.</param>
    /// <returns>The target codes (empty when this translator does not know the coding) and any problem met.</returns>
    ValueTask<CodeTranslation> TranslateAsync(SourceCoding coding, TerminologyTarget target, CancellationToken cancellationToken = default);
}

/// <summary>The code systems the rules speak.</summary>
public enum TerminologyTarget
{
    /// <summary>WHO ATC (<see cref="FhirSystems.Atc"/>): medications.</summary>
    Atc,

    /// <summary>WHO ICD-10 (<see cref="FhirSystems.Icd10"/>): conditions.</summary>
    Icd10,
}

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

/// <summary>What a translator answered for one coding.</summary>
public sealed record CodeTranslation
{
    /// <summary>The coding is unknown to this translator, with no problem.</summary>
    public static CodeTranslation None { get; } = new();

    /// <summary>The target codes, in the translator's order; empty when the coding is unknown to this translator.</summary>
    public IReadOnlyList<TranslatedCode> Codes { get; init; } = [];

    /// <summary>
    /// Problems met (a server that timed out, a map entry marked unmatched...), in English, without patient data.
    /// Each becomes a warning on the patient context: a failure is never a silent miss.
    /// </summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Creates a translation with codes.</summary>
    public static CodeTranslation Of(params TranslatedCode[] codes) => new() { Codes = codes };

    /// <summary>Creates a translation that failed.</summary>
    public static CodeTranslation Failed(string problem) => new() { Problems = [problem] };
}
