namespace CityBrain.Bench;

/// <summary>Busy and total CPU ticks of the whole machine, summed over all cores, since boot.</summary>
public readonly record struct MachineTicks(long Busy, long Total);
