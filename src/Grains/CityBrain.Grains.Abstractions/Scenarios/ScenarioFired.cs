using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.Scenarios;

/// <summary>What a scenario's firing did.</summary>
public enum ScenarioEffect
{
    /// <summary>Shadow mode: nothing; <see cref="ScenarioFired.Would"/> says what live mode would have done.</summary>
    None = 0,

    /// <summary>It opened a new incident.</summary>
    Opened = 1,

    /// <summary>It became evidence of an open incident (correlation found one, or the action was attach).</summary>
    Attached = 2,

    /// <summary>It escalated an open incident.</summary>
    Escalated = 3,

    /// <summary>It emitted a notification event.</summary>
    Notified = 4,

    /// <summary>Attach or escalate found no open incident of the category nearby.</summary>
    NoIncident = 5,

    /// <summary>Its trigger had fired it before (a redelivery): nothing more was done.</summary>
    Repeated = 6,
}

/// <summary>One firing of a scenario, as recorded for its designer.</summary>
/// <param name="Trigger">The observation that made the condition hold.</param>
/// <param name="Would">The action the scenario takes: what was done, or in shadow mode what would have been.</param>
/// <param name="Supporting">How many observations the condition found (the trigger included).</param>
/// <param name="IncidentId">The incident opened, joined or escalated; null for none.</param>
[GenerateSerializer, Immutable, Alias("cb.ScenarioFired")]
public sealed record ScenarioFired(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] int Version,
    [property: Id(2)] bool Shadow,
    [property: Id(3)] EventKey Trigger,
    [property: Id(4)] DateTimeOffset ObservedAt,
    [property: Id(5)] GeoPoint Location,
    [property: Id(6)] RegionPath Regions,
    [property: Id(7)] string Would,
    [property: Id(8)] int Supporting,
    [property: Id(9)] ScenarioEffect Effect,
    [property: Id(10)] string? IncidentId);

/// <summary>A scenario's record of firings: the latest <c>Kept</c>, and how many in all, live and shadow.</summary>
[GenerateSerializer, Immutable, Alias("cb.ScenarioFirings")]
public sealed record ScenarioFirings(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] long Live,
    [property: Id(2)] long Shadow,
    [property: Id(3)] ScenarioFired[] Latest);

/// <summary>
/// The firings of one scenario. Key: the scenario id. Persisted: the counts and the latest firings (bounded), so a
/// designer can see what a shadow scenario would have done. Written once per batch a cell sends.
/// </summary>
[Alias("cb.IScenarioFiringsGrain")]
public interface IScenarioFiringsGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(ScenarioFired[] firings);

    /// <summary>The counts and the latest firings, newest first, at most <paramref name="limit"/>.</summary>
    [Alias("Get")]
    Task<ScenarioFirings> Get(int limit);
}
