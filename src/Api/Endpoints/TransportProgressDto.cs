namespace CityBrain.Api.Endpoints;

/// <summary>One ingest transport of a node.</summary>
/// <param name="Name"><c>mqtt</c>, <c>kafka</c> or <c>queue</c>.</param>
/// <param name="Finished">
/// Messages finished since the node started: taken by the grains or kept as dead letters (over MQTT, then
/// acknowledged to the broker; over Kafka, its offset then due in the next commit). A message delivered again
/// counts again. Events posted over HTTP are not counted: the answer to the
/// post says what was taken.
/// </param>
/// <param name="Waiting">Messages received and not finished yet.</param>
public sealed record TransportProgressDto(string Name, long Finished, int Waiting);
