namespace CityBrain.Incidents.Kpis;

/// <summary>
/// Clocks of one stage judged so far: <see cref="OnTime"/> stopped by their deadline; <see cref="Late"/> stopped
/// after it, or still running past it. Running clocks not yet due are not judged.
/// </summary>
/// <param name="OnTime">Clocks stopped by their deadline.</param>
/// <param name="Late">Clocks stopped after their deadline or running past it.</param>
/// <param name="Rate">OnTime ÷ (OnTime + Late); null when none was judged.</param>
[GenerateSerializer, Immutable, Alias("cb.StageOnTime")]
public sealed record StageOnTime([property: Id(0)] int OnTime, [property: Id(1)] int Late, [property: Id(2)] double? Rate);
