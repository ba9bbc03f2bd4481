using CityBrain.Routing;

namespace CityBrain.Api.Endpoints;

/// <summary>Unrouted categories, most frequent first (at most 1,000); <paramref name="Other"/> counts the incidents of any further ones.</summary>
public sealed record UnroutedDto(IReadOnlyList<UnroutedCategory> Categories, long Other);
