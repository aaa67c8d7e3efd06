using System.Reflection;

namespace CareSequencing.Packs;

/// <summary>
/// The rule packs shipped with CareSequencing, embedded in this assembly under <see cref="Prefix"/>: the
/// same files, versions and SHA-256 hashes as the repository's <c>rules/</c> folder.
/// </summary>
public static class ShippedPacks
{
    /// <summary>The resource-name prefix of the packs.</summary>
    public const string Prefix = "rules";

    /// <summary>The assembly holding the packs.</summary>
    public static Assembly Assembly => typeof(ShippedPacks).Assembly;

    /// <summary>The packs as a source, for <see cref="RulePackLoader"/> or <see cref="CareSequencingOptions.PackSources"/>.</summary>
    public static RulePackSource Source => RulePackSource.Embedded(Assembly, Prefix);

    /// <summary>Loads the shipped packs.</summary>
    /// <returns>The compiled set and every diagnostic.</returns>
    public static RuleSetLoadResult Load() => RulePackLoader.LoadEmbedded(Assembly, Prefix);

    /// <summary>Adds the shipped packs to the sources of a registration.</summary>
    /// <param name="options">The registration's options.</param>
    /// <returns>The same options.</returns>
    public static CareSequencingOptions AddShippedPacks(this CareSequencingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddEmbeddedPacks(Assembly, Prefix);
    }
}
