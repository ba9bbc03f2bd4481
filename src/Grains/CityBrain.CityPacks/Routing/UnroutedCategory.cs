namespace CityBrain.Routing;

/// <summary>A category the routing table does not list, and how many incidents of it this silo has opened since it started.</summary>
public sealed record UnroutedCategory(string Category, long Incidents);
