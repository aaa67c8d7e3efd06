using CareSequencing.Authoring.Scenarios;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Schema;

/// <summary>
/// The editor schemas (rules/schema) and the loader agree: every file the project ships validates,
/// and every invalid fixture is either caught by the schema too or listed here as loader-only.
/// </summary>
public sealed class SchemaAgreementTests
{
    private const string Modeline = "# yaml-language-server: $schema=";

    /// <summary>What the schema does with each invalid fixture. A new fixture fails <see cref="InvalidFixtures_AreEachClassified"/> until it is added here.</summary>
    private enum Expect
    {
        /// <summary>The schema rejects the file the loader points at, and accepts the others.</summary>
        SchemaRejects,

        /// <summary>Loader-only: the editor's YAML parser rejects the file before any schema applies.</summary>
        YamlRejects,

        /// <summary>Loader-only: the defect is beyond a schema; every file validates.</summary>
        SchemaAccepts,
    }

    // For a defect the schema catches: the file, and the schema error the editor shows (instance location and keyword).
    private static readonly Dictionary<string, (string File, Expect Expect, string Why)> InvalidFixtures = new(StringComparer.Ordinal)
    {
        ["CSQ1001-yaml-syntax"] = ("rules.yaml", Expect.YamlRejects, "YAML syntax: reported by the editor's YAML parser"),
        ["CSQ1002-unknown-key"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0/proposal/priorty : "),
        ["CSQ1003-duplicate-rule-id"] = ("rules.yaml", Expect.SchemaAccepts, "ids are unique across rules, files and packs: a schema sees one value at a time"),
        ["CSQ1004-missing-key"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0 required: "),
        ["CSQ1005-invalid-value"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0/proposal/priority type: "),
        ["CSQ1006-duplicate-key"] = ("rules.yaml", Expect.YamlRejects, "a duplicate key is a YAML error in the editor; the JSON a schema sees has no duplicates"),
        ["CSQ1007-bad-version"] = ("pack.yaml", Expect.SchemaRejects, "/version type: "),
        ["CSQ1008-unknown-source"] = ("rules.yaml", Expect.SchemaAccepts, "a source id refers to pack.yaml, another file"),
        ["CSQ1009-invalid-code"] = ("rules.yaml", Expect.SchemaRejects, "/interactions/0/a/codes/0 pattern: "),
        ["CSQ1010-missing-manifest"] = ("pack.yaml", Expect.SchemaAccepts, "a missing file: the folder has no manifest for a schema to check"),
        ["CSQ1011-schema-version"] = ("pack.yaml", Expect.SchemaRejects, "/schemaVersion "),
        ["CSQ1012-missing-translation"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0/proposal/text required: "),
        ["CSQ1013-unknown-placeholder"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0/proposal/text/en pattern: "),
        ["CSQ1014-missing-sources"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0 required: "),
        ["CSQ1015-duplicate-pack-id"] = ("second/pack.yaml", Expect.SchemaAccepts, "pack ids are unique across folders: a schema sees one file at a time"),
        ["CSQ1016-unknown-phase"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0/proposal/phases/0 enum: "),
        ["CSQ1017-limit-exceeded"] = ("rules.yaml", Expect.YamlRejects, "nesting beyond the reader's limit: refused before any schema applies"),
        ["CSQ1018-two-outcomes"] = ("rules.yaml", Expect.SchemaRejects, "/rules/0 oneOf: "),
        ["CSQ1019-unreadable-file"] = ("rules.yaml", Expect.SchemaAccepts, "bytes that are not UTF-8: the editor reports the encoding, the schema sees decoded text"),
        ["CSQ1027-pinned-version"] = ("pinned/1.1.0/pack.yaml", Expect.SchemaAccepts, "a pin is the host's choice, outside every file"),
        ["CSQ1040-zero-divisor"] = ("rules.yaml", Expect.SchemaAccepts, "a divisor folded to zero: computed by the loader"),
        ["CSQ1041-null-argument"] = ("rules.yaml", Expect.SchemaAccepts, "a null reaching a method: found by the loader in the parsed condition"),
        ["CSQ1043-constant-fault"] = ("rules.yaml", Expect.SchemaAccepts, "a constant part that always fails: computed by the loader"),
        ["CSQ1050-unsafe-url"] = ("pack.yaml", Expect.SchemaRejects, "/sources/0/url pattern: "),
        ["CSQ1051-http-url"] = ("pack.yaml", Expect.SchemaAccepts, "a warning, not an error: http:// loads, and the editor accepts it too"),
        ["CSQ1060-type-mismatch"] = ("rules.yaml", Expect.SchemaAccepts, "types inside a condition: checked by the loader"),
        ["CSQ2001-expression-syntax"] = ("rules.yaml", Expect.SchemaAccepts, "expression syntax: compiled by the loader"),
        ["CSQ2002-gettype"] = ("rules.yaml", Expect.SchemaAccepts, "expression sandbox: checked by the loader"),
        ["CSQ2003-not-boolean"] = ("rules.yaml", Expect.SchemaAccepts, "expression type: checked by the loader"),
        ["CSQ2004-invalid-argument"] = ("rules.yaml", Expect.SchemaAccepts, "expression arguments: checked by the loader"),
        ["CSQ2005-expression-too-complex"] = ("rules.yaml", Expect.SchemaAccepts, "expression size limits: measured by the loader"),
    };

    /// <summary>Every YAML file the project ships or keeps as a valid fixture (relative to the repository root), with its schema.</summary>
    public static TheoryData<string, string> ShippedFiles()
    {
        var root = TestData.RepositoryRoot;
        var files = new List<(string Path, string Schema)>();
        foreach (var pack in Directory.EnumerateDirectories(Path.Combine(root, "rules")).Where(d => File.Exists(Path.Combine(d, RulePackReader.ManifestFileName))))
        {
            files.AddRange(PackFiles(pack));
            files.AddRange(Directory.EnumerateFiles(Path.Combine(pack, RulePackReader.ScenariosFolder), "*.yaml").Select(f => (f, EditorSchemas.ScenarioFile)));
        }
        files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "samples", "patients"), "*.yaml").Select(f => (f, EditorSchemas.PatientFile)));
        var fixtures = Path.Combine(root, "tests", "CareSequencing.Tests", "Fixtures");
        files.AddRange(PackFiles(Path.Combine(fixtures, "packs", "basic")));
        files.Add((Path.Combine(fixtures, "patient-full.yaml"), EditorSchemas.PatientFile));

        var data = new TheoryData<string, string>();
        foreach (var (path, schema) in files.Select(f => (Path.GetRelativePath(root, f.Path).Replace('\\', '/'), f.Schema)).OrderBy(f => f.Item1, StringComparer.Ordinal))
            data.Add(path, schema);
        return data;

        // The loader's own selection of a pack's files: the manifest and every rule file.
        static IEnumerable<(string, string)> PackFiles(string pack) => RulePackReader.ContentFiles(pack).Select(f =>
            (f, Path.GetFileName(f) == RulePackReader.ManifestFileName && Path.GetDirectoryName(f) == Path.GetFullPath(pack) ? EditorSchemas.PackFile : EditorSchemas.RuleFileFile));
    }

    public static TheoryData<string> InvalidFixtureNames() => [.. InvalidFixtures.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void ShippedFile_ValidatesAgainstItsSchema(string relativePath, string schema)
    {
        var text = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, relativePath));

        var errors = EditorSchemas.Errors(schema, YamlJson.Convert(text));

        Assert.True(errors.Count == 0, $"{relativePath} against {schema}:\n{string.Join("\n", errors)}");
        // A file that already carries a modeline must name the schema of its kind.
        if (text.StartsWith(Modeline, StringComparison.Ordinal))
        {
            var target = text[Modeline.Length..text.IndexOf('\n', StringComparison.Ordinal)].Trim();
            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.Combine(TestData.RepositoryRoot, relativePath))!, target));
            Assert.Equal(Path.GetFullPath(Path.Combine(EditorSchemas.Folder, schema)), resolved);
        }
    }

