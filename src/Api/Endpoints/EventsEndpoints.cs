using System.Text.Json;
using CityBrain.Events;
using CityBrain.Ingest.Batches;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Events;
using CityBrain.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Api.Endpoints;

/// <summary>
/// <c>POST /api/events</c>: one CloudEvent, a JSON array of them, or NDJSON (one per line).
/// One object is taken (202) or refused (400 naming the field). A batch is answered per event, as bulk APIs do:
/// valid events are taken, invalid ones are refused and kept as dead letters, and the answer (200 when all were
/// taken, else 207) lists every event's outcome in order, so a client resends exactly what was not taken.
/// With <c>?atomic=true</c> one invalid event refuses the whole batch (400 listing each by index and field).
/// </summary>
public static class EventsEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        api.MapPost("/events", PostEvents)
            .WithTags("Events")
            .WithSummary("Submit CloudEvents (JSON object, JSON array or NDJSON)")
            .WithDescription("One object: 202 when taken, 400 naming the field when refused. A JSON array or NDJSON: 200 when every event was taken, "
                + "else 207 with each event's outcome (taken, duplicate, refused with field and reason and kept as a dead letter, not_taken with a reason: resend). "
                + "atomic=true: any invalid event refuses the whole batch (400). 413 when the body or the event count is over the limit; "
                + "503 when the grains took none of the events.")
            .Accepts<JsonElement>("application/json", "application/cloudevents+json", "application/cloudevents-batch+json", "application/x-ndjson")
            .Produces<EventsBatchAnswer>(StatusCodes.Status207MultiStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        return api;
    }

    private static async Task<Results<Accepted<EventsAccepted>, Ok<EventsBatchAnswer>, JsonHttpResult<EventsBatchAnswer>, ProblemHttpResult>> PostEvents(
        HttpContext context, EventNormalizer normalizer, IEventIntake intake, IOptions<ApiOptions> options,
        TimeProvider clock, ILoggerFactory loggers, bool? atomic, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var (body, length, tooLarge) = await ReadBodyAsync(context, limits.MaxEventsBodyBytes, cancellationToken);
        if (tooLarge is not null) return tooLarge;
        var isNdjson = context.Request.ContentType?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) == true;
        var split = EventBatchSplitter.Split(body.AsMemory(0, length), isNdjson, limits.MaxEventsPerBatch);
        if (split.Error is { } bodyError) return Problems.BadRequest(bodyError.Field, bodyError.Reason);
        if (split.Count > limits.MaxEventsPerBatch)
        {
            return Problems.TooLarge("$", $"{split.Count} events in one request; at most {limits.MaxEventsPerBatch} (Api:MaxEventsPerBatch): send smaller batches", limits.MaxEventsPerBatch);
        }

        var results = new NormalizeResult[split.Items.Count];
        var problems = new List<EventProblem>();
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = normalizer.Normalize(split.Items[i]);
            if (results[i].Error is { } error) problems.Add(new EventProblem(i, error.Field, error.Reason, results[i].EventId));
        }

        if (problems.Count > 0 && (split.Single || atomic == true)) return Invalid(problems, results);

        var valid = new List<int>(results.Length - problems.Count);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Observation is not null) valid.Add(i);
        }

        var submitted = await ChunkedSubmission.SubmitAsync(
            valid.Select(i => results[i].Observation!).ToArray(), intake.SubmitBatchAsync, TimeSpan.FromSeconds(limits.EventsTimeBudgetSeconds), clock, cancellationToken);
        var logger = loggers.CreateLogger(typeof(EventsEndpoints).FullName!);
        if (split.Single)
        {
            if (submitted.Outcomes[0] is not { } outcome)
            {
                logger.LogWarning("A posted event was not taken: {Reason}", submitted.Faults[0]);
                return TypedResults.Problem(title: $"not taken: {submitted.Faults[0]}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var receipt = IngestReceipt.Of(outcome);
            return TypedResults.Accepted((string?)null, new EventsAccepted(1, receipt.Opened, receipt.Attached, receipt.Duplicates, receipt.Recorded, receipt.Rechecked));
        }

        foreach (var problem in problems)
        {
            await KeepAsDeadLetter(intake, problem.Index, split.Items[problem.Index], results[problem.Index], logger, cancellationToken);
        }

        var answer = Answer(results, valid, submitted);
        if (answer.NotTaken > 0) logger.LogWarning("{NotTaken} of {Received} posted events were not taken: {Reason}", answer.NotTaken, answer.Received, submitted.Faults.First(f => f is not null));
        if (answer.Taken == answer.Received) return TypedResults.Ok(answer);
        if (answer.Taken == 0 && answer.Refused == 0)
        {
            return TypedResults.Problem(title: $"none of the {answer.Received} events was taken: {submitted.Faults[0]}", statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["notTaken"] = answer.NotTaken });
        }

        return TypedResults.Json(answer, statusCode: StatusCodes.Status207MultiStatus);
    }

    /// <summary>
    /// The body, read up to <paramref name="limit"/> bytes and no further: the server's own limit is set to it for
    /// this request, so a chunked body is cut off as it arrives rather than buffered to the server's default.
    /// </summary>
    private static async Task<(byte[] Body, int Length, ProblemHttpResult? TooLarge)> ReadBodyAsync(HttpContext context, int limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        // Set first: a body declared over the limit is then not drained after the 413 either, the connection closes.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit) sizeLimit.MaxRequestBodySize = limit;
        if (request.ContentLength > limit) return ([], 0, BodyTooLarge(limit));
        var known = request.ContentLength is { } contentLength ? (int)contentLength : (int?)null;
        var buffer = new byte[known ?? Math.Min(limit + 1, 64 * 1024)];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (known is not null) break;
                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit + 1L));
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) break;
                length += read;
                // Only reached where the server could not take the limit (its feature read-only): stop reading anyway.
                if (length > limit) return ([], 0, BodyTooLarge(limit));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], 0, BodyTooLarge(limit));
        }

        return (buffer, length, null);
    }

    private static ProblemHttpResult BodyTooLarge(int limit) =>
        Problems.TooLarge("$", $"body larger than {limit} bytes (Api:MaxEventsBodyBytes): send smaller batches", limit);

    private static ProblemHttpResult Invalid(List<EventProblem> problems, NormalizeResult[] results)
    {
        var count = results.Length;
        var first = problems[0];
        var title = count == 1
            ? results[first.Index].Error!.ToString()
            : $"{problems.Count} of {count} events are invalid; none was taken. First: [{first.Index}] {results[first.Index].Error}";
        // Every field at fault of every event, so an event without both coordinates names both.
        var errors = problems
            .SelectMany(p => results[p.Index].Error!.Fields.Select(f => (Key: count == 1 ? f.Field : $"[{p.Index}].{f.Field}", f.Reason)))
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());
        return TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors, ["events"] = problems });
    }

    private static EventsBatchAnswer Answer(NormalizeResult[] results, List<int> valid, IngestResults submitted)
    {
        var items = new EventItemResult[results.Length];
        var receipt = IngestReceipt.None;
        int taken = 0, refused = 0, notTaken = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Error is { } error)
            {
                refused++;
                items[i] = new EventItemResult(i, results[i].EventId, EventItemStatus.Refused, error.Field, error.Reason, FieldErrors(error));
            }
        }

        for (var v = 0; v < valid.Count; v++)
        {
            var i = valid[v];
            if (submitted.Outcomes[v] is { } outcome)
            {
                taken++;
                receipt = receipt.Add(IngestReceipt.Of(outcome));
                items[i] = new EventItemResult(i, results[i].EventId, outcome == ObservationOutcome.Duplicate ? EventItemStatus.Duplicate : EventItemStatus.Taken, null, null, null);
            }
            else
            {
                notTaken++;
                items[i] = new EventItemResult(i, results[i].EventId, EventItemStatus.NotTaken, null, submitted.Faults[v], null);
            }
        }

        return new EventsBatchAnswer(results.Length, taken, refused, notTaken, receipt.Opened, receipt.Attached, receipt.Duplicates, receipt.Recorded, receipt.Rechecked, items);
    }

    /// <summary>Every field a refusal names; the normaliser names one today.</summary>
    private static IReadOnlyList<EventFieldError> FieldErrors(EventError error) => error.Fields;

    /// <summary>
    /// A refused event of a batch is kept as the other transports keep theirs, so it can be found and replayed; its
    /// origin names the batch position. A store that fails is logged: the client has the refusal in the answer.
    /// </summary>
    private static async Task KeepAsDeadLetter(IEventIntake intake, int index, ReadOnlyMemory<byte> payload, NormalizeResult result, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await intake.DeadLetterAsync("http", $"POST /api/events [{index}]", result, payload, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "A refused posted event ([{Index}], {Error}) could not be kept as a dead letter", index, result.Error);
        }
    }
}
