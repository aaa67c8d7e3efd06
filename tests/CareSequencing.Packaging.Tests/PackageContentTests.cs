using System.IO.Compression;
using System.Xml.Linq;

namespace CareSequencing.Packaging.Tests;

[Collection(PackedPackagesGroup.Name)]
public sealed class PackageContentTests(PackedPackages packed)
{
    public static TheoryData<string> Packages => new() { "CareSequencing", "CareSequencing.Fhir", "CareSequencing.Authoring", "CareSequencing.Packs", "CareSequencing.Cli" };

    public static TheoryData<string> Libraries => new() { "CareSequencing", "CareSequencing.Fhir", "CareSequencing.Authoring", "CareSequencing.Packs" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Pack_Package_HasReadmeLicenseAndRepository(string id)
    {
        using var zip = ZipFile.OpenRead(packed.Package(id));
        var metadata = Nuspec(zip, id);

        Assert.Equal("PACKAGE.md", Value(metadata, "readme"));
        var readme = Read(zip, "PACKAGE.md");
        Assert.StartsWith($"# {id}", readme, StringComparison.Ordinal);
        Assert.Contains("```", readme, StringComparison.Ordinal);
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "projectUrl")));

        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        // SourceLink reads the commit from git; a source archive without .git has none to give.
        if (Path.Exists(Path.Combine(packed.RepositoryRoot, ".git")))
            Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Pack_Package_HasSymbolPackageWithPdb(string id)
    {
        var symbols = Path.ChangeExtension(packed.Package(id), ".snupkg");
        Assert.True(File.Exists(symbols), $"{Path.GetFileName(symbols)} is missing");
        using var zip = ZipFile.OpenRead(symbols);
        Assert.Contains(zip.Entries, e => e.Name == $"{id}.pdb");
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Pack_Library_HasAssemblyAndXmlDocs(string id)
    {
        using var zip = ZipFile.OpenRead(packed.Package(id));

        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");
        var docs = XDocument.Parse(Read(zip, $"lib/net10.0/{id}.xml"));
        Assert.NotEmpty(docs.Descendants("member"));
    }

    [Fact]
    public void Pack_Fhir_DependsOnCoreOfSameVersion()
    {
        using var zip = ZipFile.OpenRead(packed.Package("CareSequencing.Fhir"));
        var dependencies = Nuspec(zip, "CareSequencing.Fhir").Descendants().Where(e => e.Name.LocalName == "dependency").ToList();

        var core = Assert.Single(dependencies, d => (string?)d.Attribute("id") == "CareSequencing");
        Assert.Equal(packed.Version, (string?)core.Attribute("version"));
        Assert.Contains(dependencies, d => (string?)d.Attribute("id") == "Hl7.Fhir.R4");
    }

    [Fact]
    public void Pack_Cli_IsToolWithShippedPacks()
    {
        using var zip = ZipFile.OpenRead(packed.Package("CareSequencing.Cli"));

        Assert.Contains("caresequencing", Read(zip, "tools/net10.0/any/DotnetToolSettings.xml"), StringComparison.Ordinal);
        foreach (var pack in new[] { "care-sequencing", "double-diagnosis", "drug-interactions", "therapy-compatibility" })
            Assert.Contains(zip.Entries, e => e.FullName == $"tools/net10.0/any/rules/{pack}/pack.yaml");
        // Scenarios are for pack authors and CI, not for the tool's users.
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("/scenarios/", StringComparison.Ordinal));
    }

    private static XElement Nuspec(ZipArchive zip, string id) =>
        XDocument.Parse(Read(zip, $"{id}.nuspec")).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static string Read(ZipArchive zip, string entryName)
    {
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{entryName} is not in the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
