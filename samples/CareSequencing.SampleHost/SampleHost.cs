using CareSequencing.Presentation;
using CareSequencing.SampleHost.CdsServices;
using CareSequencing.SampleHost.Feedback;
using CareSequencing.SampleHost.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using CareSequencing.SampleHost.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareSequencing.SampleHost;

/// <summary>Builds the sample CDS Hooks service: configuration, services and the three endpoints.</summary>
internal static class SampleHost
{
    /// <summary>Builds the web application, ready to run.</summary>
    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>, <c>--CareSequencing:PackPaths:0=rules</c>).</param>
    /// <param name="configure">Called before the services are frozen; tests use it to replace the clock or the sink.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var section = builder.Configuration.GetSection("CareSequencing");
        var packPaths = section.GetSection("PackPaths").Get<string[]>() ?? [];
        var atcIndex = section["AtcIndexPath"];
        builder.Services.AddCareSequencing(o =>
        {
            // Relative paths are read from the working directory; with none configured, the packs copied beside the binary.
            foreach (var path in packPaths.Length == 0 ? [Path.Combine(AppContext.BaseDirectory, "rules")] : packPaths)
                o.PackPaths.Add(Path.GetFullPath(path));
            o.Language = section["Language"] ?? "en";
            o.WatchForChanges = section.GetValue("WatchForChanges", false);
            // Read when the options are first resolved, at start-up: a missing or malformed index stops the host.
            if (!string.IsNullOrWhiteSpace(atcIndex)) o.AtcVocabulary = AtcVocabulary.Load(Path.GetFullPath(atcIndex));
        });
        // Bounded: the last FeedbackCapacity entries are kept, the oldest dropped, so feedback POSTs cannot grow
        // memory for good. Made now, not on first use, so a bad capacity stops the start-up.
        if (!builder.Services.Any(d => d.ServiceType == typeof(ICardFeedbackSink)))
            builder.Services.AddSingleton<ICardFeedbackSink>(FeedbackSink(section));
        builder.Services.TryAddSingleton(_ => new RecentCardIndex(section.GetValue("RecentResponses", 1000)));
        builder.Services.AddSingleton<CdsServiceHandler>();
        builder.Services.AddSingleton<FeedbackHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<RuleSetHealthCheck>("rule-packs");
        // CDS clients (EHRs, the CDS Hooks sandbox) call from the browser; the spec expects CORS to be open.
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
        var authentication = CdsClientAuthentication.Add(builder, section);

        var app = builder.Build();
        // CORS first: a browser's preflight carries no token and must not be challenged.
        app.UseCors();
        if (authentication == AuthenticationMode.AnonymousLoopback) app.Use(AnonymousModeCheck.LoopbackOnly);
        if (authentication == AuthenticationMode.Required)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
        // Discovery stays open even with authentication on (the spec has clients sign every call, discovery
        // included): it lists the services and their prefetch templates, no patient data, and EHR set-up
        // tools often read it before any key is exchanged.
        app.MapGet("/cds-services", () => Results.Json(CdsServiceCatalog.Discovery()));
        // Open like discovery: pack versions and refused-reload diagnostics, for operations; no patient data.
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = RuleSetHealthCheck.WriteJson,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        var service = app.MapPost("/cds-services/{id}", (string id, HttpRequest request, CdsServiceHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(id, request, cancellationToken));
        var feedback = app.MapPost("/cds-services/{id}/feedback", (string id, HttpRequest request, FeedbackHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(id, request, cancellationToken));
        if (authentication == AuthenticationMode.Required)
        {
            service.RequireAuthorization(CdsClientAuthentication.Policy);
            feedback.RequireAuthorization(CdsClientAuthentication.Policy);
        }
        return app;
    }

    private static InMemoryCardFeedbackSink FeedbackSink(IConfigurationSection section)
    {
        var capacity = section.GetValue("FeedbackCapacity", InMemoryCardFeedbackSink.DefaultCapacity);
        if (capacity < 1)
            throw new InvalidOperationException("CareSequencing:FeedbackCapacity must be at least 1 (the number of feedback entries kept in memory).");
        return new InMemoryCardFeedbackSink(capacity);
    }
}
