namespace CityBrain.Api.Endpoints;

/// <summary>The ingest transports of one node: <c>mqtt</c>, <c>kafka</c>, and <c>queue</c> (the batches to the grains that MQTT and Kafka share).</summary>
public sealed record IngestProgressDto(IReadOnlyList<TransportProgressDto> Transports);
