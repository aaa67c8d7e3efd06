using CareSequencing.Model;
using System.Reflection;

namespace CareSequencing.Loading;

/// <summary>One file of a pack: its path inside the pack (<c>/</c> separators), the path diagnostics show, and its bytes.</summary>
/// <remarks>A file the folder walk refuses to read (a link, a folder named like a rule file) carries the reason in <see cref="Refusal"/>.</remarks>
internal sealed record PackFile(string RelativePath, string DisplayPath, Func<long> Length, Func<Stream> Open, MessageText? Refusal = null);

/// <summary>
/// The content files of one pack, wherever they are stored (a folder or an assembly's resources), so that
/// the readers, the hash and the diagnostics do not depend on the storage. Scenarios are not content.
/// </summary>
internal sealed class PackFiles
{
    private const string EmbeddedScheme = "embedded:";

    private PackFiles(string root, IReadOnlyList<PackFile> files)
    {
        Root = root;
        Files = files;
    }

    /// <summary>The pack folder, or <c>embedded:AssemblyName/resource/root</c>.</summary>
    public string Root { get; }

    /// <summary>Content files ordered by relative path (ordinal).</summary>
    public IReadOnlyList<PackFile> Files { get; }

    public PackFile? Manifest => Files.FirstOrDefault(f => string.Equals(f.RelativePath, RulePackReader.ManifestFileName, StringComparison.Ordinal));

    public static bool IsEmbedded(string path) => path.StartsWith(EmbeddedScheme, StringComparison.Ordinal);

    public static string EmbeddedDisplay(Assembly assembly, string resourceName) =>
        EmbeddedScheme + assembly.GetName().Name + (resourceName.Length == 0 ? "" : "/" + resourceName);

    public static PackFiles FromFolder(string packDirectory)
    {
        var root = Path.GetFullPath(packDirectory);
        var files = new List<PackFile>();
        if (Directory.Exists(root)) Collect(root, root, files);
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new PackFiles(packDirectory, files);
    }

