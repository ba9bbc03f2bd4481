using CityBrain.Incidents;

namespace CityBrain.Regions;

/// <summary>
/// The read side of one administrative unit, at any level of the region tree (city, district, street, grid…).
/// Key: the unit's code as the city pack defines it. Keeps the open incidents inside the unit and the most
/// recently closed ones, so the dashboard lists and counts without scanning incident grains.
/// Persisted: that list, written when the grain deactivates. The embedded host's read side; with PostgreSQL
/// the read model counts and lists instead.
/// </summary>
[Alias("cb.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>Record the latest summary of an incident inside this unit.</summary>
    [Alias("IncidentChanged")]
    Task IncidentChanged(IncidentSummary incident);

    /// <summary>The unit's live counts of open incidents.</summary>
    [Alias("GetCounts")]
    Task<RegionCounts> GetCounts();

    /// <summary>One page of the incidents this grain keeps, filtered and ordered as <paramref name="query"/> says.</summary>
    [Alias("ListIncidents")]
    Task<IncidentPage> ListIncidents(IncidentQuery query);
}
