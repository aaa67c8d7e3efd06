using System.Globalization;
using System.Reflection;
using System.Xml.Linq;

namespace CareSequencing.Packaging.Tests;

/// <summary>
/// Packs every project under src/ once, with a version no cache has seen, into a temporary folder,
/// and gives the consumers an isolated NuGet cache: a stale or half-built package can never be
/// picked up, and the machine's cache is never written to (it is only read, as a fallback folder).
/// </summary>
public sealed class PackedPackages : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    public PackedPackages()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Root = Directory.CreateTempSubdirectory("csq-packaging-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        var packages = Directory.CreateDirectory(Path.Combine(Root, "nuget-packages")).FullName;
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = packages,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };

        // Pack what the test project's build just built (ProjectReference, same configuration).
        var configuration = typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (exitCode, output) = Dotnet(RepositoryRoot, "pack", project, "-c", configuration, "--no-build", "-o", Feed,
                $"-p:Version={Version}", "-nologo");
            if (exitCode != 0) throw new InvalidOperationException($"dotnet pack {Path.GetFileName(project)} failed:\n{output}");
        }
        NuGetConfig = WriteNuGetConfig();
    }

    /// <summary>The folder holding CareSequencing.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The pre-release version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>Temporary folder for everything these tests write.</summary>
    public string Root { get; }

    /// <summary>The local package source: .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>nuget.config with the local folder for CareSequencing packages and the registry for the rest.</summary>
    public string NuGetConfig { get; }

    /// <summary>Variables for every child process (isolated NuGet cache, no telemetry).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, workingDirectory, Environment, PackTimeout);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { } // A process still holding a file must not turn a passing run red.
        catch (UnauthorizedAccessException) { }
    }

    private string WriteNuGetConfig()
    {
        // The registry restore already uses: the repository's own nuget.config names it.
        var registry = XDocument.Load(Path.Combine(RepositoryRoot, "nuget.config"))
            .Descendants("add").First(e => (string?)e.Attribute("key") == "nuget.org").Attribute("value")!.Value;
        var machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        var config = new XElement("configuration",
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "local"), new XAttribute("value", Feed)),
                new XElement("add", new XAttribute("key", "nuget.org"), new XAttribute("value", registry))),
            new XElement("packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "local"),
                    new XElement("package", new XAttribute("pattern", "CareSequencing")),
                    new XElement("package", new XAttribute("pattern", "CareSequencing.*"))),
                new XElement("packageSource", new XAttribute("key", "nuget.org"),
                    new XElement("package", new XAttribute("pattern", "*")))),
            Directory.Exists(machineCache)
                ? new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machineCache)))
                : null);
        var path = Path.Combine(Root, "nuget.config");
        new XDocument(config).Save(path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareSequencing.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root (CareSequencing.sln) not found.");
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesGroup : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
