using CareSequencing.Authoring.Scenarios;

namespace CareSequencing.Tests;

/// <summary>Paths and shared objects for tests. Fixtures are copied beside the test assembly.</summary>
internal static class TestData
{
    /// <summary>
    /// The shipped packs written by hand (every pack but an imported table declaring sampled coverage):
    /// for generators, whose draws the imported table's thousand codes would dilute.
    /// </summary>
    public static IEnumerable<string> HandWrittenPacks() =>
        Directory.EnumerateDirectories(ShippedRules)
            .Where(d => File.Exists(Path.Combine(d, "pack.yaml"))
                && !File.ReadAllText(Path.Combine(d, "pack.yaml")).Contains("scenarioCoverage: sampled", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string BasicPack => Path.Combine(Fixtures, "packs", "basic");

    public static string Invalid(string name) => Path.Combine(Fixtures, "invalid", name);

    /// <summary>Coverage fixtures: <c>gaps</c> (uncovered rule and entry, drafts, a retired rule) and <c>complete</c>.</summary>
    public static string CoveragePack(string name) => Path.Combine(Fixtures, "coverage", name);

    /// <summary>Two versions of a folder of packs: <c>v1</c> (OLD) and <c>v2</c> (NEW).</summary>
    public static string DiffVersion(string name) => Path.Combine(Fixtures, "diff", name);

    /// <summary>The repository root (holding CareSequencing.sln), found upwards from the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareSequencing.sln"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
        }
    }

    public static string ShippedRules => Path.Combine(RepositoryRoot, "rules");

    private static readonly Lazy<CompiledRuleSet> Basic = new(() => RulePackLoader.Load(BasicPack).GetRuleSetOrThrow());

    public static CompiledRuleSet BasicRules => Basic.Value;

    public static CareEvaluator Evaluator(CompiledRuleSet? rules = null) => new(rules ?? BasicRules, new FixedTimeProvider(Now));

    public static PatientContext FullPatient => CareSequencing.Loading.PatientContextReader.ReadFile(Path.Combine(Fixtures, "patient-full.yaml"));

    /// <summary>Writes files into a fresh temporary folder and returns it.</summary>
    public static string TempPack(params (string Path, string Text)[] files)
    {
        var root = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return root;
    }

    public const string Manifest = """
        schemaVersion: 1
        id: temp
        version: 1.0.0
        title: { en: Temp, fr: Temp }
        publisher: tests
        releaseDate: 2026-11-01
        sources:
          - { id: s, citation: Source. }
        """;

    /// <summary>A pack with one rule whose condition is <paramref name="when"/>.</summary>
    public static string PackWithCondition(string when) => TempPack(
        ("pack.yaml", Manifest),
        ("rules.yaml", $$"""
            rules:
              - id: r1
                family: sequencing
                status: active
                title: { en: R, fr: R }
                when: '{{when.Replace("'", "''", StringComparison.Ordinal)}}'
                proposal:
                  action: do-it
                  priority: 50
                  text: { en: T, fr: T }
                sources: [s]
            """));

    /// <summary>
    /// The lines between <c>// {marker}-BEGIN</c> and <c>// {marker}-END</c> of a test source file, unindented:
    /// the code a README block must show verbatim. Read from the checkout, not [CallerFilePath]: CI builds
    /// map source paths to /_/ (ContinuousIntegrationBuild).
    /// </summary>
    public static string TestedBlock(string testFile, string marker)
    {
        var source = File.ReadAllLines(Path.Combine(RepositoryRoot, "tests", "CareSequencing.Tests", testFile));
        var start = Array.FindIndex(source, l => l.Trim() == $"// {marker}-BEGIN") + 1;
        var end = Array.FindIndex(source, l => l.Trim() == $"// {marker}-END");
        var indent = source[start].Length - source[start].TrimStart().Length;
        return string.Join("\n", source[start..end].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    /// <summary>FHIR mapping options without the shipped default maps: the mapper's own behaviour, with no translator.</summary>
    public static CareSequencing.Fhir.FhirMappingOptions FhirOptionsWithoutTranslators()
    {
        var options = new CareSequencing.Fhir.FhirMappingOptions();
        options.Translators.Clear();
        return options;
    }

    /// <summary>The repository's README, with LF line endings.</summary>
    public static string Readme => File.ReadAllText(Path.Combine(RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
}
