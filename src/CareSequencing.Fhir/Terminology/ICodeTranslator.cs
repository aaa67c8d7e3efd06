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
