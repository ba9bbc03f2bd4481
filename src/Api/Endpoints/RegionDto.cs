namespace CityBrain.Api.Endpoints;

/// <summary>A region with its live figures; children are listed down to the requested depth.</summary>
public sealed record RegionDto(
    string Code,
    string Name,
    string Level,
    string? ParentCode,
    int OpenIncidents,
    IReadOnlyDictionary<string, int>? OpenByCategory,
    IReadOnlyList<RegionDto>? Children);
