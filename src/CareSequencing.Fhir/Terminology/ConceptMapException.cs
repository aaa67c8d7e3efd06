namespace CareSequencing.Fhir.Terminology;

/// <summary>
/// A ConceptMap given to <see cref="ConceptMapTranslator"/> cannot be read: not JSON, not a FHIR R4 ConceptMap (or a
/// Bundle of them), or a map entry that cannot be used. A host configuration error, reported with the file and,
/// where the JSON reader knows it, the line and column. The message is in English and names no patient data.
/// </summary>
public sealed class ConceptMapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConceptMapException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ConceptMapException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ConceptMapException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a place in a file.</summary>
    /// <param name="file">The file, or the source name given to <see cref="ConceptMapTranslator.FromJson"/>.</param>
    /// <param name="line">The line, counted from 1, when known.</param>
    /// <param name="column">The column, counted from 1, when known.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="innerException">The cause, when any.</param>
    public ConceptMapException(string? file, int? line, int? column, string reason, Exception? innerException = null)
        : base(Format(file, line, column, reason), innerException)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file, or the source name given to <see cref="ConceptMapTranslator.FromJson"/>, when known.</summary>
    public string? File { get; }

    /// <summary>The line, counted from 1, when known.</summary>
    public int? Line { get; }

    /// <summary>The column, counted from 1, when known.</summary>
    public int? Column { get; }

    private static string Format(string? file, int? line, int? column, string reason)
    {
        var at = file ?? "ConceptMap";
        if (line is { } l) at += column is { } c ? FormattableString.Invariant($":{l}:{c}") : FormattableString.Invariant($":{l}");
        return $"{at}: {reason}";
    }
}
