using CityBrain.Incidents.Sla;

namespace CityBrain.Routing;

/// <summary>Lead (主办) and assisting (协办) departments for a category.</summary>
public sealed record CategoryRoute(string Lead, IReadOnlyList<string> Assisting, Severity Severity);
