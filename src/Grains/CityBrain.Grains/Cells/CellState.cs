namespace CityBrain.Cells;

/// <summary>Persisted state of <see cref="SpatialCellGrain"/>: the open incidents it opened. Field ids are permanent.</summary>
[GenerateSerializer, Alias("cb.CellState")]
public sealed class CellState
{
    [Id(0)] public List<CellIncident> Own { get; set; } = [];
}
