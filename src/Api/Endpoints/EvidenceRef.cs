namespace CityBrain.Api.Endpoints;

/// <summary>An event by its idempotency key, as listed in an incident's evidence.</summary>
public sealed record EvidenceRef(string? Source, string? Id);
