namespace CityBrain.Incidents.Lifecycle;

/// <summary>好差评: how satisfied the reporter or the public was with a closed case.</summary>
/// <param name="Score">1 (very dissatisfied) to 5 (very satisfied); 4 and 5 count as satisfied.</param>
[GenerateSerializer, Immutable, Alias("cb.Evaluation")]
public sealed record Evaluation(
    [property: Id(0)] int Score,
    [property: Id(1)] string? Comment,
    [property: Id(2)] string Actor,
    [property: Id(3)] DateTimeOffset At)
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int SatisfiedFrom = 4;

    public bool Satisfied => Score >= SatisfiedFrom;
}
