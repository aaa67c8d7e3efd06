using System.Collections.Concurrent;
using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Specification.Terminology;

namespace CareSequencing.Fhir.Terminology;

/// <summary>
/// Translates codings by calling a FHIR R4 terminology server's <c>ConceptMap/$translate</c> (with <c>system</c>,
/// <c>version</c>, <c>code</c> and <c>targetsystem</c>) through the Firely SDK's <see cref="FhirClient"/>. A match's
/// equivalence is read as a ConceptMap's is (see <see cref="ConceptMapTranslator"/>); every code is
/// <see cref="CodeMapping.Server"/>. Answers, "no match" included, are cached; a timeout, an HTTP error, an
/// OperationOutcome or an answer that is not <c>$translate</c> Parameters is a <see cref="CodeTranslation.Failed"/>
/// problem naming the server's host, never an exception and never a silent miss.
/// </summary>
/// <remarks>
/// Truly asynchronous: use <see cref="FhirPatientContextMapper.FromJsonAsync"/> or <see cref="FhirPatientContextMapper.FromBundleAsync"/>.
/// The synchronous <see cref="FhirPatientContextMapper.FromJson"/> still works but blocks its thread on each request
/// (at most <see cref="FhirTerminologyServerOptions.Timeout"/> each; no deadlock, since nothing here resumes on the caller's
/// context). Thread-safe: concurrent requests for the same coding share one call to the server.
/// </remarks>
public sealed class FhirTerminologyServerTranslator : ICodeTranslator, IDisposable
{
    private readonly Uri _baseUri;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _backoff;
    private readonly TimeProvider _time;
    private readonly TranslationCache<Key> _cache;
    private readonly ConcurrentDictionary<Key, Lazy<Task<(CodeTranslation Answer, bool Keep)>>> _pending = new();
    private long _unavailableUntil = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Creates the translator; the options are read now and not kept.</summary>
    /// <param name="options">The server and how to call it.</param>
    /// <exception cref="ArgumentException">An option cannot work (no absolute http(s) base URI, a timeout not greater than zero...).</exception>
    public FhirTerminologyServerTranslator(FhirTerminologyServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _baseUri = options.BaseUri!;
        _timeout = options.Timeout;
        _backoff = options.FailureBackoff;
        _time = options.TimeProvider;
        _cache = new TranslationCache<Key>(options.CacheSize, options.CacheDuration, _time);
        _ownsHttp = options.HttpClient is null;
        // The timeout is ours (a cancellation token), so the client's own stays out of the way.
        _http = options.HttpClient ?? new HttpClient(options.HttpMessageHandler ?? new SocketsHttpHandler(), disposeHandler: options.HttpMessageHandler is null)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        Name = "Terminology server " + _baseUri.Authority;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async ValueTask<CodeTranslation> TranslateAsync(SourceCoding coding, TerminologyTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coding);
        var key = new Key(coding.System, coding.Version, coding.Code, target);
        if (_cache.TryGet(key, out var cached)) return cached;
        var wait = new DateTimeOffset(Interlocked.Read(ref _unavailableUntil), TimeSpan.Zero) - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
            return CodeTranslation.Failed(Invariant($"{Name} was not asked: it failed less than {_backoff.TotalSeconds:0.#} s ago"));
        var shared = _pending.GetOrAdd(key, k => new Lazy<Task<(CodeTranslation, bool)>>(() => AskAsync(k)));
        var (answer, _) = await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return answer;
    }