    [Fact]
    public void ShippedFiles_CoverEveryKindOfFile()
    {
        var kinds = ShippedFiles().Cast<object[]>().Select(row => (string)row[1]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(EditorSchemas.All.Order(StringComparer.Ordinal), kinds);
    }

    [Fact]
    public void InvalidFixtures_AreEachClassified()
    {
        var folders = Directory.EnumerateDirectories(Path.Combine(TestData.Fixtures, "invalid")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        // A new fixture needs a decision above: does the schema catch its defect, or only the loader?
        Assert.Equal(InvalidFixtures.Keys.Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(InvalidFixtureNames))]
    public void InvalidFixture_SchemaCatchesItsDefect_OrItIsLoaderOnly(string fixture)
    {
        var (defective, expect, why) = InvalidFixtures[fixture];
        var folder = TestData.Invalid(fixture);

        foreach (var path in RulePackReader.ContentFiles(folder))
        {
            var file = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var text = File.ReadAllText(path);
            var isDefective = string.Equals(file, defective, StringComparison.Ordinal);
            if (isDefective && expect == Expect.YamlRejects)
            {
                Assert.Throws<InvalidDataException>(() => YamlJson.Convert(text));
                continue;
            }
            var errors = EditorSchemas.Errors(EditorSchemas.For(file), YamlJson.Convert(text));
            if (isDefective && expect == Expect.SchemaRejects)
                Assert.True(errors.Any(e => e.StartsWith(why, StringComparison.Ordinal)), $"{fixture}/{file} should fail the schema with '{why}...', not:\n{string.Join("\n", errors)}");
            else
                Assert.True(errors.Count == 0, $"{fixture}/{file} should validate ({why}):\n{string.Join("\n", errors)}");
        }
    }

    // Rule files on both sides of a schema constraint; each also goes through the loader, which must agree.
    [Theory]
    [InlineData("draft rule without sources", true, """
        rules:
          - { id: r, family: sequencing, status: draft, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } } }
        """)]
    [InlineData("active rule with an empty source list", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [] }
        """)]
    [InlineData("active interaction without sources", false, """
        interactions:
          - { id: i, status: active, a: { codes: [N02A], label: { en: A, fr: A } }, b: { codes: [N06AB], label: { en: B, fr: B } }, severity: major, mechanism: { en: M, fr: M }, management: { en: M, fr: M } }
        """)]
    [InlineData("interaction text with {a}, {b} and {medications}", true, """
        interactions:
          - { id: i, status: active, a: { codes: [N02A], label: { en: A, fr: A } }, b: { codes: [N06AB], label: { en: B, fr: B }, forms: [oral-solution] }, severity: major, mechanism: { en: "{a} {b}", fr: "{medications}" }, management: { en: M, fr: M }, sources: [s] }
        """)]
    [InlineData("interaction text with a rule placeholder", false, """
        interactions:
          - { id: i, status: active, a: { codes: [N02A], label: { en: A, fr: A } }, b: { codes: [N06AB], label: { en: B, fr: B } }, severity: major, mechanism: { en: "{conditions}", fr: M }, management: { en: M, fr: M }, sources: [s] }
        """)]
    [InlineData("form in upper case", false, """
        interactions:
          - { id: i, status: active, a: { codes: [N02A], label: { en: A, fr: A }, forms: [Oral] }, b: { codes: [N06AB], label: { en: B, fr: B } }, severity: major, mechanism: { en: M, fr: M }, management: { en: M, fr: M }, sources: [s] }
        """)]
    [InlineData("alert on ATC and ICD-10 codes, with actions, placeholders and an inline source", true, """
        rules:
          - id: r
            family: double-diagnosis
            status: active
            title: { en: T, fr: T }
            effective: { from: 2026-01-01, until: 2027-12-31 }
            revised: 2026-10-01
            when: facts.HasCondition("F10.2")
            alert: { severity: moderate, codes: [F10.2, F32, N06AB06], actions: [start-medication], text: { en: "{conditions} {age}", fr: "{phase}" }, management: { en: M, fr: M } }
            sources: [s, { citation: C., url: "https://example.org/c", publisher: P, year: 2020 }]
        """)]
    [InlineData("ICD-10 code without its dot", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), alert: { severity: minor, codes: [F102], text: { en: T, fr: T }, management: { en: M, fr: M } }, sources: [s] }
        """)]
    [InlineData("ATC code in lower case", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, codes: [n06ab], text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("priority above 100", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 101, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("priority quoted", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: "80", text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("proposal with therapy, codes and phases", true, """
        rules:
          - { id: r.x_1, family: sequencing, status: retired, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: "start-psychotherapy:cbt", priority: 0, therapy: psychotherapy/cbt, codes: [N06AB06], phases: [assessment, follow-up], text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("action in upper case", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: Start, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("rule id in upper case", false, """
        rules:
          - { id: R1, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("unknown family", false, """
        rules:
          - { id: r, family: dosing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("unknown language", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T, de: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("empty text", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: " " }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("no outcome", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), sources: [s] }
        """)]
    [InlineData("no condition", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("unknown key in effective", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, effective: { start: 2026-01-01 }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("impossible date", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, revised: 2026-02-30, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("inline source with an id", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [{ id: x, citation: C. }] }
        """)]
    [InlineData("relative source url", false, """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [{ citation: C., url: guidelines/x }] }
        """)]
    [InlineData("neither rules nor interactions", false, "other: []")]
    public void RuleFile_SchemaAndLoaderAgree(string what, bool valid, string yaml)
    {
        var pack = TestData.TempPack(("pack.yaml", TestData.Manifest), ("rules.yaml", yaml));

        var loaderErrors = RulePackLoader.Load(pack).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var schemaErrors = EditorSchemas.Errors(EditorSchemas.RuleFileFile, YamlJson.Convert(yaml));

        Assert.True(valid == (loaderErrors.Count == 0), $"{what}: loader: {string.Join("; ", loaderErrors)}");
        Assert.True(valid == (schemaErrors.Count == 0), $"{what}: schema: {string.Join("; ", schemaErrors)}");
    }

    // Where the schema is stricter or earlier: the loader warns (one language), or reports the empty
    // title or code list when the pack loads; an author typing in an editor hears of it at once.
    [Theory]
    [InlineData("text in one language (loader: CSQ1012 warning)", """
        rules:
          - { id: r, family: sequencing, status: active, title: { en: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("empty title (loader: CSQ1004 error)", """
        rules:
          - { id: r, family: sequencing, status: active, title: {}, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }
        """)]
    [InlineData("interaction side without codes (loader: CSQ1004 error)", """
        interactions:
          - { id: i, status: active, a: { codes: [], label: { en: A, fr: A } }, b: { codes: [N06AB], label: { en: B, fr: B } }, severity: major, mechanism: { en: M, fr: M }, management: { en: M, fr: M }, sources: [s] }
        """)]
    public void RuleFile_SchemaRejects_WhatTheLoaderWarnsAboutOrRejects(string what, string yaml)
    {
        var errors = EditorSchemas.Errors(EditorSchemas.RuleFileFile, YamlJson.Convert(yaml));

        Assert.True(errors.Count > 0, what);
    }

    [Theory]
    [InlineData("missing schemaVersion", false, "schemaVersion: 1\n", "")]
    [InlineData("schemaVersion 2", false, "schemaVersion: 1\n", "schemaVersion: 2\n")]
    [InlineData("pack id with upper case", false, "id: temp\n", "id: Temp\n")]
    [InlineData("pre-release version", true, "version: 1.0.0\n", "version: 1.0.0-rc.1\n")]
    [InlineData("version with a leading zero", false, "version: 1.0.0\n", "version: 1.01.0\n")]
    [InlineData("developer and funding", true, "publisher: tests\n", "publisher: tests\ndeveloper: dev\nfunding: none\n")]
    [InlineData("unknown key", false, "publisher: tests\n", "publisher: tests\nlicense: MIT\n")]
    [InlineData("release date not a date", false, "releaseDate: 2026-11-01\n", "releaseDate: 2026-11\n")]
    [InlineData("source year out of range", false, "- { id: s, citation: Source. }", "- { id: s, citation: Source., year: 1700 }")]
    [InlineData("source without citation", false, "- { id: s, citation: Source. }", "- { id: s, publisher: P }")]
    public void Manifest_SchemaAndLoaderAgree(string what, bool valid, string replace, string with)
    {
        var manifest = TestData.Manifest.ReplaceLineEndings("\n") + "\n";
        Assert.Contains(replace, manifest, StringComparison.Ordinal);
        manifest = manifest.Replace(replace, with, StringComparison.Ordinal);
        const string Rules = """
            rules:
              - { id: r, family: sequencing, status: draft, title: { en: T, fr: T }, when: facts.HasFlag("a"), proposal: { action: a, priority: 50, text: { en: T, fr: T } } }
            """;
        var pack = TestData.TempPack(("pack.yaml", manifest), ("rules.yaml", Rules));

        var loaderErrors = RulePackLoader.Load(pack).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var schemaErrors = EditorSchemas.Errors(EditorSchemas.PackFile, YamlJson.Convert(manifest));

        Assert.True(valid == (loaderErrors.Count == 0), $"{what}: loader: {string.Join("; ", loaderErrors)}");
        Assert.True(valid == (schemaErrors.Count == 0), $"{what}: schema: {string.Join("; ", schemaErrors)}");
    }

    // The patient reader never fails: what it cannot use becomes an input warning, which the schema reports as an error.
    [Theory]
    [InlineData("phase as a bare value", true, "phase: assessment")]
    [InlineData("unreadable code (reported in the advice, and tested by a scenario)", true, "medications: [{ code: TRAMADOL, name: tramadol }]")]
    [InlineData("every field", true, "{ id: 42, birthDate: 1971-04-02, sex: other, therapies: [{ kind: education/programme, status: completed }], preferences: { preferred: [psychotherapy/cbt] } }")]
    [InlineData("unknown key", false, "{ id: p, weight: 70 }")]
    [InlineData("unknown key in a medication", false, "medications: [{ code: N06AB06, dose: 50 }]")]
    [InlineData("impossible birth date", false, "birthDate: 1971-02-30")]
    [InlineData("unknown sex", false, "sex: robot")]
    [InlineData("unknown condition status", false, "conditions: [{ code: F32.1, status: chronic }]")]
    [InlineData("conditions not a list", false, "conditions: F32.1")]
    [InlineData("age not a number", false, "age: forty")]
    public void Patient_SchemaFlagsWhatTheReaderWarnsAbout(string what, bool valid, string yaml)
    {
        var warnings = PatientContextReader.Parse(yaml).InputWarnings;
        var schemaErrors = EditorSchemas.Errors(EditorSchemas.PatientFile, YamlJson.Convert(yaml));

        Assert.True(valid == (warnings.Count == 0), $"{what}: reader: {string.Join("; ", warnings.Select(w => w.Code))}");
        Assert.True(valid == (schemaErrors.Count == 0), $"{what}: schema: {string.Join("; ", schemaErrors)}");
    }

    [Theory]
    [InlineData("minimal", true, "patient: { id: p }")]
    [InlineData("every key", true, "{ description: d, evaluatedAt: 2026-11-23T09:00:00Z, language: fr, includeDraftRules: true, patient: { age: 40 }, expect: { proposals: [\"start-psychotherapy:cbt\"], alerts: [ix.a], absent: [seq.b] } }")]
    [InlineData("no patient", false, "description: d")]
    [InlineData("unknown key", false, "{ patient: { id: p }, when: now }")]
    [InlineData("unknown key in expect", false, "{ patient: { id: p }, expect: { warnings: [] } }")]
    [InlineData("evaluatedAt not a date-time", false, "{ patient: { id: p }, evaluatedAt: tomorrow }")]
    [InlineData("expect.alerts not a list", false, "{ patient: { id: p }, expect: { alerts: ix.a } }")]
    public void Scenario_SchemaAndReaderAgree(string what, bool valid, string yaml)
    {
        var path = Path.Combine(TestData.TempPack(("scenario.yaml", yaml)), "scenario.yaml");

        var readerError = Record.Exception(() => Scenario.Read(path, "s"));
        var schemaErrors = EditorSchemas.Errors(EditorSchemas.ScenarioFile, YamlJson.Convert(yaml));

        Assert.True(valid == (readerError is null), $"{what}: reader: {readerError?.Message}");
        Assert.True(valid == (schemaErrors.Count == 0), $"{what}: schema: {string.Join("; ", schemaErrors)}");
    }
}
