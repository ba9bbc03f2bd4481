namespace CityBrain.Api.Endpoints;

/// <summary>The scenarios holding detection categories on this node, and the categories none may hold.</summary>
/// <param name="CatalogRevision">The registry revision of the catalog this node evaluates.</param>
/// <param name="TakenOver">Per category (in normal form), the live scenarios whose open action takes over its detections' opening.</param>
/// <param name="AlwaysOpen">The pack's <c>correlation.alwaysOpen</c>: categories whose detections always open incidents.</param>
public sealed record TakeoversDto(long CatalogRevision, IReadOnlyList<TakeoverDto> TakenOver, IReadOnlyList<string> AlwaysOpen);
