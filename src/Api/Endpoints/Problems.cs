using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Api.Endpoints;

/// <summary>Problem-details answers with the field at fault named in the title and in <c>errors</c>.</summary>
internal static class Problems
{
    /// <summary>Highest page number any list accepts: with page sizes up to 1,000 the offset stays below 1e9, in any store.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Longest text a query-string parameter may carry (after trimming), in characters.</summary>
    public const int MaxQueryTextLength = 128;

    public static ProblemHttpResult BadRequest(string field, string reason) =>
        TypedResults.Problem(title: $"{field}: {reason}", statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } });

    /// <summary>413: the request is larger than <paramref name="limit"/> (bytes or events, as the reason says).</summary>
    public static ProblemHttpResult TooLarge(string field, string reason, long limit) =>
        TypedResults.Problem(title: $"{field}: {reason}", statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] }, ["limit"] = limit });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} was not found", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, IDictionary<string, object?> extensions) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status409Conflict, extensions: extensions);

    /// <summary>Page 1 to <see cref="MaxPage"/> and page size 1 to <paramref name="maxSize"/> (at most 1,000), both defaulted (1 and 50).</summary>
    public static ProblemHttpResult? CheckPage(int? page, int? pageSize, int maxSize, out int p, out int size)
    {
        p = page ?? 1;
        size = pageSize ?? 50;
        if (p < 1 || p > MaxPage) return BadRequest("page", $"must be between 1 and {MaxPage}");
        if (size < 1 || size > maxSize) return BadRequest("pageSize", $"must be between 1 and {maxSize}");
        return null;
    }

    /// <summary>
    /// 400 naming the first of the query-string values that is longer, trimmed, than <see cref="MaxQueryTextLength"/>;
    /// null when all fit. No code, category or name the API filters by is anywhere near that long.
    /// </summary>
    public static ProblemHttpResult? CheckText(params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (value is not null && value.Trim().Length > MaxQueryTextLength)
            {
                return BadRequest(name, $"{value.Trim().Length} characters; at most {MaxQueryTextLength}");
            }
        }

        return null;
    }
}
