using System.Text.Json;
using CareSequencing.Loading;
using CareSequencing.Tests.Schema;

namespace CareSequencing.Tests.Loading;

/// <summary>
/// Source <c>url</c>s, in the manifest and inline in a rule, load only as web addresses: <c>https://</c>,
/// or <c>http://</c> with warning CSQ1051. Everything else is error CSQ1050 at the value's line and
/// column, and the pack is refused; the editor schema flags the same values.
/// </summary>
public sealed class SourceUrlTests
{
    // (url as the loader reads it, whether the editor schema's pattern catches it too)
    public static TheoryData<string, bool> Refused() => new()
    {
        { "javascript:alert(1)", true },
        { "JAVASCRIPT:alert(1)", true },
        { " JaVaScRiPt:alert(document.cookie)", true },
        { "java\tscript:alert(1)", true },
        { "java\nscript:alert(1)", true },
        { "vbscript:msgbox(1)", true },
        { "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", true },
        { "file:///etc/passwd", true },
        { "ftp://example.org/x", true },
        { "mailto:a@example.org", true },
        { "jar:https://example.org!/x", true },
        { "/relative/path", true },
        { "guidelines/x", true },
        { "//evil.example/x", true },
        { "%6Aavascript:alert(1)", true },
        { "javascript%3Aalert(1)", true },
        { "https:evil.example", true },
        { "https:/evil.example", true },
        { "https:///path", true },
        { "https://", true },
        { "https://:443/x", true },
        { "HTTPS://example.org/x", true },
        { "Https://example.org/x", true },
        { "https:\\\\evil.example", true },
        { "https://example.org\\@evil.example/", true },
        { "https://trusted.example@evil.example/", true },
        { "https://user:password@example.org/", true },
        { "https://example.org/a b", true },
        { "https://example.org/x ", true },
        { "https://example.org/<script>alert(1)</script>", true },
        { "https://example.org/\"onmouseover=alert(1)", true },
        { "https://example.org/`x`", true },
        { "https://example.org/{x}|^", true },
        { "https://\u0435xample.org/", true },
        { "https://example.org/\u200Bx", true },
        { "https://-example.org/", true },
        { "https://example..org/", true },
        { "https://exa_mple.org/", true },
        { "https://[::1/x", true },
        { "https://example.org:99999999/", true },
        { "https://exa%6Dple.org/", true },
        { "https://example.org/%0aSet-Cookie", false },
        { "https://example.org/%00", false },
        { "https://example.org/%zz", false },
        { "https://example.org:99999/", false },
        { "https://example.org/" + new string('a', 2100), true },
    };

