namespace CityBrain.Api.Endpoints;

/// <summary>An enabled scenario in a node's catalog.</summary>
public sealed record CatalogEntryDto(string Id, int Version, string Mode);
