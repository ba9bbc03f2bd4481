namespace CityBrain.Scenarios;

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
