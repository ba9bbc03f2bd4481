using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>What a handler sees when an observation it is triggered by arrives: the trigger and the cell's windows.</summary>
public abstract class ScenarioHandlerContext
{
    /// <summary>The observation that arrived; it matches one of the definition's <c>triggers</c>.</summary>
    public abstract Observation Trigger { get; }

    /// <summary>A reading's change per minute since the same point's previous reading of its metric; null otherwise.</summary>
    public abstract double? RatePerMinute { get; }

    /// <summary>When the trigger was observed, in the city's time zone.</summary>
    public abstract DateTime LocalTime { get; }

    /// <summary>
    /// Recent observations of a kind and topic that the definition's <c>watches</c> keep, in the order they arrived,
    /// the trigger included when a watch matches it: those within a matching watch's radius of the trigger and in
    /// its window up to the trigger's time.
    /// </summary>
    public abstract IReadOnlyList<Observation> Recent(ObservationKind kind, string topic);
}
