using CityBrain.Incidents;

namespace CityBrain.Districts;

/// <summary>Persisted state of <see cref="DistrictGrain"/>. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.DistrictState")]
public sealed class DistrictState
{
    /// <summary>Open incidents inside the unit, by id.</summary>
    [Id(0)] public Dictionary<string, IncidentSummary> Open { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest closed (resolved or merged) incidents, oldest first, at most <see cref="Regions.IncidentQuery.RecentClosedKept"/>.</summary>
    [Id(1)] public List<IncidentSummary> RecentlyClosed { get; set; } = [];
}
