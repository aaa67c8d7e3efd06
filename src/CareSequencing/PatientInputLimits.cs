using System.Globalization;

namespace CareSequencing;

/// <summary>
/// Size limits on a patient file or text read by <see cref="Loading.PatientContextReader"/>: a record read from outside
/// (a file, a request body) is refused whole with <c>CSQ3010</c> when it crosses one, before it can cost seconds and
/// gigabytes, and the message names the limit (never a value from the record). The CLI sets them with
/// <c>--max-patient-bytes</c> and friends. Every limit must be greater than zero.
/// A <see cref="PatientContext"/> built in code is not limited: the host already holds it in memory.
/// </summary>
public sealed record PatientInputLimits
{
    /// <summary>The defaults: 4 MiB, 64 levels, 200,000 nodes, 4 Mi characters after alias expansion.</summary>
    public static PatientInputLimits Default { get; } = new();

    /// <summary>UTF-8 bytes of one patient file or text; larger input is refused before it is parsed. Default 4,194,304 (4 MiB).</summary>
    public int MaxBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Nesting of lists and mappings. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>YAML nodes, each alias expansion counted again (about four per medication). Default 200,000.</summary>
    public int MaxNodes { get; init; } = 200_000;

    /// <summary>Characters of keys and values, each alias counted at the size of what it repeats. Default 4,194,304.</summary>
    public int MaxExpandedChars { get; init; } = 4 * 1024 * 1024;

    /// <summary>Each limit by property name, in declaration order.</summary>
    internal IReadOnlyList<(string Name, int Value)> All() =>
    [
        (nameof(MaxBytes), MaxBytes),
        (nameof(MaxDepth), MaxDepth),
        (nameof(MaxNodes), MaxNodes),
        (nameof(MaxExpandedChars), MaxExpandedChars),
    ];

    /// <summary>The limits the YAML reader applies, the other YAML limits at the pack defaults.</summary>
    internal PackLoadLimits Yaml => PackLoadLimits.Default with
    {
        MaxDepth = MaxDepth,
        MaxNodes = MaxNodes,
        MaxExpandedCharsPerFile = MaxExpandedChars,
    };

    /// <summary>The property of these limits that a YAML limit of the reader stands for; null for the fixed ones.</summary>
    internal static string? Of(string packLimit) => packLimit switch
    {
        nameof(PackLoadLimits.MaxDepth) => nameof(MaxDepth),
        nameof(PackLoadLimits.MaxNodes) => nameof(MaxNodes),
        nameof(PackLoadLimits.MaxExpandedCharsPerFile) => nameof(MaxExpandedChars),
        _ => null,
    };

    /// <summary>Throws when a limit is not greater than zero: limits are the host's configuration, so a bad one is misuse.</summary>
    internal static PatientInputLimits Validate(PatientInputLimits? limits, string parameterName)
    {
        if (limits is null) return Default;
        var problems = limits.All().Where(l => l.Value <= 0)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"PatientInputLimits.{l.Name} must be greater than 0 (it is {l.Value})."))
            .ToList();
        return problems.Count == 0 ? limits : throw new ArgumentException(string.Join(" ", problems), parameterName);
    }
}
