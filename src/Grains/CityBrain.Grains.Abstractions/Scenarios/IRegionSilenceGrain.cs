using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Scenarios;

/// <summary>A point that has sent nothing for a silence scenario's time.</summary>
/// <param name="SilentSince">When it was last heard from (wall clock, UTC), or when it began to be watched.</param>
[GenerateSerializer, Immutable, Alias("cb.SilentPoint")]
public sealed record SilentPoint(
    [property: Id(0)] string PointId,
    [property: Id(1)] GeoPoint Location,
    [property: Id(2)] RegionPath Regions,
    [property: Id(3)] DateTimeOffset SilentSince);

/// <summary>
/// One silence scenario's watch over one region. Key: <c>{scenario id}|{region code}</c>. Points tell it when they
/// fall silent and when they are heard again (one call per change, never per event); when the silent points reach
/// the scenario's threshold it fires, once per outage. Persisted: the silent points and whether it has fired.
/// </summary>
[Alias("cb.IRegionSilenceGrain")]
public interface IRegionSilenceGrain : IGrainWithStringKey
{
    [Alias("Silent")]
    Task Silent(SilentPoint point);

    [Alias("Heard")]
    Task Heard(string pointId);

    /// <summary>The points silent now, for operators and tests.</summary>
    [Alias("GetSilent")]
    Task<SilentPoint[]> GetSilent();
}

/// <summary>A firing decided outside a cell (a silence watch): the cell of its place carries out the action.</summary>
/// <param name="Trigger">Stands for the outage: its place is the silent points' centre, its key names the region and the moment.</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioFiringRequest")]
public sealed record ScenarioFiringRequest(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] int Version,
    [property: Id(2)] Observation Trigger,
    [property: Id(3)] int Supporting);
