using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

public sealed class RulePackLoaderTests
{
    [Fact]
    public void Load_ValidPack_CompilesEveryRuleWithoutErrors()
    {
        var result = RulePackLoader.Load(TestData.BasicPack);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var pack = Assert.Single(result.GetPartialRuleSet().Packs);
        Assert.Equal("test-basic", pack.Id);
        Assert.Equal("1.2.3", pack.Version);
        Assert.Matches("^[0-9a-f]{64}$", pack.Sha256);
        Assert.Equal(9, result.GetPartialRuleSet().RuleCount);
        // The draft rule has no sources: a warning, not an error.
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("CSQ1014", warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void Load_SamePackTwice_GivesTheSameHash_AndCrLfCopyHashesTheSame()
    {
        var first = RulePackLoader.Load(TestData.BasicPack).GetPartialRuleSet().Packs[0].Sha256;
        var copy = TestData.TempPack(
            ("pack.yaml", File.ReadAllText(Path.Combine(TestData.BasicPack, "pack.yaml")).ReplaceLineEndings("\r\n")),
            ("rules/rules.yaml", File.ReadAllText(Path.Combine(TestData.BasicPack, "rules", "rules.yaml")).ReplaceLineEndings("\r\n")),
            ("rules/interactions.yaml", File.ReadAllText(Path.Combine(TestData.BasicPack, "rules", "interactions.yaml"))),
            ("scenarios/ignored.yaml", "patient: {}"));

        Assert.Equal(first, RulePackLoader.Load(TestData.BasicPack).GetPartialRuleSet().Packs[0].Sha256);
        Assert.Equal(first, RulePackLoader.Load(copy).GetPartialRuleSet().Packs[0].Sha256);
    }

    [Fact]
    public void Load_ChangedRuleText_ChangesTheHash()
    {
        var text = File.ReadAllText(Path.Combine(TestData.BasicPack, "rules", "rules.yaml"));
        var changed = TestData.TempPack(
            ("pack.yaml", File.ReadAllText(Path.Combine(TestData.BasicPack, "pack.yaml"))),
            ("rules/rules.yaml", text.Replace("priority: 80", "priority: 81", StringComparison.Ordinal)),
            ("rules/interactions.yaml", File.ReadAllText(Path.Combine(TestData.BasicPack, "rules", "interactions.yaml"))));

        Assert.NotEqual(TestData.BasicRules.Packs[0].Sha256, RulePackLoader.Load(changed).GetPartialRuleSet().Packs[0].Sha256);
    }

    // Each invalid fixture is named after the diagnostic it must produce; the position is the offending token.
    [Theory]
    [InlineData("CSQ1001-yaml-syntax", "CSQ1001", "rules.yaml", 4, 12)]
    [InlineData("CSQ1002-unknown-key", "CSQ1002", "rules.yaml", 9, 7)]
    [InlineData("CSQ1003-duplicate-rule-id", "CSQ1003", "rules.yaml", 9, 5)]
    [InlineData("CSQ1004-missing-key", "CSQ1004", "rules.yaml", 2, 5)]
    [InlineData("CSQ1005-invalid-value", "CSQ1005", "rules.yaml", 9, 17)]
    [InlineData("CSQ1006-duplicate-key", "CSQ1006", "rules.yaml", 5, 5)]
    [InlineData("CSQ1007-bad-version", "CSQ1007", "pack.yaml", 3, 10)]
    [InlineData("CSQ1008-unknown-source", "CSQ1008", "rules.yaml", 8, 15)]
    [InlineData("CSQ1009-invalid-code", "CSQ1009", "rules.yaml", 4, 18)]
    [InlineData("CSQ1011-schema-version", "CSQ1011", "pack.yaml", 1, 16)]
    [InlineData("CSQ1013-unknown-placeholder", "CSQ1013", "rules.yaml", 7, 50)]
    [InlineData("CSQ1014-missing-sources", "CSQ1014", "rules.yaml", 2, 5)]
    [InlineData("CSQ1016-unknown-phase", "CSQ1016", "rules.yaml", 7, 53)]
    [InlineData("CSQ1017-limit-exceeded", "CSQ1017", "rules.yaml", 69, 129)]
    [InlineData("CSQ1018-two-outcomes", "CSQ1018", "rules.yaml", 2, 5)]
    [InlineData("CSQ1019-unreadable-file", "CSQ1019", "rules.yaml", 5, 21)]
    [InlineData("CSQ1040-zero-divisor", "CSQ1040", "rules.yaml", 8, 44)]
    [InlineData("CSQ1041-null-argument", "CSQ1041", "rules.yaml", 8, 31)]
    [InlineData("CSQ1043-constant-fault", "CSQ1043", "rules.yaml", 8, 56)]
    [InlineData("CSQ1060-type-mismatch", "CSQ1060", "rules.yaml", 6, 21)]
    [InlineData("CSQ2001-expression-syntax", "CSQ2001", "rules.yaml", 6, 47)]
    [InlineData("CSQ2002-gettype", "CSQ2002", "rules.yaml", 6, 17)]
    [InlineData("CSQ2003-not-boolean", "CSQ2003", "rules.yaml", 6, 11)]
    [InlineData("CSQ2004-invalid-argument", "CSQ2004", "rules.yaml", 8, 32)]
    [InlineData("CSQ2005-expression-too-complex", "CSQ2005", "rules.yaml", 7, 43)]
    public void Load_InvalidFixture_ReportsCodeAtLine_AndLoadsNothing(string fixture, string code, string file, int line, int column)
    {
        var result = RulePackLoader.Load(TestData.Invalid(fixture));

        Assert.True(result.HasErrors);
        Assert.Empty(result.GetPartialRuleSet().Packs);
        Assert.Equal(0, result.GetPartialRuleSet().RuleCount);
        Assert.Single(result.RejectedPacks);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.EndsWith($"{fixture}/{file}", diagnostic.Location.File, StringComparison.Ordinal);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Contains($"({line},{column}): error {code}: ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules:\n  - { id: r, family: sequencing, status: active, title: {}, when: facts.HasFlag(\"a\"), proposal: { action: a, priority: 50, text: { en: T, fr: T } }, sources: [s] }\n", 2, 57)]
    [InlineData("interactions:\n  - { id: i, status: active, a: { codes: [], label: { en: A, fr: A } }, b: { codes: [N06AB], label: { en: B, fr: B } }, severity: major, mechanism: { en: M, fr: M }, management: { en: M, fr: M }, sources: [s] }\n", 2, 42)]
    public void Load_EmptyTextOrCodeList_IsAnError_NeverASilentlyDroppedRule(string rules, int line, int column)
    {
        var result = RulePackLoader.Load(TestData.TempPack(("pack.yaml", TestData.Manifest), ("rules.yaml", rules)));

        Assert.True(result.HasErrors);
        Assert.Empty(result.GetPartialRuleSet().Packs);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("CSQ1004", line, column), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Load_MissingTranslation_IsAWarning_AndThePackLoads()
    {
        var result = RulePackLoader.Load(TestData.Invalid("CSQ1012-missing-translation"));

        Assert.False(result.HasErrors);
        Assert.Single(result.GetPartialRuleSet().Packs);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1012", DiagnosticSeverity.Warning, 10, 13), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.EndsWith("CSQ1012-missing-translation/rules.yaml", diagnostic.Location.File, StringComparison.Ordinal);
        Assert.Contains("'fr'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderWithoutManifest_ReportsTheFolder()
    {
        var result = RulePackLoader.Load(TestData.Invalid("CSQ1010-missing-manifest"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1010", 1, 1), (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.EndsWith("CSQ1010-missing-manifest", diagnostic.Location.File, StringComparison.Ordinal);
        Assert.Empty(result.GetPartialRuleSet().Packs);
    }

    [Fact]
    public void Load_TwoPacksWithOneId_KeepsTheFirst_AndRejectsTheSecond()
    {
        var result = RulePackLoader.Load(TestData.Invalid("CSQ1015-duplicate-pack-id"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1015", 1, 1), (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.EndsWith("CSQ1015-duplicate-pack-id/second/pack.yaml", diagnostic.Location.File, StringComparison.Ordinal);
        Assert.Equal("same-id", Assert.Single(result.GetPartialRuleSet().Packs).Id);
        Assert.EndsWith("second", Assert.Single(result.RejectedPacks), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDiagnosticCode_HasAFixture()
    {
        var codes = typeof(RulePackLoader).Assembly.GetType("CareSequencing.Loading.DiagnosticCodes")!
            .GetFields().Select(f => (string)f.GetValue(null)!).Where(c => !c.StartsWith("CSQ3", StringComparison.Ordinal))
            // CSQ1042 is a warning in the advice, raised while evaluating: its fixtures are Fixtures/sandbox/runtime-faults.yaml.
            .Where(c => c != "CSQ1042")
            .Order(StringComparer.Ordinal).ToArray();
        var fixtures = Directory.EnumerateDirectories(Path.Combine(TestData.Fixtures, "invalid"))
            .Concat(Directory.EnumerateDirectories(Path.Combine(TestData.Fixtures, "lint")))
            .Select(d => Path.GetFileName(d)[..7]).ToHashSet(StringComparer.Ordinal);

        var missing = codes.Where(c => !fixtures.Contains(c)).ToArray();
        Assert.True(missing.Length == 0, "codes without a fixture: " + string.Join(", ", missing));
    }

    [Fact]
    public void Load_PackWithSeveralErrors_ReportsThemAll()
    {
        var pack = TestData.TempPack(
            ("pack.yaml", TestData.Manifest),
            ("rules.yaml", """
                rules:
                  - id: a
                    family: sequencing
                    status: actve
                    title: { en: T, fr: T }
                    when: facts.HasFlag("x")
                    proposal: { action: one, priorty: 50, text: { en: T, fr: T } }
                    sources: [s]
                  - id: b
                    family: sequencing
                    status: active
                    title: { en: T, fr: T }
                    when: facts.GetType() != null
                    proposal: { action: two, priority: 50, text: { en: T, fr: T } }
                    sources: [s]
                """));

        var result = RulePackLoader.Load(pack);

        var codes = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Code).ToList();
        Assert.Contains("CSQ1005", codes); // status: actve
        Assert.Contains("CSQ1002", codes); // priorty
        Assert.Contains("CSQ2002", codes); // GetType
        Assert.Empty(result.GetPartialRuleSet().Packs);
    }

    [Fact]
    public void Load_OneBadPackBesideAGoodOne_KeepsTheGoodOne()
    {
        var root = TestData.TempPack(
            ("good/pack.yaml", TestData.Manifest),
            ("good/rules.yaml", File.ReadAllText(Path.Combine(TestData.Invalid("CSQ1002-unknown-key"), "rules.yaml")).Replace("priorty", "priority", StringComparison.Ordinal).Replace("test-source", "s", StringComparison.Ordinal)),
            ("bad/pack.yaml", TestData.Manifest.Replace("id: temp", "id: temp2", StringComparison.Ordinal)),
            ("bad/rules.yaml", File.ReadAllText(Path.Combine(TestData.Invalid("CSQ1002-unknown-key"), "rules.yaml")).Replace("test-source", "s", StringComparison.Ordinal)));

        var result = RulePackLoader.Load(root);

        Assert.Equal("temp", Assert.Single(result.GetPartialRuleSet().Packs).Id);
        Assert.Single(result.RejectedPacks);
        Assert.Throws<RulePackLoadException>(() => result.GetRuleSetOrThrow());
    }

    [Fact]
    public void Load_DuplicateIdsAcrossPacks_RejectsTheLaterPack()
    {
        var rules = File.ReadAllText(Path.Combine(TestData.BasicPack, "rules", "rules.yaml"));
        var manifest = File.ReadAllText(Path.Combine(TestData.BasicPack, "pack.yaml"));
        var root = TestData.TempPack(
            ("a/pack.yaml", manifest), ("a/rules.yaml", rules),
            ("b/pack.yaml", manifest.Replace("id: test-basic", "id: other", StringComparison.Ordinal)), ("b/rules.yaml", rules));

        var result = RulePackLoader.Load(root);

        Assert.Equal("test-basic", Assert.Single(result.GetPartialRuleSet().Packs).Id);
        Assert.Contains(result.Diagnostics, d => d.Code == "CSQ1003" && d.Location.File.EndsWith("b/rules.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFolder_ReportsMissingManifest()
    {
        var result = RulePackLoader.Load(Path.Combine(TestData.Fixtures, "no-such-folder"));

        Assert.Equal("CSQ1010", Assert.Single(result.Diagnostics).Code);
        Assert.Empty(result.GetPartialRuleSet().Packs);
    }

    [Theory]
    [InlineData("rules: [")]
    [InlineData("\t- tab")]
    [InlineData("")]
    [InlineData("just text")]
    [InlineData("rules: 5")]
    [InlineData("rules:\n  - 5")]
    [InlineData("a: &x [*x]")]
    [InlineData("rules:\n  - id: [t.broken\n")]
    public void Load_MalformedRuleFile_IsAnErrorNotAnException(string text)
    {
        var pack = TestData.TempPack(("pack.yaml", TestData.Manifest), ("rules.yaml", text));

        var result = RulePackLoader.Load(pack);

        Assert.True(result.HasErrors);
        Assert.Empty(result.GetPartialRuleSet().Packs);
        Assert.All(result.Diagnostics, d => Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1));
    }

    [Fact]
    public void Load_AliasBomb_IsRefusedWithALimitDiagnostic()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 9; i++) bomb += $"{(char)('a' + i)}: &{(char)('a' + i)} [" + string.Join(", ", Enumerable.Repeat("*" + (char)('a' + i - 1), 10)) + "]\n";
        var pack = TestData.TempPack(("pack.yaml", TestData.Manifest), ("rules.yaml", bomb));

        var result = RulePackLoader.Load(pack);

        Assert.Contains(result.Diagnostics, d => d.Code == "CSQ1017");
    }

    [Fact]
    public void Load_InvalidUtf8_IsRefused()
    {
        var pack = TestData.TempPack(("pack.yaml", TestData.Manifest));
        File.WriteAllBytes(Path.Combine(pack, "rules.yaml"), [0x72, 0x75, 0x6c, 0x65, 0x73, 0x3a, 0x20, 0xff, 0xfe]);

        var result = RulePackLoader.Load(pack);

        Assert.Contains(result.Diagnostics, d => d.Code == "CSQ1019");
    }

    [Fact]
    public void Load_MissingTranslation_IsAWarning()
    {
        var pack = TestData.TempPack(("pack.yaml", TestData.Manifest), ("rules.yaml", """
            rules:
              - id: a
                family: sequencing
                status: active
                title: { en: Only English }
                when: facts.HasFlag("x")
                proposal: { action: one, priority: 50, text: { en: T, fr: T } }
                sources: [s]
            """));

        var result = RulePackLoader.Load(pack);

        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1012", 5, 12), (warning.Code, warning.Location.Line, warning.Location.Column));
    }

    [Fact]
    public void Load_RevisionAfterRelease_IsAnError()
    {
        var pack = TestData.TempPack(("pack.yaml", TestData.Manifest), ("rules.yaml", """
            rules:
              - id: a
                family: sequencing
                status: active
                revised: 2026-12-01
                title: { en: T, fr: T }
                when: facts.HasFlag("x")
                proposal: { action: one, priority: 50, text: { en: T, fr: T } }
                sources: [s]
            """));

        var diagnostic = Assert.Single(RulePackLoader.Load(pack).Diagnostics);

        Assert.Equal(("CSQ1005", 5, 14), (diagnostic.Code, diagnostic.Location.Line, diagnostic.Location.Column));
    }
}
