namespace CareSequencing.Fhir.Terminology;

/// <summary>Options for <see cref="FhirTerminologyServerTranslator"/>. Like every options type of CareSequencing, mutable until used.</summary>
public sealed class FhirTerminologyServerOptions
{
    /// <summary>The server's FHIR base, e.g. <c>https://tx.example.org/fhir</c>; <c>ConceptMap/$translate</c> is called under it. Required.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>How long one <c>$translate</c> may take before it is a failure. Default 5 seconds. CLI: <c>--terminology-timeout</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The HTTP client to send requests with (the host's authentication, proxy, resilience); the translator does not dispose it. Wins over <see cref="HttpMessageHandler"/>.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>A handler for the translator's own HTTP client (e.g. one that adds a bearer token); the translator does not dispose it.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Answers kept in memory, per system, version, code and target; the least recently used go first. Default 10,000; 0 keeps none.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>How long an answer (including "no match") is kept. Default 1 hour. Failures are never kept.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// After the server timed out, could not be reached or answered 5xx, how long it is not asked again (each coding then
    /// fails at once with a problem): a bundle of 300 codes must not wait 300 timeouts. Default 30 seconds; zero asks every time.
    /// </summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of the cache, the backoff and the timeout. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when an option cannot work: options are the host's configuration, so a bad one is misuse.</summary>
    internal void Validate()
    {
        if (BaseUri is null || !BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttp && BaseUri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("FhirTerminologyServerOptions.BaseUri must be an absolute http or https URI.", "options");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException("options", Timeout, "FhirTerminologyServerOptions.Timeout must be greater than 0.");
        if (CacheSize < 0) throw new ArgumentOutOfRangeException("options", CacheSize, "FhirTerminologyServerOptions.CacheSize must not be negative.");
        if (CacheDuration < TimeSpan.Zero) throw new ArgumentOutOfRangeException("options", CacheDuration, "FhirTerminologyServerOptions.CacheDuration must not be negative.");
        if (FailureBackoff < TimeSpan.Zero) throw new ArgumentOutOfRangeException("options", FailureBackoff, "FhirTerminologyServerOptions.FailureBackoff must not be negative.");
        ArgumentNullException.ThrowIfNull(TimeProvider, "options");
    }
}
