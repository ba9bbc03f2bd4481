namespace CityBrain.Bench.Suite;

/// <summary>What a run's correctness check found.</summary>
/// <param name="Passed">Everything as the ground truth says.</param>
/// <param name="Text">One line: the counts when passed, else the failures with examples.</param>
/// <param name="Incidents">Incidents (not merged) the platform showed.</param>
public sealed record CheckOutcome(bool Passed, string Text, int Incidents);
