using System.Text;
using CareSequencing.Fhir;
using CareSequencing.Presentation;
using CareSequencing.SampleHost.Feedback;
using CareSequencing.SampleHost.Prefetch;

namespace CareSequencing.SampleHost.CdsServices;

/// <summary>
/// <c>POST /cds-services/{id}</c>: prefetch → FHIR Bundle → <see cref="PatientContext"/> → advice →
/// CDS Hooks cards. Errors are problem details that name fields, never values; logs carry counts only.
/// </summary>
internal sealed partial class CdsServiceHandler(ICareEvaluator evaluator, RecentCardIndex recent, TimeProvider time, ILogger<CdsServiceHandler> logger)
{
    public async Task<IResult> HandleAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var service = CdsServiceCatalog.Find(id);
        if (service is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No CDS service has this id.");
        var started = time.GetTimestamp();

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        PatientContext patient;
        try
        {
            var hookRequest = CdsHooksRequest.Parse(body);
            if (!string.Equals(hookRequest.Hook, service.Hook, StringComparison.Ordinal))
                throw new CdsRequestException($"This service answers the '{service.Hook}' hook.");
            var prefetch = PrefetchBundle.Build(hookRequest.Prefetch, service.Prefetch);
            if (prefetch.Missing.Count > 0)
            {
                // CDS Hooks 2.0: 412 when the service cannot obtain the data it needs. This sample does not
                // query the client's fhirServer itself; a production service could, with fhirAuthorization.
                LogPrefetchMissing(logger, service.Id, prefetch.Missing);
                return Results.Problem(
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "Required prefetch data is missing.",
                    detail: "Send every required prefetch key (null or an OperationOutcome counts as missing); this service does not query the FHIR server.",
                    extensions: new Dictionary<string, object?> { ["missingPrefetch"] = prefetch.Missing });
            }
            if (prefetch.Skipped.Count > 0) LogPrefetchSkipped(logger, service.Id, prefetch.Skipped);
            patient = FhirPatientContextMapper.FromJson(prefetch.Bundle.ToJsonString());
            if (service.Id == CdsServiceCatalog.OrderSelectId) patient = DraftOrders.Apply(patient, hookRequest.Context);
        }
        catch (CdsRequestException e)
        {
            LogBadRequest(logger, service.Id, e.Message);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not a usable CDS Hooks request.", detail: e.Message,
                extensions: e.PrefetchKey is null ? null : new Dictionary<string, object?> { ["invalidPrefetch"] = new[] { e.PrefetchKey } });
        }
        catch (FhirInputException)
        {
            LogBadRequest(logger, service.Id, "FHIR input is not R4 JSON");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The prefetch or draft orders are not FHIR R4 JSON.");
        }

        var advice = evaluator.Evaluate(patient);
        recent.Add(advice);
        var cards = CdsHooksWriter.Write(advice);
        var elapsedMs = time.GetElapsedTime(started).TotalMilliseconds;
        LogAnswered(logger, service.Id, advice.Alerts.Count + advice.Proposals.Count, advice.Warnings.Count, elapsedMs);
        return Results.Text(cards, "application/json", Encoding.UTF8);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{ServiceId}: {Cards} card(s), {Warnings} input warning(s), {ElapsedMs:F1} ms")]
    private static partial void LogAnswered(ILogger logger, string serviceId, int cards, int warnings, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ServiceId}: required prefetch missing: {Keys}")]
    private static partial void LogPrefetchMissing(ILogger logger, string serviceId, IReadOnlyList<string> keys);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{ServiceId}: optional prefetch not sent: {Keys}")]
    private static partial void LogPrefetchSkipped(ILogger logger, string serviceId, IReadOnlyList<string> keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ServiceId}: bad request: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string serviceId, string reason);
}
