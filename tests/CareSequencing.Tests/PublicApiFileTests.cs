namespace CareSequencing.Tests;

/// <summary>
/// Reads the PublicAPI files the analyzer keeps in step with the code (RS0016/RS0017 fail the
/// build otherwise), so a dependency type that leaks into a public signature fails here by name.
/// </summary>
public sealed class PublicApiFileTests
{
    private static readonly string[] DependencyNamespaces =
        ["RulesEngine", "YamlDotNet", "System.Linq.Dynamic", "FastExpressionCompiler", "Hl7.", "Firely", "Microsoft.AspNetCore"];

    public static TheoryData<string> TrackedLibraries => new() { "CareSequencing", "CareSequencing.Fhir", "CareSequencing.Authoring" };

    [Theory]
    [InlineData("CareSequencing")]
    [InlineData("CareSequencing.Authoring")]
    public void PublicApi_CoreAndAuthoring_NameNoDependencyType(string project)
    {
        var leaks = Entries(project).Where(line => DependencyNamespaces.Any(ns => line.Contains(ns, StringComparison.Ordinal))).ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void PublicApi_Fhir_NamesOnlyFirelyBundle()
    {
        var entries = Entries("CareSequencing.Fhir");

        // FromBundle takes a parsed Firely Bundle by design; nothing else from Firely or the core's dependencies.
        var firely = entries.Where(line => line.Contains("Hl7.", StringComparison.Ordinal)).ToList();
        Assert.Contains(firely, line => line.Contains("FromBundle(Hl7.Fhir.Model.Bundle! bundle", StringComparison.Ordinal));
        Assert.All(firely, line => Assert.DoesNotMatch(@"Hl7\.(?!Fhir\.Model\.Bundle\b)", line));
        Assert.DoesNotContain(entries, line => DependencyNamespaces.Where(ns => ns != "Hl7.").Any(ns => line.Contains(ns, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TrackedLibraries))]
    public void PublicApi_TrackedLibrary_FilesDeclareNullableAndListTheSurface(string project)
    {
        foreach (var kind in new[] { "Shipped", "Unshipped" })
        {
            var lines = File.ReadAllLines(PublicApiFile(project, kind));
            // Without it the analyzer ignores nullable annotations: string and string? would be one API.
            Assert.Equal("#nullable enable", lines.FirstOrDefault());
        }
        Assert.NotEmpty(Entries(project));
    }

    private static List<string> Entries(string project) =>
        new[] { "Shipped", "Unshipped" }
            .SelectMany(kind => File.ReadAllLines(PublicApiFile(project, kind)))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

    private static string PublicApiFile(string project, string kind) =>
        Path.Combine(TestData.RepositoryRoot, "src", project, $"PublicAPI.{kind}.txt");
}
