namespace CityBrain.Api.Endpoints;

/// <summary>A region level (top first) and how many units it has.</summary>
public sealed record RegionLevelDto(string Level, int Regions);
