namespace CareSequencing.Packaging.Tests;

/// <summary>A stranger's view: a fresh project and a fresh tool install, fed only by the packed packages.</summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class ConsumerTests(PackedPackages packed)
{
    private const string Program = """
        using CareSequencing;
        using CareSequencing.Fhir;
        using CareSequencing.Packs;
        using CareSequencing.Presentation;

        var ruleSet = RulePackLoader.Load(args[0]).GetRuleSetOrThrow();
        var patient = FhirPatientContextMapper.FromJson(File.ReadAllText(args[1]));
        var clock = new FixedClock();
        var advice = new CareEvaluator(ruleSet, clock).Evaluate(patient);
        // The packs embedded in CareSequencing.Packs must give the same advice as the folder.
        var embedded = new CareEvaluator(ShippedPacks.Load().GetRuleSetOrThrow(), clock).Evaluate(patient);
        var json = AdviceJsonWriter.Write(advice);
        Console.WriteLine(json == AdviceJsonWriter.Write(embedded) ? "embedded packs: same advice" : "embedded packs: DIFFERENT advice");
        Console.WriteLine(json);

        sealed class FixedClock : TimeProvider
        {
            public override DateTimeOffset GetUtcNow() => new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        }
        """;

    [Fact]
    public void FreshProject_ReferencingPackedPackages_EvaluatesFhirBundle()
    {
        var project = Directory.CreateDirectory(Path.Combine(packed.Root, "consumer")).FullName;
        // Outside the repository, but a Directory.*.props further up must not change the project either.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(project, file), "<Project />\n");
        File.Copy(packed.NuGetConfig, Path.Combine(project, "nuget.config"));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CareSequencing" Version="{packed.Version}" />
                <PackageReference Include="CareSequencing.Fhir" Version="{packed.Version}" />
                <PackageReference Include="CareSequencing.Packs" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        var rules = CopyShippedPacks(Path.Combine(project, "rules"));
        var bundle = Path.Combine(packed.RepositoryRoot, "tests", "CareSequencing.Tests", "Fixtures", "fhir", "double-diagnosis-alcohol.json");

        var (exitCode, output) = packed.Dotnet(project, "run", "--", rules, bundle);

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"ruleId\": \"ix.ssri-tramadol\"", output, StringComparison.Ordinal);
        Assert.Contains("\"ruleId\": \"dd.detected\"", output, StringComparison.Ordinal);
        Assert.Contains("embedded packs: same advice", output, StringComparison.Ordinal);
        // The unique version proves the packages came from the folder, not from a cache.
        var assets = File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"));
        Assert.Contains($"\"CareSequencing.Fhir/{packed.Version}\"", assets, StringComparison.Ordinal);
    }

    [Fact]
    public void InstalledTool_EvalSample_UsesShippedPacksWithNothingToConfigure()
    {
        var tools = Path.Combine(packed.Root, "tools");
        var (installExit, installOutput) = packed.Dotnet(packed.Root, "tool", "install", "CareSequencing.Cli",
            "--version", packed.Version, "--tool-path", tools, "--configfile", packed.NuGetConfig);
        Assert.True(installExit == 0, installOutput);

        // Run from an empty folder: no rules/ beside the patient or the working directory.
        var empty = Directory.CreateDirectory(Path.Combine(packed.Root, "elsewhere")).FullName;
        var sample = Path.Combine(packed.RepositoryRoot, "samples", "patients", "double-diagnosis-alcohol.yaml");
        var (exitCode, output) = ProcessRunner.Run(Path.Combine(tools, "caresequencing"), ["eval", sample, "--format", "json"],
            empty, packed.Environment, TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"ruleId\": \"ix.ssri-tramadol\"", output, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"drug-interactions\"", output, StringComparison.Ordinal);
    }

    private string CopyShippedPacks(string target)
    {
        var source = Path.Combine(packed.RepositoryRoot, "rules");
        foreach (var file in Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains("scenarios", StringComparer.Ordinal)) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
