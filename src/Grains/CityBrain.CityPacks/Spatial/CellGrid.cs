using CityBrain.Geo;

namespace CityBrain.Spatial;

/// <summary>
/// A fixed grid of square cells over a city, independent of administrative borders. Cells are squares of
/// <see cref="CellSizeMeters"/> in an equirectangular projection true at <see cref="ReferenceLatitude"/>;
/// over one city (under ~200 km north–south) the scale error stays under 2 %. Immutable and thread-safe.
/// </summary>
public sealed class CellGrid
{
    private const double MetersPerDegreeLatitude = 110_574.0;
    private readonly double _metersPerDegreeLongitude;

    public CellGrid(double cellSizeMeters, double referenceLatitude)
    {
        if (!(cellSizeMeters >= 10)) throw new ArgumentOutOfRangeException(nameof(cellSizeMeters), cellSizeMeters, "cell size must be at least 10 m");
        if (!(Math.Abs(referenceLatitude) < 85)) throw new ArgumentOutOfRangeException(nameof(referenceLatitude), referenceLatitude, "reference latitude must be within ±85°");
        CellSizeMeters = cellSizeMeters;
        ReferenceLatitude = referenceLatitude;
        _metersPerDegreeLongitude = 111_320.0 * Math.Cos(double.DegreesToRadians(referenceLatitude));
    }

    public double CellSizeMeters { get; }

    public double ReferenceLatitude { get; }

    public CellKey CellOf(GeoPoint point)
    {
        var (x, y) = Project(point);
        return new CellKey((int)Math.Floor(x / CellSizeMeters), (int)Math.Floor(y / CellSizeMeters));
    }

    /// <summary>
    /// Every cell with any part within <paramref name="radiusMeters"/> of <paramref name="point"/>,
    /// including the point's own cell, in column-then-row order.
    /// </summary>
    public IEnumerable<CellKey> CellsWithin(GeoPoint point, double radiusMeters)
    {
        var (x, y) = Project(point);
        var minCol = (int)Math.Floor((x - radiusMeters) / CellSizeMeters);
        var maxCol = (int)Math.Floor((x + radiusMeters) / CellSizeMeters);
        var minRow = (int)Math.Floor((y - radiusMeters) / CellSizeMeters);
        var maxRow = (int)Math.Floor((y + radiusMeters) / CellSizeMeters);
        for (var col = minCol; col <= maxCol; col++)
        {
            for (var row = minRow; row <= maxRow; row++)
            {
                var dx = Math.Max(0, Math.Max(col * CellSizeMeters - x, x - (col + 1) * CellSizeMeters));
                var dy = Math.Max(0, Math.Max(row * CellSizeMeters - y, y - (row + 1) * CellSizeMeters));
                if (dx * dx + dy * dy <= radiusMeters * radiusMeters) yield return new CellKey(col, row);
            }
        }
    }

    /// <summary>Projected metres east and north of (0°, 0°) in this grid's projection.</summary>
    public (double X, double Y) Project(GeoPoint point) =>
        (point.Longitude * _metersPerDegreeLongitude, point.Latitude * MetersPerDegreeLatitude);

    /// <summary>Inverse of <see cref="Project"/>.</summary>
    public GeoPoint Unproject(double x, double y) => new(x / _metersPerDegreeLongitude, y / MetersPerDegreeLatitude);
}
