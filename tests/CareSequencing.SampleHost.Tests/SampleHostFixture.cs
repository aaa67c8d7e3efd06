using System.Collections.Concurrent;
using CareSequencing.Presentation;
using CareSequencing.SampleHost.Tests.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareSequencing.SampleHost.Tests;

/// <summary>
/// Starts the real sample host on Kestrel, on a port the OS picks on 127.0.0.1, with a fixed clock,
/// a log capture and two trusted CDS clients (one JWK Set inline, one in a file); one host per test class.
/// <see cref="Client"/> signs every request as <see cref="Ehr"/>; <see cref="Anonymous"/> sends no token.
/// </summary>
public sealed class SampleHostFixture : IAsyncLifetime
{
    /// <summary>The clock of the host and of the direct evaluations the tests compare with.</summary>
    public static readonly TimeProvider Clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public static string RulesPath { get; } = Path.Combine(AppContext.BaseDirectory, "rules");

    /// <summary>The host's default clock skew.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly string _otherJwksFile = Path.Combine(Path.GetTempPath(), $"caresequencing-jwks-{Guid.NewGuid():N}.json");
    private RunningHost? _host;

    public TestCdsClient Ehr { get; } = new("https://ehr.example/cds-client");

    /// <summary>A second trusted client, whose JWK Set is configured as a file path.</summary>
    public TestCdsClient OtherEhr { get; } = new("https://other-ehr.example");

    public HttpClient Client => _host!.Client;

    public HttpClient Anonymous { get; private set; } = null!;

    public Uri BaseAddress => Client.BaseAddress!;

    public InMemoryCardFeedbackSink Sink { get; } = new();

    public LogCapture Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_otherJwksFile, OtherEhr.JwksJson());
        _host = await StartAsync(
            [
                $"--CareSequencing:TrustedClients:0:Issuer={Ehr.Issuer}", $"--CareSequencing:TrustedClients:0:Jwks={Ehr.JwksJson()}",
                $"--CareSequencing:TrustedClients:1:Issuer={OtherEhr.Issuer}", $"--CareSequencing:TrustedClients:1:Jwks={_otherJwksFile}",
            ],
            Logs,
            builder => builder.Services.AddSingleton<ICardFeedbackSink>(Sink),
            new SigningHandler(Ehr));
        Anonymous = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Anonymous?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        File.Delete(_otherJwksFile);
    }

    /// <summary>Starts a host with these extra arguments (after the rules path and <c>--urls=http://127.0.0.1:0</c>, which they may override).</summary>
    public static async Task<RunningHost> StartAsync(string[] args, LogCapture logs, Action<WebApplicationBuilder>? configure = null, HttpMessageHandler? handler = null)
    {
        var app = Build(args, logs, configure);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient(handler ?? new HttpClientHandler()) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new RunningHost(app, client);
    }

    public static WebApplication Build(string[] args, LogCapture logs, Action<WebApplicationBuilder>? configure = null) =>
        SampleHost.Build(
            ["--urls=http://127.0.0.1:0", $"--CareSequencing:PackPaths:0={RulesPath}", .. args],
            builder =>
            {
                builder.Services.AddSingleton(Clock);
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Logging.AddProvider(logs);
                configure?.Invoke(builder);
            });

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>A started host and an HTTP client for it; disposing stops both.</summary>
public sealed class RunningHost(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public HttpClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log message, to check that none carries patient data.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}
