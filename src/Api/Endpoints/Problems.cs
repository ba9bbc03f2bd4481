using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Api.Endpoints;

/// <summary>Problem-details answers with the field at fault named in the title and in <c>errors</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string field, string reason) =>
        TypedResults.Problem(title: $"{field}: {reason}", statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} was not found", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, IDictionary<string, object?> extensions) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status409Conflict, extensions: extensions);

    /// <summary>Page and page size, 1-based, with size 1 to <paramref name="maxSize"/>.</summary>
    public static ProblemHttpResult? CheckPage(int? page, int? pageSize, int maxSize, out int p, out int size)
    {
        p = page ?? 1;
        size = pageSize ?? 50;
        if (p < 1) return BadRequest("page", "must be 1 or more");
        if (size < 1 || size > maxSize) return BadRequest("pageSize", $"must be between 1 and {maxSize}");
        return null;
    }
}
