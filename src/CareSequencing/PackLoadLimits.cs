using System.Globalization;
using System.Text;
using CareSequencing.Model;

namespace CareSequencing;

/// <summary>
/// Every size and count limit the pack reader enforces. Crossing one refuses the pack with <c>CSQ1017</c> at the
/// place it crossed the line, and the message names the limit, this property and the CLI flag that raise it
/// (<c>--max-rules-per-pack</c> for <see cref="MaxRulesPerPack"/>, and so on).
/// The defaults (<see cref="Default"/>) are at least ten times what a national-reference knowledge base needs
/// (see <c>docs/reliability.md</c>); the YAML limits stay low enough that a hostile or broken file is refused quickly.
/// Pass limits to <see cref="RulePackLoader.Load(IEnumerable{RulePackSource}, IReadOnlyDictionary{string, string}, PackLoadLimits)"/>
/// or set <see cref="CareSequencingOptions.PackLimits"/>; every limit must be greater than zero.
/// </summary>
public sealed record PackLoadLimits
{
    /// <summary>The defaults: 8 MiB files, 1,000 files and 50,000 rules per pack, and the YAML limits below.</summary>
    public static PackLoadLimits Default { get; } = new();

    /// <summary>Bytes in one pack file; larger files are refused before they are read. Default 8 MiB (8,388,608): twenty times the largest imported file.</summary>
    public int MaxFileBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Content files (<c>.yaml</c>/<c>.yml</c>, scenarios excluded) in one pack, checked before any is opened. Default 1,000.</summary>
    public int MaxFilesPerPack { get; init; } = 1_000;

    /// <summary>Rules and interaction entries in one pack, all files together. Default 50,000.</summary>
    public int MaxRulesPerPack { get; init; } = 50_000;

    /// <summary>Nesting of lists and mappings in one file; protects the stack. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Nodes in one file, counting each alias expansion again, so that anchor bombs stop early. Default 200,000.</summary>
    public int MaxNodes { get; init; } = 200_000;

    /// <summary>
    /// Characters of keys and values in one file, each alias counted at the size of what it repeats, so that one long
    /// value anchored once and reused cannot multiply what the file makes. Default 4,194,304 (4 Mi).
    /// </summary>
    public int MaxExpandedCharsPerFile { get; init; } = 4 * 1024 * 1024;

    /// <summary>The same count over all the files of one pack together. Default 33,554,432 (32 Mi).</summary>
    public int MaxExpandedCharsPerPack { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// Characters of pack text the pack's rules and entries can put in one advice: titles, texts, management, side labels
    /// and cited sources (citation, publisher, URL), in the longest language, a source cited by id counted at every
    /// citation. One advice shows each rule or entry at most once, so this bounds the pack's share of any advice.
    /// Default 16,777,216 (16 Mi).
    /// </summary>
    public int MaxAdviceCharsPerPack { get; init; } = 16 * 1024 * 1024;

    /// <summary>Characters in one scalar value (a title, a condition). Default 65,536.</summary>
    public int MaxScalarLength { get; init; } = 64 * 1024;

    /// <summary>Characters in one mapping key. Default 256.</summary>
    public int MaxKeyLength { get; init; } = 256;

    /// <summary>Entries in one mapping. Default 256.</summary>
    public int MaxMappingEntries { get; init; } = 256;

    /// <summary>Each limit by property name, in declaration order: the one list the validation, the CLI flags and the docs test read.</summary>
    internal IReadOnlyList<(string Name, int Value)> All() =>
    [
        (nameof(MaxFileBytes), MaxFileBytes),
        (nameof(MaxFilesPerPack), MaxFilesPerPack),
        (nameof(MaxRulesPerPack), MaxRulesPerPack),
        (nameof(MaxDepth), MaxDepth),
        (nameof(MaxNodes), MaxNodes),
        (nameof(MaxExpandedCharsPerFile), MaxExpandedCharsPerFile),
        (nameof(MaxExpandedCharsPerPack), MaxExpandedCharsPerPack),
        (nameof(MaxAdviceCharsPerPack), MaxAdviceCharsPerPack),
        (nameof(MaxScalarLength), MaxScalarLength),
        (nameof(MaxKeyLength), MaxKeyLength),
        (nameof(MaxMappingEntries), MaxMappingEntries),
    ];

    /// <summary>A copy with the limit named <paramref name="limit"/> (a property name, as in <see cref="All"/>) set to <paramref name="value"/>.</summary>
    internal PackLoadLimits With(string limit, int value) => limit switch
    {
        nameof(MaxFileBytes) => this with { MaxFileBytes = value },
        nameof(MaxFilesPerPack) => this with { MaxFilesPerPack = value },
        nameof(MaxRulesPerPack) => this with { MaxRulesPerPack = value },
        nameof(MaxDepth) => this with { MaxDepth = value },
        nameof(MaxNodes) => this with { MaxNodes = value },
        nameof(MaxExpandedCharsPerFile) => this with { MaxExpandedCharsPerFile = value },
        nameof(MaxExpandedCharsPerPack) => this with { MaxExpandedCharsPerPack = value },
        nameof(MaxAdviceCharsPerPack) => this with { MaxAdviceCharsPerPack = value },
        nameof(MaxScalarLength) => this with { MaxScalarLength = value },
        nameof(MaxKeyLength) => this with { MaxKeyLength = value },
        nameof(MaxMappingEntries) => this with { MaxMappingEntries = value },
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "Not a pack load limit."),
    };

    /// <summary>What is wrong with these limits, one English sentence per limit that is not greater than zero.</summary>
    internal IReadOnlyList<string> Problems() =>
    [
        .. All().Where(l => l.Value <= 0)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"PackLoadLimits.{l.Name} must be greater than 0 (it is {l.Value})."))
    ];

    /// <summary>Throws when a limit is not greater than zero: limits are the host's configuration, so a bad one is misuse.</summary>
    internal static PackLoadLimits Validate(PackLoadLimits? limits, string parameterName)
    {
        if (limits is null) return Default;
        var problems = limits.Problems();
        return problems.Count == 0 ? limits : throw new ArgumentException(string.Join(" ", problems), parameterName);
    }

    /// <summary>The CLI flag that sets a limit: <c>MaxRulesPerPack</c> → <c>--max-rules-per-pack</c>.</summary>
    internal static string FlagName(string limit)
    {
        var flag = new StringBuilder("-");
        foreach (var c in limit)
        {
            if (char.IsUpper(c)) flag.Append('-').Append(char.ToLowerInvariant(c));
            else flag.Append(c);
        }
        return flag.ToString();
    }

    /// <summary>The sentence every CSQ1017 message ends with: which limit, and how a host or the CLI raises it.</summary>
    internal static MessageText HowToRaise(string limit) => new("diag.limit-raise", limit, FlagName(limit));
}
