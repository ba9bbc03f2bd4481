using CityBrain.Regions;

namespace CityBrain.Incidents;

/// <summary>
/// The read side for the API, lists and counts per region: from district grains (embedded) or the PostgreSQL
/// read model (durable), whose rows the incident journal writes in the statement of each change.
/// </summary>
public interface IIncidentQueries
{
    /// <summary>A page of incidents inside <paramref name="regionCode"/> (any level), newest opened first.</summary>
    Task<IncidentPage> ListAsync(string regionCode, IncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>Open incidents inside <paramref name="regionCode"/> (any level), by category and by child unit.</summary>
    Task<RegionCounts> CountAsync(string regionCode, CancellationToken cancellationToken = default);
}
