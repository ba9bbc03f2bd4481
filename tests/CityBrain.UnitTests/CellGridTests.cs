using CityBrain.Geo;
using CityBrain.Spatial;

namespace CityBrain.UnitTests;

public sealed class CellGridTests
{
    private readonly CellGrid _grid = new(500, 50);

    [Fact]
    public void Points_250m_apart_in_the_middle_of_a_cell_share_it()
    {
        var (x, y) = _grid.Project(new GeoPoint(10.01, 50.01));
        var centre = _grid.Unproject((Math.Floor(x / 500) + 0.5) * 500, (Math.Floor(y / 500) + 0.5) * 500);
        var near = TestPacks.Offset(centre.Longitude, centre.Latitude, 100, 100);
        Assert.Equal(_grid.CellOf(centre), _grid.CellOf(near));
    }

    [Fact]
    public void A_small_radius_in_the_middle_of_a_cell_touches_only_that_cell()
    {
        var (x, y) = _grid.Project(new GeoPoint(10.01, 50.01));
        var centre = _grid.Unproject((Math.Floor(x / 500) + 0.5) * 500, (Math.Floor(y / 500) + 0.5) * 500);
        Assert.Equal([_grid.CellOf(centre)], _grid.CellsWithin(centre, 100));
    }

    [Fact]
    public void A_radius_around_a_cell_corner_touches_the_four_cells_that_meet_there()
    {
        var (x, y) = _grid.Project(new GeoPoint(10.01, 50.01));
        var corner = _grid.Unproject(Math.Floor(x / 500) * 500 + 1, Math.Floor(y / 500) * 500 + 1);
        Assert.Equal(4, _grid.CellsWithin(corner, 100).Count());
    }

    [Fact]
    public void Grain_key_is_column_colon_row() => Assert.Equal("-3:7", new CellKey(-3, 7).GrainKey);
}
