namespace CityBrain.Spatial;

/// <summary>The integer address of one square cell of a <see cref="CellGrid"/>.</summary>
public readonly record struct CellKey(int Column, int Row)
{
    /// <summary>The <see cref="Cells.ISpatialCellGrain"/> key: <c>"{column}:{row}"</c>.</summary>
    public string GrainKey => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Column}:{Row}");

    public override string ToString() => GrainKey;
}
