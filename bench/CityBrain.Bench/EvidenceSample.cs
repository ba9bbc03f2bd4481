namespace CityBrain.Bench;

/// <summary>One reading of the platform's evidence total (events that are evidence of an incident not merged).</summary>
/// <param name="At">When it was read (UTC): the middle of the requests that read it.</param>
public readonly record struct EvidenceSample(DateTimeOffset At, long Evidence);
