namespace CityBrain.Api.Endpoints;

/// <summary>A scenario version holding a category: who saved it and when (null while the registry has moved past this node's catalog).</summary>
public sealed record TakeoverHolderDto(string Id, int Version, string? ChangedBy, DateTimeOffset? ChangedAt);
