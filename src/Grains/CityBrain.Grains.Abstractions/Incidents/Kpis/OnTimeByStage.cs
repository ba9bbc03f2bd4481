namespace CityBrain.Incidents.Kpis;

/// <summary>On-time figures of the four SLA stages.</summary>
[GenerateSerializer, Immutable, Alias("cb.OnTimeByStage")]
public sealed record OnTimeByStage(
    [property: Id(0)] StageOnTime Accept,
    [property: Id(1)] StageOnTime Dispatch,
    [property: Id(2)] StageOnTime Handle,
    [property: Id(3)] StageOnTime Close);
