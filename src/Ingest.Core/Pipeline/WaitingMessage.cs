namespace CityBrain.Ingest.Pipeline;

/// <summary>A message a transport holds: where it came from and since when (UTC).</summary>
public readonly record struct WaitingMessage(string Origin, DateTimeOffset Since);
