using System.Collections.Concurrent;
using CareSequencing.Presentation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareSequencing.SampleHost.Tests;

/// <summary>
/// Starts the real sample host on Kestrel, on a port the OS picks on 127.0.0.1, with a fixed clock and
/// a log capture; one host per test class.
/// </summary>
public sealed class SampleHostFixture : IAsyncLifetime
{
    /// <summary>The clock of the host and of the direct evaluations the tests compare with.</summary>
    public static readonly TimeProvider Clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public static string RulesPath { get; } = Path.Combine(AppContext.BaseDirectory, "rules");

    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public InMemoryCardFeedbackSink Sink { get; } = new();

    public LogCapture Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _app = SampleHost.Build(
            ["--urls=http://127.0.0.1:0", $"--CareSequencing:PackPaths:0={RulesPath}"],
            builder =>
            {
                builder.Services.AddSingleton(Clock);
                builder.Services.AddSingleton<ICardFeedbackSink>(Sink);
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Logging.AddProvider(Logs);
            });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
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
