namespace CityBrain.Incidents.Lifecycle;

/// <summary>好差评: how satisfied the reporter or the public was with a closed case.</summary>
/// <param name="Score">1 (very dissatisfied) to 5 (very satisfied); 4 and 5 count as satisfied.</param>
/// <param name="Comment">What the evaluator said; null when nothing.</param>
/// <param name="Actor">Who evaluated: the reporter, or the operator entering the public's verdict.</param>
/// <param name="At">When it was given (UTC wall clock).</param>
[GenerateSerializer, Immutable, Alias("cb.Evaluation")]
public sealed record Evaluation(
    [property: Id(0)] int Score,
    [property: Id(1)] string? Comment,
    [property: Id(2)] string Actor,
    [property: Id(3)] DateTimeOffset At)
{
    /// <summary>The lowest score allowed.</summary>
    public const int MinScore = 1;
    /// <summary>The highest score allowed.</summary>
    public const int MaxScore = 5;
    /// <summary>The lowest score that counts as satisfied.</summary>
    public const int SatisfiedFrom = 4;

    /// <summary>Whether the score counts as satisfied (at least <see cref="SatisfiedFrom"/>).</summary>
    public bool Satisfied => Score >= SatisfiedFrom;
}
