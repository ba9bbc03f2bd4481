namespace CityBrain.Scenarios;

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
