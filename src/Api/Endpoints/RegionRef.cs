namespace CityBrain.Api.Endpoints;

/// <summary>A level of a point's region path.</summary>
public sealed record RegionRef(string Level, string Code, string Name);
