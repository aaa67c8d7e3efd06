namespace CareSequencing.Fhir.Terminology;

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
