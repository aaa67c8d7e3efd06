using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CareSequencing.SampleHost.Security;

/// <summary>
/// Anonymous mode is safe only where no other machine can connect. Once the server has bound its
/// addresses (they may come from <c>--urls</c>, environment, Kestrel configuration or code), this
/// check stops the start-up when one is not loopback and no trusted client is configured, and says
/// loudly in the log that calls are not authenticated. <c>CareSequencing:AllowAnonymous=true</c>
/// (development only) skips the refusal, not the warning.
/// </summary>
internal sealed partial class AnonymousModeCheck(IServer server, ILogger<AnonymousModeCheck> logger, bool forced) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (forced)
        {
            LogForced(logger, string.Join(", ", addresses));
            return Task.CompletedTask;
        }
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (addresses.Count == 0 || exposed.Count > 0)
        {
            var message = $"Refusing to start: no CareSequencing:TrustedClients is configured and the service listens on {(exposed.Count > 0 ? string.Join(", ", exposed) : "unknown addresses")}, " +
                "so anyone who can reach it could call it unauthenticated. Configure a trusted CDS client, or listen on loopback only (e.g. --urls http://127.0.0.1:5187).";
            LogRefused(logger, message);
            throw new StartupRefusedException(message);
        }
        LogLoopback(logger, string.Join(", ", addresses));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Middleware for anonymous mode by default: the start-up check runs only once the server listens, so
    /// a call that arrives meanwhile on a non-loopback address is refused here.
    /// </summary>
    public static Task LoopbackOnly(HttpContext context, RequestDelegate next)
    {
        var local = context.Connection.LocalIpAddress;
        if (local is null || IsLoopback(local)) return next(context);
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Unauthenticated calls are accepted on loopback only.").ExecuteAsync(context);
    }

    /// <summary>True for <c>localhost</c> and loopback IP addresses; false for host names, <c>*</c>, <c>+</c>, <c>0.0.0.0</c> and <c>[::]</c>.</summary>
    public static bool IsLoopback(string address)
    {
        var host = BindingAddress.Parse(address).Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IsLoopback(ip);
    }

    /// <summary>Also for IPv4 addresses mapped to IPv6 (<c>::ffff:127.0.0.1</c>), as a dual-stack socket reports them.</summary>
    public static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requests are not authenticated: no CareSequencing:TrustedClients is configured. Allowed because the service listens on loopback only ({Addresses}).")]
    private static partial void LogLoopback(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requests are not authenticated: CareSequencing:AllowAnonymous=true (development only). Listening on {Addresses}.")]
    private static partial void LogForced(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogRefused(ILogger logger, string message);
}

/// <summary>The host refuses to start because it would serve unauthenticated calls beyond loopback.</summary>
internal sealed class StartupRefusedException : InvalidOperationException
{
    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
