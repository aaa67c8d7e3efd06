namespace CareSequencing.Loading;

/// <summary>
/// Every size and count limit the pack reader enforces, in one place. Each is far above what the
/// shipped packs need (measured when the limits were set, see <c>docs/reliability.md</c>) and low enough
/// that a hostile or broken file is refused quickly, with <c>CSQ1017</c> at the place it crossed the line.
/// The table in <c>docs/reliability.md</c> is checked against these constants by a test.
/// </summary>
internal static class PackLimits
{
    /// <summary>Bytes in one pack file; larger files are refused before they are read.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Content files (<c>.yaml</c>/<c>.yml</c>, scenarios excluded) in one pack.</summary>
    public const int MaxFilesPerPack = 100;

    /// <summary>Rules and interaction entries in one pack, all files together.</summary>
    public const int MaxRulesPerPack = 5_000;

    /// <summary>Nesting of lists and mappings in one file; protects the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes in one file, counting each alias expansion, so anchor bombs stop early.</summary>
    public const int MaxNodes = 200_000;

    /// <summary>Characters in one scalar value (a title, a condition).</summary>
    public const int MaxScalarLength = 64 * 1024;

    /// <summary>Characters in one mapping key.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Entries in one mapping.</summary>
    public const int MaxMappingEntries = 256;
}
