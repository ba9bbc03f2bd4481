using CityBrain.Regions;

namespace CityBrain.Incidents;

/// <summary>Incident lists for the API: from district grains (embedded) or the PostgreSQL read model (durable).</summary>
public interface IIncidentQueries
{
    /// <summary>A page of incidents inside <paramref name="regionCode"/> (any level), newest opened first.</summary>
    Task<IncidentPage> ListAsync(string regionCode, IncidentQuery query, CancellationToken cancellationToken = default);
}
