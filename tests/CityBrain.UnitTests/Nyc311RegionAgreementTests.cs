using System.Globalization;
using CityBrain.Geo;
using CityBrain.Packs;

namespace CityBrain.UnitTests;

/// <summary>
/// The region index against an independent answer: the 311 file's own Community Board column. The data's
/// provenance note says point-in-polygon agrees for about 99 % of rows, not all (border geocoding, 2013
/// polygons); this states the agreement expected and counts the rest.
/// </summary>
public sealed class Nyc311RegionAgreementTests
{
    private static readonly Dictionary<string, int> Boroughs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MANHATTAN"] = 1, ["BRONX"] = 2, ["BROOKLYN"] = 3, ["QUEENS"] = 4, ["STATEN ISLAND"] = 5,
    };

    [Fact]
    public void Community_district_of_each_located_row_agrees_with_its_Community_Board_for_at_least_98_percent()
    {
        var pack = CityPackLoader.Load(RepoPaths.Pack("nyc"));
        var rows = SimpleCsv.Read(RepoPaths.TestData("nyc311_2013-12-25_fullday.csv"));
        int compared = 0, agreed = 0, outside = 0;
        foreach (var row in rows)
        {
            if (!double.TryParse(row["Longitude"], CultureInfo.InvariantCulture, out var lon) || !double.TryParse(row["Latitude"], CultureInfo.InvariantCulture, out var lat)) continue;
            var board = row["Community Board"].Split(' ', 2);
            if (board.Length < 2 || !int.TryParse(board[0], out var district) || district == 0 || !Boroughs.TryGetValue(board[1], out var borough)) continue;
            var lookup = pack.Regions.Locate(new GeoPoint(lon, lat));
            if (lookup is null)
            {
                outside++;
                continue;
            }

            compared++;
            if (lookup.Path.Codes.Length > 2 && lookup.Path.Codes[2] == (borough * 100 + district).ToString(CultureInfo.InvariantCulture)) agreed++;
        }

        Assert.Equal(0, outside);
        Assert.True(compared > 2000, $"only {compared} rows compared");
        Assert.True(agreed >= 0.98 * compared, $"{agreed} of {compared} rows agree ({100.0 * agreed / compared:0.00} %)");
    }
}
