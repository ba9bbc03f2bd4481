namespace CityBrain.Incidents;

/// <summary>Who ended a case, when (UTC wall clock) and with what note: the verification note, or why it was rejected.</summary>
[GenerateSerializer, Immutable, Alias("cb.Resolution")]
public sealed record Resolution(
    [property: Id(0)] string Actor,
    [property: Id(1)] string? Note,
    [property: Id(2)] DateTimeOffset At);
