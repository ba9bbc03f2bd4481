using CityBrain.Incidents;
using CityBrain.Regions;

namespace CityBrain.Regions;

/// <summary>Incident lists and counts from the district grains: the embedded default, where there is no database.</summary>
public sealed class RegionIncidentQueries(IGrainFactory grains) : IIncidentQueries
{
    public Task<IncidentPage> ListAsync(string regionCode, IncidentQuery query, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IRegionGrain>(regionCode).ListIncidents(query);

    public Task<RegionCounts> CountAsync(string regionCode, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IRegionGrain>(regionCode).GetCounts();
}
