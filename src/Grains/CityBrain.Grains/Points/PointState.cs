namespace CityBrain.Points;

/// <summary>Persisted state of <see cref="PointGrain"/>: a provisional registration, and silences reported. Written only when either changes. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.PointState")]
public sealed class PointState
{
    [Id(0)] public ProvisionalPoint? Provisional { get; set; }

    /// <summary>The silence watches (<c>{scenario}|{region}</c>) this point has told it fell silent, until it is heard again.</summary>
    [Id(1)] public List<string> SilentIn { get; set; } = [];
}
