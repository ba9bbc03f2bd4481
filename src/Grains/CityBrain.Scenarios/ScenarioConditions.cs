using CityBrain.Events;

namespace CityBrain.Scenarios;

/// <summary>
/// A condition of a scenario, evaluated when an observation arrives (the trigger), relative to where and when it
/// was observed (the anchor). Every condition tree has at least one <see cref="EventMatch"/>; a scenario is only
/// evaluated for an observation that matches one of them.
/// </summary>
public abstract record ScenarioCondition
{
    /// <summary>Every observation filter in the tree, in document order.</summary>
    public abstract IEnumerable<EventMatch> Matches();

    /// <summary>How long this condition looks back from the anchor: what windows must keep.</summary>
    public abstract TimeSpan LookBack { get; }

    /// <summary>How far from the anchor this condition looks: what cells must share with neighbours.</summary>
    public abstract double ReachMeters { get; }
}

/// <summary>
/// Which observations count: a kind and its categories (detections, reports, rechecks) or metrics (readings),
/// with optional value, confidence, rate, place and local-time filters. At the root of a scenario: the trigger
/// itself must match. Inside a group: some observation within the group's radius and window must.
/// </summary>
/// <param name="Categories">Categories (detections, reports, rechecks) or metrics (readings), lower case; any of them.</param>
/// <param name="Value">A reading's value.</param>
/// <param name="Confidence">A detection's confidence.</param>
/// <param name="RatePerMinute">A reading's change per minute since the same point's previous reading of the metric.</param>
/// <param name="LocalTime">Local time of day in the city's time zone, when the observation was made.</param>
/// <param name="Days">Local days of the week; null for every day.</param>
public sealed record EventMatch(
    ObservationKind Kind,
    IReadOnlyList<string> Categories,
    NumberRange? Value,
    NumberRange? Confidence,
    NumberRange? RatePerMinute,
    SpatialFilter? Where,
    LocalTimeWindow? LocalTime,
    IReadOnlySet<DayOfWeek>? Days) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() { yield return this; }

    public override TimeSpan LookBack => TimeSpan.Zero;

    public override double ReachMeters => 0;
}

/// <summary>At least <paramref name="AtLeast"/> observations matching <paramref name="Of"/> within <paramref name="RadiusMeters"/> of the anchor, observed in the <paramref name="Within"/> up to the anchor's time (both ends inclusive).</summary>
/// <param name="DistinctPoints">Count reporting points, not observations.</param>
public sealed record CountCondition(EventMatch Of, int AtLeast, TimeSpan Within, double RadiusMeters, bool DistinctPoints) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() { yield return Of; }

    public override TimeSpan LookBack => Within;

    public override double ReachMeters => RadiusMeters;
}

/// <summary>
/// One point's observations have matched <paramref name="Of"/> for at least <paramref name="For"/>: a run of
/// matching observations from the trigger's point with no gap longer than <paramref name="MaxGap"/> and no
/// observation of the same kind and topic from that point that fails the filter. Holds once per run: the
/// observation that makes the run long enough.
/// </summary>
public sealed record SustainedCondition(EventMatch Of, TimeSpan For, TimeSpan MaxGap) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() { yield return Of; }

    public override TimeSpan LookBack => TimeSpan.Zero;

    public override double ReachMeters => 0;
}

/// <summary>How a group combines its members.</summary>
public enum GroupKind
{
    /// <summary>Every member holds.</summary>
    All,

    /// <summary>At least one member holds.</summary>
    Any,

    /// <summary>Members are observation filters seen in this order, the trigger matching the last.</summary>
    Sequence,
}

/// <summary>
/// Members combined near the anchor: an observation filter among them holds when an observation matching it lies
/// within <paramref name="RadiusMeters"/> of the anchor and was observed in the <paramref name="Within"/> up to the
/// anchor's time; counts and sustained runs keep their own radius and window.
/// </summary>
public sealed record GroupCondition(GroupKind Kind, IReadOnlyList<ScenarioCondition> Members, double RadiusMeters, TimeSpan Within) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() => Members.SelectMany(m => m.Matches());

    public override TimeSpan LookBack => Members.Select(m => m.LookBack).Append(Within).Max();

    public override double ReachMeters => Members.Select(m => m.ReachMeters).Append(RadiusMeters).Max();
}

/// <summary>What a C# handler wants kept for it: observations matching <paramref name="Of"/> within <paramref name="RadiusMeters"/> and <paramref name="Within"/>.</summary>
public sealed record HandlerWatch(EventMatch Of, TimeSpan Within, double RadiusMeters);

/// <summary>
/// A condition a C# <see cref="IScenarioHandler"/> decides. It is evaluated for observations matching one of
/// <paramref name="Triggers"/>; the cells keep (and share with neighbours) what <paramref name="Watches"/> name,
/// for the handler to read. Only at the root of a definition.
/// </summary>
/// <param name="TypeName">The handler's type as the definition names it.</param>
public sealed record HandlerCondition(IScenarioHandler Handler, string TypeName, IReadOnlyList<EventMatch> Triggers, IReadOnlyList<HandlerWatch> Watches) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() => Triggers.Concat(Watches.Select(w => w.Of));

    public override TimeSpan LookBack => Watches.Select(w => w.Within).DefaultIfEmpty(TimeSpan.Zero).Max();

    public override double ReachMeters => Watches.Select(w => w.RadiusMeters).DefaultIfEmpty(0).Max();
}

/// <summary>
/// An outage: at least <paramref name="AtLeast"/> points inside one region of the level at <paramref name="LevelDepth"/>
/// have sent nothing for <paramref name="For"/>. Driven by time, not by an observation: each point watches its own
/// silence and tells its region's watch when it falls silent and when it is heard again. Holds once per outage,
/// when the count reaches the threshold; again only after it fell below. Only at the root of a definition.
/// </summary>
/// <param name="Kinds">The point kinds that count (camera, sensor, …, as the registry or a provisional point says); null for every kind.</param>
/// <param name="LevelDepth">Index into a region path of the grouping level: 1 for the pack's first level below the city.</param>
public sealed record SilenceCondition(IReadOnlySet<string>? Kinds, TimeSpan For, int AtLeast, int LevelDepth, string LevelName) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() => [];

    public override TimeSpan LookBack => TimeSpan.Zero;

    public override double ReachMeters => 0;

    public bool Counts(string pointKind) => Kinds is null || Kinds.Contains(pointKind);
}
