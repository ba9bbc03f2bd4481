using System.Text;
using CityBrain.Ingest.DeadLetters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class DeadLettersEndpoints
{
    /// <summary>Largest page, in letters (a page with payloads is at most this many kept prefixes).</summary>
    public const int MaxPageSize = 200;

    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultPageSize = 20;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder api)
    {
        var letters = api.MapGroup("/dead-letters").WithTags("Dead letters");
        letters.MapGet("/", List)
            .WithSummary("Refused messages with their reason, origin, size and SHA-256, newest first; payloads only with includePayload=true");
        letters.MapGet("/{id}", Get).WithSummary("One refused message with its kept payload (text if valid UTF-8, else base64)");
        return api;
    }

    private static async Task<Results<Ok<PageDto<DeadLetterDto>>, ProblemHttpResult>> List(
        IDeadLetterStore store, int? page, int? pageSize, bool? includePayload, CancellationToken cancellationToken)
    {
        if (Problems.CheckPage(page, pageSize ?? DefaultPageSize, MaxPageSize, out var p, out var size) is { } problem) return problem;
        var withPayloads = includePayload ?? false;
        var letters = await store.ListAsync(p, size, withPayloads, cancellationToken);
        return TypedResults.Ok(new PageDto<DeadLetterDto>(letters.Items.Select(d => ToDto(d, withPayloads)).ToArray(), letters.Page, letters.PageSize, letters.TotalItems));
    }

    private static async Task<Results<Ok<DeadLetterDto>, ProblemHttpResult>> Get(IDeadLetterStore store, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid)) return Problems.BadRequest("id", "must be a dead letter id (a UUID)");
        return await store.GetAsync(guid, cancellationToken) is { } letter
            ? TypedResults.Ok(ToDto(letter, withPayload: true))
            : Problems.NotFound($"dead letter '{guid}'");
    }

    /// <summary>
    /// The payload as text if it is valid UTF-8. A prefix cut inside a character (at most 3 bytes of it) still
    /// counts: the partial character is left out, as the rest of the message is.
    /// </summary>
    private static string? Utf8Text(byte[] payload, bool truncated)
    {
        for (var cut = 0; cut <= (truncated ? Math.Min(3, payload.Length) : 0); cut++)
        {
            try
            {
                return StrictUtf8.GetString(payload, 0, payload.Length - cut);
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return null;
    }

    private static DeadLetterDto ToDto(DeadLetter d, bool withPayload)
    {
        string? text = null, base64 = null;
        if (withPayload)
        {
            text = Utf8Text(d.Payload, d.PayloadTruncated);
            if (text is null) base64 = Convert.ToBase64String(d.Payload);
        }

        return new DeadLetterDto(d.Id, d.ReceivedAt, d.Transport, d.Origin, d.Field, d.Reason, d.EventId, d.Source, text, base64, d.PayloadSize, d.PayloadSha256, d.PayloadTruncated);
    }
}
