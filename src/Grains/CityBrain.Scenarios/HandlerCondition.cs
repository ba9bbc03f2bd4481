namespace CityBrain.Scenarios;

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
