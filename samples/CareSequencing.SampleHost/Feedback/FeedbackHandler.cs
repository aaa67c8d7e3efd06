using System.Text;
using CareSequencing.Presentation;
using CareSequencing.SampleHost.CdsServices;

namespace CareSequencing.SampleHost.Feedback;

/// <summary>
/// <c>POST /cds-services/{id}/feedback</c>: ties each entry to rule id and pack version through the
/// recent responses and records it in the <see cref="ICardFeedbackSink"/>. Unknown cards are reported
/// in the response, not treated as errors: the response may be older than the cache.
/// </summary>
internal sealed partial class FeedbackHandler(RecentCardIndex recent, ICardFeedbackSink sink, ILogger<FeedbackHandler> logger)
{
    public async Task<IResult> HandleAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var service = CdsServiceCatalog.Find(id);
        if (service is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No CDS service has this id.");

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<CardFeedback> feedback;
        try
        {
            feedback = CardFeedbackReader.Parse(body);
        }
        catch (FormatException e)
        {
            // The reader's messages name the entry and the field, never a value.
            LogBadRequest(logger, service.Id, e.Message);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not CDS Hooks feedback.", detail: e.Message);
        }

        var result = recent.Record(feedback, sink);
        LogRecorded(logger, service.Id, result.Recorded.Count, result.UnknownCards.Count);
        return Results.Json(new FeedbackResponse(result.Recorded.Count, result.UnknownCards));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{ServiceId}: feedback recorded for {Recorded} card(s), {Unknown} unknown")]
    private static partial void LogRecorded(ILogger logger, string serviceId, int recorded, int unknown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ServiceId}: bad feedback: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string serviceId, string reason);
}

/// <summary>What the feedback endpoint answers: how many entries were recorded, and the unknown card uuids.</summary>
/// <param name="Recorded">Entries recorded.</param>
/// <param name="UnknownCards">Card uuids of no recent response; nothing was recorded for them.</param>
internal sealed record FeedbackResponse(int Recorded, IReadOnlyList<string> UnknownCards);
