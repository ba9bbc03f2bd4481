namespace CityBrain.Scenarios;

/// <summary>At least <paramref name="AtLeast"/> observations matching <paramref name="Of"/> within <paramref name="RadiusMeters"/> of the anchor, observed in the <paramref name="Within"/> up to the anchor's time (both ends inclusive).</summary>
/// <param name="DistinctPoints">Count reporting points, not observations.</param>
public sealed record CountCondition(EventMatch Of, int AtLeast, TimeSpan Within, double RadiusMeters, bool DistinctPoints) : ScenarioCondition
{
    public override IEnumerable<EventMatch> Matches() { yield return Of; }

    public override TimeSpan LookBack => Within;

    public override double ReachMeters => RadiusMeters;
}
