using CityBrain.Incidents;

namespace CityBrain.Regions;

/// <summary>Persisted state of <see cref="RegionGrain"/>. Field ids are permanent, and so is the alias it had as DistrictState.</summary>
[GenerateSerializer, Alias("cb.DistrictState")]
public sealed class RegionState
{
    /// <summary>Open incidents inside the unit, by id.</summary>
    [Id(0)] public Dictionary<string, IncidentSummary> Open { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest closed (resolved or merged) incidents, oldest first, at most <see cref="Regions.IncidentQuery.RecentClosedKept"/>.</summary>
    [Id(1)] public List<IncidentSummary> RecentlyClosed { get; set; } = [];
}
