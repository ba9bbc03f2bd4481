namespace CityBrain.Scenarios;

/// <summary>
/// A time of day window, <paramref name="From"/> inclusive to <paramref name="To"/> exclusive, in the city's time
/// zone. A window whose end is before its start runs over midnight (22:00 to 06:00).
/// </summary>
public sealed record LocalTimeWindow(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) => From <= To ? time >= From && time < To : time >= From || time < To;
}
