using CareSequencing.Authoring.Scenarios;
using CareSequencing.Presentation;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// A temporary copy of the shipped packs (all of them in the full run, the care-sequencing pack
/// alone in the bounded one) and known versions of it: each version rewrites a few
/// files of the care-sequencing pack. Files are replaced by rename, so a reader never sees one half
/// written. Pack hashes depend on relative paths and text only, so a version loaded from a fresh
/// copy has the very <see cref="PackReference"/>s the live folder gets.
/// </summary>
internal sealed class PackVersions : IDisposable
{
    private const string Education = "care-sequencing/rules/education.yaml";
    private const string Manifest = "care-sequencing/pack.yaml";
    private const string Extra = "care-sequencing/rules/stress-extra.yaml";
    private const string Title = "title: { en: Build the education programme with the patient,";
    private const string Priority = "      priority: 58\n";
    private const string Condition = "facts.HasCompletedTherapy(\"education/assessment\")\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "csq-reliability", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _baseline = new(StringComparer.Ordinal);

    public PackVersions()
    {
        var shipped = TestData.ShippedRules;
        foreach (var pack in Directory.EnumerateDirectories(shipped).Where(d => File.Exists(Path.Combine(d, "pack.yaml"))))
        {
            // A reload costs what the packs cost to load; the bounded run swaps the pack that changes, alone.
            if (!LongRuns.Enabled && Path.GetFileName(pack) != "care-sequencing") continue;
            foreach (var file in Directory.EnumerateFiles(pack, "*.yaml", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(shipped, file).Replace('\\', '/');
                if (relative.Contains("/scenarios/", StringComparison.Ordinal)) continue;
                _baseline[relative] = File.ReadAllText(file).ReplaceLineEndings("\n");
            }
        }
        Live = Path.Combine(_root, "live");
        WriteAll(Live, _baseline);

        var education = _baseline[Education];
        var manifest = _baseline[Manifest];
        Require(education, Title, Priority, Condition);
        var version = manifest.Split('\n').Single(l => l.StartsWith("version: ", StringComparison.Ordinal));
        string Bump(string to) => manifest.Replace(version + "\n", "version: " + to + "\n", StringComparison.Ordinal);

        // Three valid versions whose advice differs: the original; a retitled, re-prioritised rule; an added rule.
        Valid =
        [
            new("A", new() { [Manifest] = manifest, [Education] = education, [Extra] = null }),
            new("B", new()
            {
                [Manifest] = Bump("9.0.0-b"),
                [Education] = education.Replace(Title, "title: { en: Build the education programme (version B),", StringComparison.Ordinal)
                    .Replace(Priority, "      priority: 97\n", StringComparison.Ordinal),
                [Extra] = null,
            }),
            new("C", new() { [Manifest] = Bump("9.0.0-c"), [Education] = education, [Extra] = ExtraRule }),
        ];
        // For the file watcher, which may reload between two file writes: versions that differ in one file only.
        SingleFile =
        [
            Valid[0],
            new("A-retitled", new()
            {
                [Manifest] = manifest,
                [Education] = education.Replace(Title, "title: { en: Build the education programme (retitled),", StringComparison.Ordinal),
                [Extra] = null,
            }),
        ];
        // Changes the loader must refuse: a syntax error, an unknown helper, a misspelt key, a duplicate rule id.
        Invalid =
        [
            new("syntax", new() { [Education] = education.Replace(Condition, "facts.HasCompletedTherapy(\"education/assessment\"\n", StringComparison.Ordinal) }),
            new("unknown-helper", new() { [Education] = education.Replace(Condition, "facts.HasCompletedTherapyy(\"education/assessment\")\n", StringComparison.Ordinal) }),
            new("misspelt-key", new() { [Education] = education.Replace(Priority, "      priorty: 58\n", StringComparison.Ordinal) }),
            new("duplicate-id", new() { [Extra] = ExtraRule.Replace("stress.extra-rule", "seq.education-programme", StringComparison.Ordinal) }),
        ];
    }

    /// <summary>The folder a source watches.</summary>
    public string Live { get; }

    public IReadOnlyList<PackVersion> Valid { get; }

    public IReadOnlyList<PackVersion> Invalid { get; }

    /// <summary>Valid versions any two of which differ in one file (<see cref="Valid"/>[0] and a retitled rule).</summary>
    public IReadOnlyList<PackVersion> SingleFile { get; }

    /// <summary>Replaces (or deletes) the version's files in the live folder.</summary>
    public void Apply(PackVersion version) => Write(Live, version.Files);

    /// <summary>Loads the version from a fresh copy, away from the live folder.</summary>
    public CompiledRuleSet Load(PackVersion version)
    {
        var folder = Path.Combine(_root, "copy-" + version.Name);
        if (!Directory.Exists(folder))
        {
            WriteAll(folder, _baseline);
            Write(folder, version.Files);
        }
        return RulePackLoader.Load(folder).GetRuleSetOrThrow();
    }

    /// <summary>Each patient's advice JSON under a version, as the stress test expects it byte for byte.</summary>
    public static string[] ExpectedJson(CompiledRuleSet ruleSet, IReadOnlyList<PatientContext> patients, EvaluationSettings settings)
    {
        var evaluator = new CareEvaluator(ruleSet, new FixedTimeProvider(TestData.Now));
        return [.. patients.Select(p => AdviceJsonWriter.Write(evaluator.Evaluate(p, settings)))];
    }

    /// <summary>The served packs as one comparable string: id, version and hash of each.</summary>
    public static string Signature(IReadOnlyList<PackReference> packs) => string.Join("|", packs.Select(p => $"{p.Id}@{p.Version}#{p.Sha256}"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A watcher still closing its handle; the folder is in the temp area anyway.
        }
    }

    private static void Write(string folder, Dictionary<string, string?> files)
    {
        foreach (var (relative, text) in files)
        {
            var path = Path.Combine(folder, relative);
            if (text is null)
            {
                File.Delete(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Not *.yaml, so neither the loader nor the hash sees it; then one atomic rename.
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
    }

    private static void WriteAll(string folder, Dictionary<string, string> files) =>
        Write(folder, files.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal));

    private static void Require(string text, params string[] parts)
    {
        foreach (var part in parts)
        {
            if (!text.Contains(part, StringComparison.Ordinal))
                throw new InvalidOperationException($"The shipped education.yaml changed; update PackVersions ('{part.Trim()}' not found).");
        }
    }

    // Fires for every stress patient (none has the "stress" flag), so version C's advice differs.
    private const string ExtraRule = """
        rules:
          - id: stress.extra-rule
            family: sequencing
            status: active
            title: { en: Added by the stress test, fr: Ajoutée par le test de charge }
            when: '!facts.HasFlag("stress")'
            proposal:
              action: stress-extra
              priority: 99
              text: { en: Version C only., fr: Version C seulement. }
            sources: [seed-sequences]

        """;
}

/// <summary>A named set of file contents relative to the packs folder; null deletes the file.</summary>
internal sealed record PackVersion(string Name, Dictionary<string, string?> Files);
