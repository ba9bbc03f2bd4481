namespace CityBrain.Scenarios;

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
