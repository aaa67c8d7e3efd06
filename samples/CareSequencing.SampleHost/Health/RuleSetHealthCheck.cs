using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CareSequencing.SampleHost.Health;

/// <summary>
/// What operations need to know about the rules this service runs: the pack versions it serves, and
/// whether the last hot reload was refused. A refused reload leaves the previous version serving
/// (the service still answers correctly), so the status is <c>Degraded</c>, not <c>Unhealthy</c>: the
/// deployment someone made is not live, and the diagnostics say why. Carries pack ids, versions and
/// diagnostic codes with their files, never patient data.
/// </summary>
internal sealed class RuleSetHealthCheck(IRuleSetSource source, IOptions<CareSequencingOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = source.Current;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["packs"] = current.Packs.Select(p => p.ToString()).ToArray(),
            ["rules"] = current.RuleCount,
        };
        if (current.Packs.Count == 0)
            return Task.FromResult(HealthCheckResult.Unhealthy("No rule pack is loaded.", data: data));

        var last = source.LastReload;
        if (last is null) return Task.FromResult(HealthCheckResult.Healthy("Rule packs loaded.", data));
        data["lastReload"] = last.AttemptedAt.ToString("O", CultureInfo.InvariantCulture);
        data["lastReloadOutcome"] = last.Outcome.ToString();
        if (last.Outcome == ReloadOutcome.Succeeded) return Task.FromResult(HealthCheckResult.Healthy("Rule packs loaded; last reload accepted.", data));

        data["refusedBecause"] = last.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Code} {PackRelative(d.Location.File)}:{d.Location.Line}:{d.Location.Column}"))
            .ToArray();
        return Task.FromResult(HealthCheckResult.Degraded("The last change to the rule packs was refused; the previous versions keep serving.", data: data));
    }

    /// <summary>The file relative to the pack folder it is in (<c>pack/rules/file.yaml</c>): enough to find it, without the server's folders.</summary>
    private string PackRelative(string file)
    {
        foreach (var root in options.Value.PackPaths)
        {
            var relative = Path.GetRelativePath(root, file);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) return relative.Replace('\\', '/');
        }
        return Path.GetFileName(file);
    }

    /// <summary>Writes the report as JSON: status, description and data of each check.</summary>
    public static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }
}