    public static TheoryData<string> Accepted() =>
    [
        "https://example.org",
        "https://example.org/",
        "https://www.has-sante.fr/jcms/c_1234/fr/x?a=1&b=2#section-3",
        "https://EXAMPLE.org/Path",
        "https://example.org:8443/x",
        "https://192.0.2.1/x",
        "https://[2001:db8::1]/x",
        "https://example.org/a%20b",
        "https://example.org/wiki/Foo_(bar)",
        "https://example.org/x?redirect=https://other.example/@me",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Load_ManifestSourceUrlThatIsNotAWebAddress_IsCsq1050AtTheValue_AndThePackIsRefused(string url, bool schemaCatches)
    {
        _ = schemaCatches;
        var pack = TestData.TempPack(("pack.yaml", Manifest(url)), ("rules.yaml", Rules("[s]")));

        var result = RulePackLoader.Load(pack);

        Assert.True(result.HasErrors);
        Assert.Empty(result.GetPartialRuleSet().Packs);
        var error = Assert.Single(result.Diagnostics, d => d.Code == "CSQ1050");
        Assert.Equal((DiagnosticSeverity.Error, 10, 10), (error.Severity, error.Location.Line, error.Location.Column));
        Assert.EndsWith("pack.yaml", error.Location.File, StringComparison.Ordinal);
        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Load_InlineRuleSourceUrlThatIsNotAWebAddress_IsCsq1050AtTheValue(string url, bool schemaCatches)
    {
        _ = schemaCatches;
        var pack = TestData.TempPack(("pack.yaml", Manifest("https://example.org/s")), ("rules.yaml", Rules("\n      - { citation: Inline., url: " + Yaml(url) + " }")));

        var result = RulePackLoader.Load(pack);

        Assert.Empty(result.GetPartialRuleSet().Packs);
        var error = Assert.Single(result.Diagnostics, d => d.Code == "CSQ1050");
        Assert.EndsWith("rules.yaml", error.Location.File, StringComparison.Ordinal);
        Assert.Equal((9, 35), (error.Location.Line, error.Location.Column));
    }

    [Theory]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("\u202Ehttps://example.org/")]
    [InlineData("https://example.org/\u0000")]
    [InlineData("https://example.org/\u001B[31m")]
    public void Load_UrlWithControlOrBidiCharacter_IsRefusedByTheReader_AtTheValue(string url)
    {
        var pack = TestData.TempPack(("pack.yaml", Manifest(url)), ("rules.yaml", Rules("[s]")));

        var result = RulePackLoader.Load(pack);

        Assert.Empty(result.GetPartialRuleSet().Packs);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        // The reader refuses the character in any value (CSQ1005), before the URL check would (CSQ1050).
        Assert.True(error.Code is "CSQ1005" or "CSQ1050", error.ToString());
        Assert.Equal((10, 10), (error.Location.Line, error.Location.Column));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    [InlineData("\u0001javascript:alert(1)", true)]
    [InlineData("\u202Ehttps://example.org/", true)]
    [InlineData("", true)]
    public void WebUrl_RefusedUrl_IsNotAllowed_SoNoWriterShowsIt(string url, bool schemaCatches)
    {
        _ = schemaCatches;

        Assert.False(CareSequencing.Model.WebUrl.IsAllowed(url));
        Assert.NotEqual(CareSequencing.Model.WebUrlVerdict.Http, CareSequencing.Model.WebUrl.Check(url));
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Load_HttpsSourceUrl_LoadsWithoutDiagnostic(string url)
    {
        var pack = TestData.TempPack(("pack.yaml", Manifest(url)), ("rules.yaml", Rules("\n      - s\n      - { citation: Inline., url: " + Yaml(url) + " }")));

        var result = RulePackLoader.Load(pack);

        Assert.Empty(result.Diagnostics);
        var rule = Assert.Single(result.GetPartialRuleSet().Rules);
        Assert.All(rule.Definition.Sources, s => Assert.Equal(url, s.Url));
    }

    [Theory]
    [InlineData("http://example.org/x")]
    [InlineData("http://who.int/mental_health/mhgap/evidence/psychosis/q2/en/")]
    [InlineData("http://192.0.2.1:8080/x?y=1")]
    public void Load_HttpSourceUrl_IsWarningCsq1051_AndThePackLoads(string url)
    {
        var pack = TestData.TempPack(("pack.yaml", Manifest(url)), ("rules.yaml", Rules("[s]")));

        var result = RulePackLoader.Load(pack);

        Assert.False(result.HasErrors);
        Assert.Single(result.GetPartialRuleSet().Packs);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1051", DiagnosticSeverity.Warning, 10, 10), (warning.Code, warning.Severity, warning.Location.Line, warning.Location.Column));
    }

    [Fact]
    public void Load_Csq1050Fixture_IsLocatedInTheManifest_AndCsq1051FixtureLoads()
    {
        var refused = RulePackLoader.Load(TestData.Invalid("CSQ1050-unsafe-url"));
        var warned = RulePackLoader.Load(TestData.Invalid("CSQ1051-http-url"));

        var error = Assert.Single(refused.Diagnostics, d => d.Code == "CSQ1050");
        Assert.Equal((11, 10), (error.Location.Line, error.Location.Column));
        Assert.Contains("pack.yaml(11,10): error CSQ1050: ", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(refused.GetPartialRuleSet().Packs);
        var warning = Assert.Single(warned.Diagnostics);
        Assert.Equal(("CSQ1051", 11, 10), (warning.Code, warning.Location.Line, warning.Location.Column));
        Assert.Single(warned.RuleSet.Packs);
    }

    [Fact]
    public void Load_ShippedPacks_HaveNoRefusedUrl_AndListTheirHttpUrls()
    {
        var result = RulePackLoader.Load(TestData.ShippedRules);

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "CSQ1050");
        var http = result.Diagnostics.Where(d => d.Code == "CSQ1051").ToList();
        Assert.All(http, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        // docs/safety.md lists them: publishers' pages not known to be served over https.
        Assert.Equal(8, http.Count);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Schema_RefusedUrl_IsFlaggedByTheEditor_WhereAPatternCanSeeIt(string url, bool schemaCatches)
    {
        var errors = EditorSchemas.Errors(EditorSchemas.PackFile, YamlJson.Convert(Manifest(url)));

        if (schemaCatches) Assert.Contains(errors, e => e.StartsWith("/sources/0/url ", StringComparison.Ordinal));
        else Assert.DoesNotContain(errors, e => e.StartsWith("/sources/0/url pattern", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    [InlineData("http://example.org/x")]
    public void Schema_WebUrl_Validates(string url) =>
        Assert.Empty(EditorSchemas.Errors(EditorSchemas.PackFile, YamlJson.Convert(Manifest(url))));

    // JSON is YAML: a JSON string is a double-quoted YAML scalar with the same escapes.
    private static string Yaml(string value) => JsonSerializer.Serialize(value);

    private static string Manifest(string url) => $"""
        schemaVersion: 1
        id: urls
        version: 1.0.0
        title: {"{"} en: Urls, fr: Urls {"}"}
        publisher: tests
        releaseDate: 2026-11-01
        sources:
          - id: s
            citation: Source.
            url: {Yaml(url)}
        """;

    private static string Rules(string sources) => $"""
        rules:
          - id: r1
            family: sequencing
            status: active
            title: {"{"} en: R, fr: R {"}"}
            when: facts.HasFlag("a")
            proposal: {"{"} action: do-it, priority: 50, text: {"{"} en: T, fr: T {"}"} {"}"}
            sources: {sources}
        """;
}
