namespace CityBrain.Bench;

/// <summary>One NDJSON line to publish, with what the replay needs to know about it.</summary>
/// <param name="Payload">The raw line bytes, sent unchanged so the benchmark measures the platform's parsing too.</param>
/// <param name="Key">The CloudEvent (source, id), or null when the line is not JSON or lacks them.</param>
/// <param name="ExpectsIncident">True when data carries lon/lat, so an SSE sighting is expected; others are dead-lettered.</param>
/// <param name="Subject">The CloudEvent subject (the reporting point), the Kafka message key; null if absent.</param>
public sealed record ReplayEvent(byte[] Payload, EventKey? Key, string Topic, bool ExpectsIncident, string? Subject = null);