    // Walked by hand rather than with EnumerateFiles(AllDirectories) so that nothing is followed or skipped
    // silently: a symbolic link (to a file or a folder) could take the pack outside its folder, and a folder
    // named like a rule file is a mistake the author should hear about. Both are refused, the pack with them.
    private static void Collect(string root, string directory, List<PackFile> files)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(directory).GetFileSystemInfos();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            files.Add(Refused(root, directory, new("diag.folder-unreadable")));
            return;
        }
        foreach (var entry in entries)
        {
            var relative = Relative(root, entry.FullName);
            if (string.Equals(relative, RulePackReader.ScenariosFolder, StringComparison.Ordinal)) continue;
            var isFolder = entry is DirectoryInfo;
            if (entry.LinkTarget is not null)
            {
                if (isFolder || IsContent(entry.Name)) files.Add(Refused(root, entry.FullName, new("diag.file-symlink")));
            }
            else if (isFolder)
            {
                if (IsContent(entry.Name)) files.Add(Refused(root, entry.FullName, new("diag.file-is-folder")));
                else Collect(root, entry.FullName, files);
            }
            else if (IsContent(entry.Name))
            {
                var full = entry.FullName;
                files.Add(new PackFile(relative, RulePackReader.DisplayPath(full), () => new FileInfo(full).Length, () => File.OpenRead(full)));
            }
        }
    }

    private static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');

    private static PackFile Refused(string root, string full, MessageText reason) =>
        new(Relative(root, full), RulePackReader.DisplayPath(full), () => 0, () => Stream.Null, reason);

    /// <summary>A folder with <c>pack.yaml</c> is one pack; otherwise every such folder below it is (not below another pack).</summary>
    public static IReadOnlyList<PackFiles> Find(RulePackSource source, DiagnosticBag diagnostics) =>
        source.IsFolder ? FindInFolder(source.Path!, diagnostics) : FindEmbedded(source.Assembly!, source.ResourcePrefix!, diagnostics);

    /// <summary>Resource names of the assembly under the prefix, with <c>/</c> separators (MSBuild on Windows writes <c>\</c>).</summary>
    public static IEnumerable<(string Name, string Resource)> EmbeddedNames(Assembly assembly, string prefix) => assembly
        .GetManifestResourceNames()
        .Select(r => (Name: r.Replace('\\', '/'), Resource: r))
        .Where(r => prefix.Length == 0 || r.Name.StartsWith(prefix + "/", StringComparison.Ordinal));

    private static List<PackFiles> FindInFolder(string path, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(path))
        {
            diagnostics.Add(new(DiagnosticCodes.MissingManifest, DiagnosticSeverity.Error, new MessageText("diag.folder-not-found"),
                new(RulePackReader.DisplayPath(path), 1, 1)));
            return [];
        }
        var found = new List<PackFiles>();
        Walk(Path.GetFullPath(path));
        if (found.Count == 0)
            diagnostics.Add(new(DiagnosticCodes.MissingManifest, DiagnosticSeverity.Error,
                new MessageText("diag.no-pack-under-folder", RulePackReader.ManifestFileName), new(RulePackReader.DisplayPath(path), 1, 1)));
        return found;

        void Walk(string directory)
        {
            if (File.Exists(Path.Combine(directory, RulePackReader.ManifestFileName)))
            {
                found.Add(FromFolder(directory));
                return;
            }
            List<DirectoryInfo> children;
            try
            {
                children = [.. new DirectoryInfo(directory).EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, new MessageText("diag.folder-unreadable"),
                    new(RulePackReader.DisplayPath(directory), 1, 1)));
                return;
            }
            foreach (var child in children)
            {
                if (IsSkipped(child.Name)) continue;
                // Links are not followed here either: a link to a parent folder would make the walk endless.
                if (child.LinkTarget is not null)
                    diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, new MessageText("diag.file-symlink"),
                        new(RulePackReader.DisplayPath(child.FullName), 1, 1), null, new MessageText("hint.plain-pack-files")));
                else Walk(child.FullName);
            }
        }
    }

    private static List<PackFiles> FindEmbedded(Assembly assembly, string prefix, DiagnosticBag diagnostics)
    {
        // Segment by segment, as the folder walk orders them: "drug-interactions/" before "drug-interactions-ansm/"
        // (a plain ordinal sort puts '-' before '/').
        var names = EmbeddedNames(assembly, prefix).OrderBy(r => r.Name.Replace('/', '\u0001'), StringComparer.Ordinal).ToList();
        var start = prefix.Length == 0 ? 0 : prefix.Length + 1;
        // The same walk as for folders: a pack root is a folder with pack.yaml and no pack above it.
        var roots = new List<string>();
        foreach (var (name, _) in names)
        {
            if (!string.Equals(LastSegment(name), RulePackReader.ManifestFileName, StringComparison.Ordinal)) continue;
            var root = name[..Math.Max(0, name.Length - RulePackReader.ManifestFileName.Length - 1)];
            if (root.Length < prefix.Length) root = prefix;
            var inside = root.Length <= start ? "" : root[start..];
            if (inside.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(IsSkipped)) continue;
            if (roots.Exists(r => IsUnder(root, r))) continue;
            roots.Add(root);
        }
        if (roots.Count == 0)
        {
            diagnostics.Add(new(DiagnosticCodes.MissingManifest, DiagnosticSeverity.Error,
                new MessageText("diag.no-pack-under-prefix", RulePackReader.ManifestFileName),
                new(EmbeddedDisplay(assembly, prefix), 1, 1)));
            return [];
        }
        return [.. roots.Select(root => new PackFiles(EmbeddedDisplay(assembly, root), [.. names
            .Where(r => IsUnder(r.Name, root) && IsContent(r.Name))
            .Select(r => (r.Resource, r.Name, Relative: root.Length == 0 ? r.Name : r.Name[(root.Length + 1)..]))
            .Where(r => !r.Relative.StartsWith(RulePackReader.ScenariosFolder + "/", StringComparison.Ordinal))
            .Select(r => new PackFile(r.Relative, EmbeddedDisplay(assembly, r.Name), () => Length(assembly, r.Resource), () => Open(assembly, r.Resource)))]))];
    }

    private static bool IsUnder(string name, string root) =>
        root.Length == 0 || name.StartsWith(root + "/", StringComparison.Ordinal);

    private static string LastSegment(string name) => name[(name.LastIndexOf('/') + 1)..];

    private static bool IsSkipped(string folderName) =>
        folderName.StartsWith('.') || string.Equals(folderName, RulePackReader.ScenariosFolder, StringComparison.Ordinal);

    private static bool IsContent(string file) =>
        file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal);

    private static Stream Open(Assembly assembly, string resource) =>
        assembly.GetManifestResourceStream(resource) ?? throw new FileNotFoundException("Embedded resource not found.", resource);

    private static long Length(Assembly assembly, string resource)
    {
        using var stream = Open(assembly, resource);
        return stream.Length;
    }
}
