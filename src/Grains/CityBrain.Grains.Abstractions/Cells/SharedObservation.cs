using CityBrain.Events;

namespace CityBrain.Cells;

/// <summary>An observation a neighbouring cell evaluated, for this cell's scenario windows: with its rate per minute, which only the point's own cell can tell.</summary>
[GenerateSerializer, Immutable, Alias("cb.SharedObservation")]
public sealed record SharedObservation([property: Id(0)] Observation Observation, [property: Id(1)] double? RatePerMinute);
