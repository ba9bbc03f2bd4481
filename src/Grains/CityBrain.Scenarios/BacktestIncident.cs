using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Scenarios;

/// <summary>An incident a backtest's scenario would have opened.</summary>
/// <param name="Id">The id the live run gives it: derived from its first firing's trigger, as in a cell.</param>
/// <param name="Evidence">Its firings, the first included.</param>
public sealed record BacktestIncident(string Id, string ScenarioId, int Version, string Category, GeoPoint Location, RegionPath Regions,
    DateTimeOffset OpenedAt, DateTimeOffset LastEvidenceAt, int Evidence);
