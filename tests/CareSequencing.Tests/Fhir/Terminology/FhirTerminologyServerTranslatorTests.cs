using System.Diagnostics;
using CareSequencing.Fhir;
using CareSequencing.Fhir.Terminology;

namespace CareSequencing.Tests.Fhir.Terminology;

public sealed class FhirTerminologyServerTranslatorTests : IDisposable
{
    private const string Cip = "urn:oid:1.2.250.1.213.2.3.2";
    private readonly TranslateServer _server = new();

    public void Dispose() => _server.Dispose();

    private FhirTerminologyServerTranslator Translator(Action<FhirTerminologyServerOptions>? configure = null)
    {
        var options = new FhirTerminologyServerOptions { BaseUri = _server.BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        return new FhirTerminologyServerTranslator(options);
    }

    private static Task<CodeTranslation> Ask(FhirTerminologyServerTranslator translator, string code, string? version = null) =>
        translator.TranslateAsync(new SourceCoding(Cip, code) { Version = version }, TerminologyTarget.Atc).AsTask();

    private string Host => "Terminology server " + _server.BaseUri.Authority;

    [Fact]
    public async Task TranslateAsync_Match_GivesTheTargetCodeFromTheServerAndSendsTheR4Parameters()
    {
        using var translator = Translator();

        var result = await Ask(translator, "match", version: "2024");

        var code = Assert.Single(result.Codes); // the SNOMED CT match is not in the target system
        Assert.Equal("N06AB06", code.Code);
        Assert.Equal(CodeMapping.Server, code.Mapping);
        Assert.Equal("sertraline", code.Name);
        Assert.Equal($"{Host} $translate (ConceptMap https://tx.example.org/ConceptMap/cip-atc)", code.Source);
        Assert.Empty(result.Problems);
        Assert.Equal(Host, translator.Name);
        Assert.Equal("/fhir/ConceptMap/$translate", _server.LastPath);
        Assert.Equal("match", _server.LastParameters["code"]);
        Assert.Equal(Cip, _server.LastParameters["system"]);
        Assert.Equal("2024", _server.LastParameters["version"]);
        Assert.Equal(FhirSystems.Atc, _server.LastParameters["targetsystem"]);
    }

    [Fact]
    public async Task TranslateAsync_NarrowerMatch_GivesTheCodeAndSaysItIsNotExact()
    {
        using var translator = Translator();

        var result = await Ask(translator, "narrow");

        Assert.Equal("N06AB06", Assert.Single(result.Codes).Code);
        Assert.Contains("'narrower', not exact", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_NoMatch_GivesNoneAndIsCached()
    {
        using var translator = Translator();

        var first = await Ask(translator, "nomatch");
        var second = await Ask(translator, "nomatch");

        Assert.Empty(first.Codes);
        Assert.Empty(first.Problems);
        Assert.Empty(second.Codes);
        Assert.Equal(1, _server.Calls);
    }

    [Fact]
    public async Task TranslateAsync_TwoLookupsOfOneCoding_CallTheServerOnce_UntilTheCacheExpires()
    {
        var clock = new ManualTime();
        using var translator = Translator(o => { o.TimeProvider = clock; o.CacheDuration = TimeSpan.FromMinutes(10); });

        await Ask(translator, "match");
        var cached = await Ask(translator, "match");
        Assert.Equal(1, _server.Calls);
        Assert.Equal("N06AB06", Assert.Single(cached.Codes).Code);

        clock.Advance(TimeSpan.FromMinutes(9));
        await Ask(translator, "match");
        Assert.Equal(1, _server.Calls);

        clock.Advance(TimeSpan.FromMinutes(2));
        await Ask(translator, "match");
        Assert.Equal(2, _server.Calls);

        await Ask(translator, "match", version: "2");
        Assert.Equal(3, _server.Calls); // another version is another question
    }

    [Fact]
    public async Task TranslateAsync_CacheSizeReached_DropsTheLeastRecentlyUsed()
    {
        using var translator = Translator(o => o.CacheSize = 2);

        await Ask(translator, "match-a");
        await Ask(translator, "match-b");
        await Ask(translator, "match-a");
        await Ask(translator, "match-c"); // drops b
        await Ask(translator, "match-a");
        Assert.Equal(3, _server.Calls);
        await Ask(translator, "match-b");
        Assert.Equal(4, _server.Calls);
    }

    [Fact]
    public async Task TranslateAsync_Http500_FailsNamingTheHostWithoutPatientData_AndIsNotCached()
    {
        using var translator = Translator(o => o.FailureBackoff = TimeSpan.Zero);

        var result = await Ask(translator, "error");
        await Ask(translator, "error");

        Assert.Empty(result.Codes);
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"{Host} answered HTTP 500 with an OperationOutcome (exception)", problem);
        Assert.DoesNotContain("boom", problem, StringComparison.Ordinal);
        Assert.Equal(2, _server.Calls);
    }

    [Fact]
    public async Task TranslateAsync_AfterAServerFailure_OtherCodingsFailAtOnceUntilTheBackoffEnds()
    {
        var clock = new ManualTime();
        using var translator = Translator(o => { o.TimeProvider = clock; o.FailureBackoff = TimeSpan.FromSeconds(30); });

        await Ask(translator, "error");
        var skipped = await Ask(translator, "match");
        Assert.Equal(1, _server.Calls);
        Assert.Equal($"{Host} was not asked: it failed less than 30 s ago", Assert.Single(skipped.Problems));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Single((await Ask(translator, "match")).Codes);
        Assert.Equal(2, _server.Calls);
    }

    [Fact]
    public async Task TranslateAsync_SlowServer_FailsAfterTheTimeout()
    {
        using var translator = Translator(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var result = await Ask(translator, "slow");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), watch.Elapsed.ToString()); // the server waits 10 s
        Assert.Empty(result.Codes);
        Assert.Equal($"{Host} did not answer within 0.3 s", Assert.Single(result.Problems));
    }

    [Theory]
    [InlineData("malformed", "sent an answer that cannot be read")]
    [InlineData("patient", "answered a Patient, not $translate Parameters")]
    [InlineData("noresult", "answered Parameters without a boolean 'result'")]
    public async Task TranslateAsync_AnswerThatIsNotTranslateParameters_FailsNamingTheHost(string code, string reason)
    {
        using var translator = Translator();

        var result = await Ask(translator, code);

        Assert.Empty(result.Codes);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith(Host, problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_NoServerListening_FailsAsUnreachable()
    {
        var port = new Uri(_server.BaseUri.ToString()).Port;
        _server.Dispose();
        using var translator = new FhirTerminologyServerTranslator(new FhirTerminologyServerOptions { BaseUri = new Uri($"http://127.0.0.1:{port}/fhir") });

        var result = await Ask(translator, "match");

        Assert.Empty(result.Codes);
        Assert.StartsWith($"Terminology server 127.0.0.1:{port} ", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_ManyParallelTranslations_AllAnsweredAndEachCodingAskedOnce()
    {
        using var translator = Translator();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Ask(translator, "match-" + (i % 10)))));

        Assert.All(results, r => Assert.Equal("N06AB06", Assert.Single(r.Codes).Code));
        Assert.Equal(10, _server.Calls);
    }

    [Fact]
    public async Task TranslateAsync_CallerCancels_Throws()
    {
        using var translator = Translator();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => translator.TranslateAsync(new SourceCoding(Cip, "slow"), TerminologyTarget.Atc, cancel.Token).AsTask());
    }

    [Fact]
    public async Task Mapper_WithTheServer_MapsSynchronouslyAndAsynchronously()
    {
        using var translator = Translator();
        var options = new FhirMappingOptions();
        options.Translators.Insert(0, translator);
        var json = File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "cip13-sertraline-tramadol.json"))
            .Replace("3400934034190", "match-1", StringComparison.Ordinal).Replace("3400933911881", "nomatch", StringComparison.Ordinal);

        var blocking = FhirPatientContextMapper.FromJson(json, options);
        var awaited = await FhirPatientContextMapper.FromJsonAsync(json, options);

        foreach (var patient in new[] { blocking, awaited })
        {
            var medication = Assert.Single(patient.Medications);
            Assert.Equal("N06AB06", medication.Code);
            Assert.Equal(CodeMapping.Server, medication.Origin?.Mapping);
        }
        Assert.Equal(2, _server.Calls);
    }

    [Fact]
    public void Constructor_BadOptions_Throw()
    {
        Assert.Throws<ArgumentException>(() => new FhirTerminologyServerTranslator(new FhirTerminologyServerOptions()));
        Assert.Throws<ArgumentException>(() => new FhirTerminologyServerTranslator(new FhirTerminologyServerOptions { BaseUri = new Uri("ftp://x/") }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FhirTerminologyServerTranslator(new FhirTerminologyServerOptions { BaseUri = _server.BaseUri, Timeout = TimeSpan.Zero }));
    }

    /// <summary>A clock the test moves; timers stay real (the timeout test uses real time).</summary>
    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
