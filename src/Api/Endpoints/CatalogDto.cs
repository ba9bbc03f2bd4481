namespace CityBrain.Api.Endpoints;

/// <summary>This node's scenario catalog: the registry revision it was compiled from, and the registry's own now.</summary>
public sealed record CatalogDto(long RegistryRevision, long CatalogRevision, IReadOnlyList<CatalogEntryDto> Enabled);
