using System.Reflection;

namespace CareSequencing;

/// <summary>
/// Where rule packs are read from: a folder on disk, or resources embedded in an assembly (so a host
/// can ship its packs inside its own binaries). Immutable.
/// </summary>
public sealed class RulePackSource
{
    private RulePackSource(string? path, Assembly? assembly, string? resourcePrefix)
    {
        Path = path;
        Assembly = assembly;
        ResourcePrefix = resourcePrefix;
    }

    /// <summary>The folder, for a folder source: a pack folder (holding <c>pack.yaml</c>) or a folder of packs.</summary>
    public string? Path { get; }

    /// <summary>The assembly holding the packs, for an embedded source.</summary>
    public Assembly? Assembly { get; }

    /// <summary>
    /// The resource-name prefix of an embedded source, with <c>/</c> separators (e.g. <c>rules</c>); empty for
    /// every resource of the assembly.
    /// </summary>
    public string? ResourcePrefix { get; }

    /// <summary>True for a folder source (which can be watched for changes).</summary>
    public bool IsFolder => Path is not null;

    /// <summary>A folder holding one pack, or packs in sub-folders (several versions of a pack may sit side by side).</summary>
    /// <param name="path">The folder.</param>
    /// <returns>The source.</returns>
    public static RulePackSource Folder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new(path, null, null);
    }

    /// <summary>
    /// Packs embedded in <paramref name="assembly"/>. Resource names must keep the pack's relative paths, as
    /// <c>&lt;EmbeddedResource Include="rules\**\*.yaml" LogicalName="rules/%(RecursiveDir)%(Filename)%(Extension)" /&gt;</c>
    /// gives; every resource under <c>prefix/</c> is part of the tree that is searched for <c>pack.yaml</c>.
    /// </summary>
    /// <param name="assembly">The assembly holding the resources.</param>
    /// <param name="prefix">The resource-name prefix, e.g. <c>rules</c>; empty for the whole assembly.</param>
    /// <returns>The source.</returns>
    public static RulePackSource Embedded(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(prefix);
        return new(null, assembly, prefix.Replace('\\', '/').Trim('/'));
    }

    /// <summary>The folder path, or <c>embedded:AssemblyName/prefix</c>; as diagnostics name it.</summary>
    public override string ToString() =>
        Path ?? Loading.PackFiles.EmbeddedDisplay(Assembly!, ResourcePrefix!);
}
