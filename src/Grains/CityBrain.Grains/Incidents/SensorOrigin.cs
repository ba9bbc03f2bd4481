namespace CityBrain.Incidents;

/// <summary>The sensor whose reading opened an incident: its point and the metric it reads.</summary>
[GenerateSerializer, Immutable, Alias("cb.SensorOrigin")]
public sealed record SensorOrigin([property: Id(0)] string PointId, [property: Id(1)] string Metric);
