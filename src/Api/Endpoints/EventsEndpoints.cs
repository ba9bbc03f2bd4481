using System.Text.Json;
using CityBrain.Events;
using CityBrain.Ingest.Events;
using CityBrain.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

/// <summary>
/// <c>POST /api/events</c>: one CloudEvent, a JSON array of them, or NDJSON (one per line). A batch is taken
/// whole or refused whole: if any event is invalid, nothing is taken and the answer lists every invalid event
/// by index and field, so a client can fix and resend without working out what went through.
/// </summary>
public static class EventsEndpoints
{
    public const int MaxBodyBytes = 16 * 1024 * 1024;
    private const int GrainBatchSize = 1000;

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        api.MapPost("/events", PostEvents)
            .WithTags("Events")
            .WithSummary("Submit CloudEvents (JSON object, JSON array or NDJSON)")
            .Accepts<JsonElement>("application/json", "application/cloudevents+json", "application/cloudevents-batch+json", "application/x-ndjson")
            .DisableAntiforgery();
        return api;
    }

    private static async Task<Results<Accepted<EventsAccepted>, ProblemHttpResult>> PostEvents(HttpRequest request, EventNormalizer normalizer, ObservationPipeline pipeline, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return Problems.BadRequest("$", $"body larger than {MaxBodyBytes} bytes; send smaller batches");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes) return Problems.BadRequest("$", $"body larger than {MaxBodyBytes} bytes; send smaller batches");
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var isNdjson = request.ContentType?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) == true;
        var elements = isNdjson ? SplitLines(body) : SplitJson(body);
        if (elements.Error is { } parseError) return Problems.BadRequest(parseError.Field, parseError.Reason);
        if (elements.Items.Count == 0) return Problems.BadRequest("$", "no events in the body");

        var observations = new Observation[elements.Items.Count];
        var problems = new List<EventProblem>();
        for (var i = 0; i < elements.Items.Count; i++)
        {
            var result = normalizer.Normalize(elements.Items[i]);
            if (result.Observation is { } observation) observations[i] = observation;
            else problems.Add(new EventProblem(i, result.Error!.Field, result.Error.Reason, result.EventId));
        }

        if (problems.Count > 0)
        {
            var first = problems[0];
            var title = elements.Items.Count == 1
                ? $"{first.Field}: {first.Reason}"
                : $"{problems.Count} of {elements.Items.Count} events are invalid; none was taken. First: [{first.Index}] {first.Field}: {first.Reason}";
            return TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = problems.GroupBy(p => elements.Items.Count == 1 ? p.Field : $"[{p.Index}].{p.Field}").ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()),
                    ["events"] = problems,
                });
        }

        var receipt = IngestReceipt.None;
        for (var start = 0; start < observations.Length; start += GrainBatchSize)
        {
            var chunk = observations.AsSpan(start, Math.Min(GrainBatchSize, observations.Length - start)).ToArray();
            receipt = receipt.Add(await pipeline.SubmitBatchAsync(chunk));
        }

        return TypedResults.Accepted((string?)null, new EventsAccepted(observations.Length, receipt.Opened, receipt.Attached, receipt.Duplicates, receipt.Recorded, receipt.Rechecked));
    }

    private sealed record Split(List<ReadOnlyMemory<byte>> Items, EventError? Error);

    private static Split SplitLines(ReadOnlyMemory<byte> body)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var rest = body;
        while (!rest.IsEmpty)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
            if (!line.Span.Trim((byte)'\r').Trim((byte)' ').IsEmpty) items.Add(line);
        }

        return new Split(items, null);
    }

    private static Split SplitJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var items = new List<ReadOnlyMemory<byte>>();
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in root.EnumerateArray()) items.Add(JsonSerializer.SerializeToUtf8Bytes(element));
            }
            else
            {
                items.Add(body);
            }

            return new Split(items, null);
        }
        catch (JsonException e)
        {
            return new Split([], new EventError("$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}; for one event per line use Content-Type application/x-ndjson"));
        }
    }
}
