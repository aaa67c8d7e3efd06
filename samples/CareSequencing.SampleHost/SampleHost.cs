using CareSequencing.Presentation;
using CareSequencing.SampleHost.CdsServices;
using CareSequencing.SampleHost.Feedback;
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
        builder.Services.AddCareSequencing(o =>
        {
            // Relative paths are read from the working directory; with none configured, the packs copied beside the binary.
            foreach (var path in packPaths.Length == 0 ? [Path.Combine(AppContext.BaseDirectory, "rules")] : packPaths)
                o.PackPaths.Add(Path.GetFullPath(path));
            o.Language = section["Language"] ?? "en";
        });
        builder.Services.TryAddSingleton<ICardFeedbackSink, InMemoryCardFeedbackSink>();
        builder.Services.TryAddSingleton(_ => new RecentCardIndex(section.GetValue("RecentResponses", 1000)));
        builder.Services.AddSingleton<CdsServiceHandler>();
        builder.Services.AddSingleton<FeedbackHandler>();
        builder.Services.AddProblemDetails();
        // CDS clients (EHRs, the CDS Hooks sandbox) call from the browser; the spec expects CORS to be open.
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));

        var app = builder.Build();
        app.UseCors();
        app.MapGet("/cds-services", () => Results.Json(CdsServiceCatalog.Discovery()));
        app.MapPost("/cds-services/{id}", (string id, HttpRequest request, CdsServiceHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(id, request, cancellationToken));
        app.MapPost("/cds-services/{id}/feedback", (string id, HttpRequest request, FeedbackHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(id, request, cancellationToken));
        return app;
    }
}
