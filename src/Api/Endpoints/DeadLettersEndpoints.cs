using System.Text;
using CityBrain.Ingest.DeadLetters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Api.Endpoints;

public static class DeadLettersEndpoints
{
    public const int MaxPageSize = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder api)
    {
        api.MapGroup("/dead-letters").WithTags("Dead letters")
            .MapGet("/", List).WithSummary("Refused messages with their reason, origin and raw payload, newest first");
        return api;
    }

    private static async Task<Results<Ok<PageDto<DeadLetterDto>>, ProblemHttpResult>> List(IDeadLetterStore store, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Problems.CheckPage(page, pageSize, MaxPageSize, out var p, out var size) is { } problem) return problem;
        var letters = await store.ListAsync(p, size, cancellationToken);
        return TypedResults.Ok(new PageDto<DeadLetterDto>(letters.Items.Select(ToDto).ToArray(), letters.Page, letters.PageSize, letters.TotalItems));
    }

    private static DeadLetterDto ToDto(DeadLetter d)
    {
        string? text = null;
        try
        {
            text = StrictUtf8.GetString(d.Payload);
        }
        catch (DecoderFallbackException)
        {
        }

        return new DeadLetterDto(d.Id, d.ReceivedAt, d.Transport, d.Origin, d.Field, d.Reason, d.EventId, d.Source, text, text is null ? Convert.ToBase64String(d.Payload) : null);
    }
}
