namespace CityBrain.Api.Endpoints;

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalItems);
