using CityBrain.Incidents;

namespace CityBrain.Regions;

/// <summary>
/// What an incident tells, after each stored change, so that region lists and counts follow it. Registered only
/// where a read side needs telling: the district grains of the embedded host. With PostgreSQL none is: the
/// journal writes the read model in the change's own statement, so an incident change waits on nothing whose
/// work grows with the number of open incidents.
/// </summary>
public interface IRegionFeed
{
    /// <summary>The latest summary of an incident; a newer one may already have arrived (the version says which).</summary>
    Task IncidentChanged(IncidentSummary incident);
}
