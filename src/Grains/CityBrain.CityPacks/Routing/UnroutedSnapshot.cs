namespace CityBrain.Routing;

/// <summary>The unrouted categories of one silo, most frequent first.</summary>
/// <param name="Other">Incidents of categories past the bound (too many names, or a name too long to keep).</param>
public sealed record UnroutedSnapshot(IReadOnlyList<UnroutedCategory> Categories, long Other);
