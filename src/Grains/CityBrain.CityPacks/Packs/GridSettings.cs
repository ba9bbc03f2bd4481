namespace CityBrain.Packs;

public sealed class GridSettings
{
    /// <summary>Side of a grid square in metres.</summary>
    public double CellSizeMeters { get; set; }
}