    /// <summary>Disposes the HTTP client the translator created (never one the host gave).</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <summary>One call for a coding, whoever waits for it: the answer is cached before the call is forgotten, so no one asks twice.</summary>
    private async Task<(CodeTranslation, bool)> AskAsync(Key key)
    {
        try
        {
            var result = await CallAsync(key).ConfigureAwait(false);
            if (result.Keep) _cache.Set(key, result.Answer);
            return result;
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    private async Task<(CodeTranslation Answer, bool Keep)> CallAsync(Key key)
    {
        // Firely's TranslateParameters spells the target system the R5 way (targetSystem); R4 servers expect targetsystem.
        var parameters = new TranslateParameters().WithCode(key.Code, key.System, key.Version);
        parameters.Add("targetsystem", new FhirUri(key.Target == TerminologyTarget.Atc ? FhirSystems.Atc : FhirSystems.Icd10));
        using var timeout = new CancellationTokenSource(_timeout, _time);
        Resource? answer;
        try
        {
            // A client per call: Firely's FhirClient is not safe for concurrent use; the HttpClient under it is.
            using var client = new FhirClient(_baseUri, _http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
            // What ExternalTerminologyService.Translate does, with a cancellation token so that the timeout cancels the request.
            // WaitAsync as well: the token alone was seen not to stop a call to a server that had not answered yet.
            answer = await client.TypeOperationAsync(RestOperation.TRANSLATE, "ConceptMap", parameters, useGet: false, ct: timeout.Token)
                .WaitAsync(_timeout, _time).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && timeout.IsCancellationRequested))
        {
            return Unavailable(Invariant($"{Name} did not answer within {_timeout.TotalSeconds:0.###} s"));
        }
        catch (TaskCanceledException)
        {
            return Unavailable($"{Name} did not answer in time (the host's HTTP client timed out)");
        }
        catch (FhirOperationException e)
        {
            var status = (int)e.Status;
            // Firely reports a 2xx body it cannot parse this way too.
            if (status is >= 200 and < 300) return (CodeTranslation.Failed($"{Name} sent an answer that cannot be read (not FHIR)"), false);
            var text = Invariant($"{Name} answered HTTP {status}") + (e.Outcome is { } outcome ? " with an OperationOutcome" + Issues(outcome) : "");
            return status >= 500 ? Unavailable(text) : (CodeTranslation.Failed(text), false);
        }
        catch (HttpRequestException e)
        {
            return Unavailable($"{Name} could not be reached ({e.HttpRequestError})");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A body that is not FHIR, or FHIR that Firely cannot read: the type only, the text could echo the request.
            return (CodeTranslation.Failed($"{Name} sent an answer that cannot be read ({e.GetType().Name})"), false);
        }
        return Read(answer, key.Target);
    }

    private (CodeTranslation, bool) Unavailable(string problem)
    {
        if (_backoff > TimeSpan.Zero) Interlocked.Exchange(ref _unavailableUntil, (_time.GetUtcNow() + _backoff).UtcTicks);
        return (CodeTranslation.Failed(problem), false);
    }

    /// <summary>The R4 <c>$translate</c> output: <c>result</c>, then each <c>match</c> with its <c>equivalence</c>, <c>concept</c> and <c>source</c>.</summary>
    private (CodeTranslation, bool) Read(Resource? answer, TerminologyTarget target)
    {
        if (answer is OperationOutcome outcome) return (CodeTranslation.Failed($"{Name} answered an OperationOutcome{Issues(outcome)}"), false);
        if (answer is not Parameters parameters)
            return (CodeTranslation.Failed($"{Name} answered {(answer is null ? "nothing" : "a " + answer.TypeName)}, not $translate Parameters"), false);
        if (parameters.Parameter.FirstOrDefault(p => p.Name == "result")?.Value is not FhirBoolean { Value: { } result })
            return (CodeTranslation.Failed($"{Name} answered Parameters without a boolean 'result'"), false);
        var codes = new List<TranslatedCode>();
        var problems = new List<string>();
        foreach (var match in parameters.Parameter.Where(p => p.Name == "match"))
        {
            var equivalence = Text(match, "equivalence");
            var concept = match.Part.FirstOrDefault(p => p.Name == "concept")?.Value as Coding;
            if (concept is null || string.IsNullOrWhiteSpace(concept.Code))
                return (CodeTranslation.Failed($"{Name} answered a match without a concept code"), false);
            var kind = equivalence is null ? EquivalenceKind.NotExact : Equivalence.Classify(equivalence);
            if (kind is null) return (CodeTranslation.Failed($"{Name} answered a match with an equivalence R4 does not have"), false);
            if (kind == EquivalenceKind.NoMatch || !InTarget(concept.System, target)) continue;
            var code = concept.Code.Trim();
            if (codes.Exists(c => c.Code == code)) continue;
            var source = Text(match, "source") is { } map ? $"{Name} $translate (ConceptMap {map})" : $"{Name} $translate";
            codes.Add(new TranslatedCode(code, CodeMapping.Server, source) { Name = string.IsNullOrWhiteSpace(concept.Display) ? null : concept.Display.Trim() });
            if (kind == EquivalenceKind.NotExact && !problems.Contains(Equivalence.NotExactProblem(equivalence))) problems.Add(Equivalence.NotExactProblem(equivalence));
        }
        // result false is the server's "no match": kept like a match, it is an answer.
        return (!result || codes.Count == 0 ? CodeTranslation.None : new CodeTranslation { Codes = codes, Problems = problems }, true);
    }

    private static string? Text(Parameters.ParameterComponent match, string name) =>
        match.Part.FirstOrDefault(p => p.Name == name)?.Value is PrimitiveType { JsonValue: string text } && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static bool InTarget(string? system, TerminologyTarget target) => system is null || (target == TerminologyTarget.Atc
        ? system is FhirSystems.Atc or FhirSystems.AtcOid
        : system is FhirSystems.Icd10 or FhirSystems.Icd10Oid);

    // Issue codes only: diagnostics are free text and may repeat the code that was sent.
    private static string Issues(OperationOutcome outcome)
    {
        var codes = outcome.Issue.Select(i => i.CodeElement?.JsonValue as string).OfType<string>().Distinct().ToList();
        return codes.Count == 0 ? "" : " (" + string.Join(", ", codes) + ")";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Key(string System, string? Version, string Code, TerminologyTarget Target);
}
