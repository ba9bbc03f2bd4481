using CityBrain.Packs;

namespace CityBrain.UnitTests;

/// <summary>
/// Point files of the twin pack (districts A and B at 10.00–10.04 E, 50.00–50.02 N, snap tolerance 1 km):
/// good entries load, each bad one is skipped and reported with its index, id and exact fault.
/// </summary>
public sealed class PointFileLoaderTests
{
    private const string Good = """{"ref":"good-1","x":10.01,"y":50.01}""";

    private static CityPack LoadTwin(string fileName, string content, string pointSettings, double maxBadShare = 1)
    {
        var folder = TestPacks.Twin();
        File.WriteAllText(Path.Combine(folder, fileName), content);
        var settings = Path.Combine(folder, CityPackLoader.SettingsFileName);
        var text = File.ReadAllText(settings);
        var start = text.IndexOf("\"points\": [", StringComparison.Ordinal);
        var end = text.IndexOf(']', start) + 1;
        File.WriteAllText(settings, text[..start] + "\"points\": [ " + pointSettings + " ]" + text[end..]);
        return CityPackLoader.Load(folder, new CityPackOptions { MaxBadPointShare = maxBadShare });
    }

    private static CityPack LoadDevices(params string[] entries) =>
        LoadTwin("devices.json", "[" + string.Join(",", entries) + "]",
            """{ "file": "devices.json", "crs": "wgs84", "idProperty": "ref", "kind": "camera", "longitudeProperty": "x", "latitudeProperty": "y" }""");

    [Fact]
    public void A_GeoJSON_feature_collection_of_points_takes_coordinates_from_the_geometry_and_fields_from_properties()
    {
        var pack = LoadTwin("cams.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":"f-1","geometry":{"type":"Point","coordinates":[10.01,50.01]},"properties":{"cam":{"id":"C-1"},"label":"West gate","type":"camera"}},
              {"type":"Feature","id":"f-2","geometry":{"type":"Point","coordinates":[10.03,50.01]},"properties":{"cam":{"id":"C-2"},"label":"East gate","type":"sensor"}}
            ]}
            """, """{ "file": "cams.geojson", "crs": "wgs84", "idProperty": "cam.id", "nameProperty": "label", "kindProperty": "type" }""");

        var west = pack.Points["C-1"];
        Assert.Equal((10.01, 50.01), (west.Location.Longitude, west.Location.Latitude));
        Assert.Equal(["T", "A"], west.Regions.Codes[..2]);
        Assert.Equal(("West gate", "camera"), (west.Name, west.Kind));
        Assert.Equal(["T", "B"], pack.Points["C-2"].Regions.Codes[..2]);
        Assert.Equal("sensor", pack.Points["C-2"].Kind);
        Assert.Equal(0, pack.PointReport.Bad);
    }

    [Fact]
    public void A_GeoJSON_point_file_without_idProperty_uses_the_feature_id()
    {
        var pack = LoadTwin("cams.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","id":17,"geometry":{"type":"Point","coordinates":[10.01,50.01]},"properties":null}]}
            """, """{ "file": "cams.geojson", "crs": "wgs84", "kind": "camera" }""");
        Assert.True(pack.Points.ContainsKey("17"));
    }

    [Fact]
    public void Property_paths_index_arrays()
    {
        var pack = LoadTwin("open-data.json", """
            {"meta":{},"data":[{"ids":["x","S-1"],"location":{"type":"Point","coordinates":[10.03,50.01]}}]}
            """, """{ "file": "open-data.json", "crs": "wgs84", "itemsPath": "data", "idProperty": "ids[1]", "kind": "sensor", "longitudeProperty": "location.coordinates[0]", "latitudeProperty": "location.coordinates[1]" }""");
        Assert.Equal(["T", "B"], pack.Points["S-1"].Regions.Codes[..2]);
    }

    [Fact]
    public void A_malformed_property_path_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<CityPackException>(() => LoadTwin("devices.json", "[" + Good + "]",
            """{ "file": "devices.json", "crs": "wgs84", "idProperty": "ref", "kind": "camera", "longitudeProperty": "x[a]", "latitudeProperty": "y" }"""));
        Assert.Contains("points[0].longitudeProperty: 'x[a]'", error.Message);
    }

    [Theory]
    [InlineData("""{"ref":"p","x":10.01}""", "p", PointFault.Missing, "y", null, "y: the latitude is missing")]
    [InlineData("""{"ref":"p","x":10.01,"y":null}""", "p", PointFault.Null, "y", null, "y: the latitude is null")]
    [InlineData("""{"ref":"p","x":10.01,"y":""}""", "p", PointFault.Missing, "y", "", "y: the latitude is empty")]
    [InlineData("""{"ref":"p","x":10.01,"y":"abc"}""", "p", PointFault.NotANumber, "y", "abc", "y: the latitude \"abc\" is not a number")]
    [InlineData("""{"ref":"p","x":"NaN","y":50.01}""", "p", PointFault.NotANumber, "x", "NaN", "x: the longitude \"NaN\" is not a number")]
    [InlineData("""{"ref":"p","x":10.01,"y":91}""", "p", PointFault.OutOfRange, "y", "91", "latitude 91 is outside [-90, 90]")]
    [InlineData("""{"ref":"p","x":190,"y":50.01}""", "p", PointFault.OutOfRange, "x", "190", "longitude 190 is outside [-180, 180]")]
    [InlineData("""{"ref":"p","x":0,"y":0}""", "p", PointFault.ZeroZero, "x, y", "0, 0", "longitude and latitude are both 0")]
    [InlineData("""{"ref":"p","x":50.01,"y":10.01}""", "p", PointFault.Swapped, "x, y", "50.01, 10.01", "look swapped: read the other way round they lie in region A-G")]
    [InlineData("""{"ref":"p","y":50.01,"x":13.4}""", "p", PointFault.OutsideRegions, "x, y", "13.4, 50.01", "(13.4, 50.01) is outside every region by 240.")]
    [InlineData("""{"x":10.01,"y":50.01}""", null, PointFault.Missing, "ref", null, "ref: the point id is missing")]
    [InlineData("""{"ref":null,"x":10.01,"y":50.01}""", null, PointFault.Null, "ref", null, "ref: the point id is null")]
    [InlineData("""{"ref":{"a":1},"x":10.01,"y":50.01}""", null, PointFault.Malformed, "ref", "{\"a\":1}", "ref: the point id must be text or a number, not object")]
    [InlineData("""[10.01, 50.01]""", null, PointFault.Malformed, "", "[10.01, 50.01]", "an entry must be an object, not array")]
    public void A_bad_entry_is_skipped_and_reported_with_its_index_id_and_exact_fault(string entry, string? id, PointFault fault, string field, string? value, string detail)
    {
        var pack = LoadDevices(Good, entry);

        Assert.True(pack.Points.ContainsKey("good-1"));
        Assert.Single(pack.Points);
        var bad = Assert.Single(pack.PointReport.BadEntries);
        Assert.Equal(("devices.json", 1, id, fault, field, value), (bad.File, bad.Index, bad.Id, bad.Fault, bad.Field, bad.Value));
        Assert.Contains(detail, bad.Detail);
        Assert.Equal(1, pack.PointReport.BadByFault[fault]);
        Assert.Equal((2, 1, 1), (pack.PointReport.Entries, pack.PointReport.Loaded, pack.PointReport.Bad));
    }

    [Fact]
    public void A_duplicate_id_is_skipped_naming_the_entry_that_has_it_first()
    {
        var pack = LoadDevices(Good, """{"ref":"other","x":10.03,"y":50.01}""", """{"ref":"good-1","x":10.02,"y":50.01}""");

        Assert.Equal(10.01, pack.Points["good-1"].Location.Longitude);
        var bad = Assert.Single(pack.PointReport.BadEntries);
        Assert.Equal((2, "good-1", PointFault.DuplicateId), (bad.Index, bad.Id, bad.Fault));
        Assert.Contains("already given to entry 0", bad.Detail);
    }

    [Theory]
    [InlineData("""{"type":"Feature","geometry":{"type":"LineString","coordinates":[[10.01,50.01],[10.02,50.01]]},"properties":{"id":"g"}}""", PointFault.Malformed, "geometry.type", "a LineString, not a Point")]
    [InlineData("""{"type":"Feature","geometry":null,"properties":{"id":"g"}}""", PointFault.Null, "geometry", "geometry: null")]
    [InlineData("""{"type":"Feature","geometry":{"type":"Point","coordinates":[10.01]},"properties":{"id":"g"}}""", PointFault.Missing, "geometry.coordinates[1]", "the latitude is missing")]
    [InlineData("""{"type":"Feature","geometry":{"type":"Point","coordinates":[10.01,"abc"]},"properties":{"id":"g"}}""", PointFault.NotANumber, "geometry.coordinates[1]", "\"abc\" is not a number")]
    public void A_bad_GeoJSON_feature_is_reported_with_the_geometry_field_at_fault(string feature, PointFault fault, string field, string detail)
    {
        const string ok = """{"type":"Feature","geometry":{"type":"Point","coordinates":[10.01,50.01]},"properties":{"id":"ok"}}""";
        var pack = LoadTwin("cams.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + ok + "," + feature + "]}", """{ "file": "cams.geojson", "crs": "wgs84", "idProperty": "id", "kind": "camera" }""");

        var bad = Assert.Single(pack.PointReport.BadEntries);
        Assert.Equal((1, "g", fault, field), (bad.Index, bad.Id, bad.Fault, bad.Field));
        Assert.Contains(detail, bad.Detail);
    }

    [Fact]
    public void A_file_whose_share_of_bad_entries_is_above_the_setting_stops_the_load_naming_the_file_and_the_setting()
    {
        var entries = Enumerable.Range(0, 19).Select(i => $$"""{"ref":"c{{i}}","x":10.01,"y":50.01}""").Append("""{"ref":"bad","x":10.01}""").ToArray();
        var folderEntries = string.Join(",", entries);
        const string settings = """{ "file": "devices.json", "crs": "wgs84", "idProperty": "ref", "kind": "camera", "longitudeProperty": "x", "latitudeProperty": "y" }""";

        // 1 of 20 is 5 %: not above the default share of 0.05.
        Assert.Equal(19, LoadTwin("devices.json", $"[{folderEntries}]", settings, maxBadShare: 0.05).Points.Count);
        var error = Assert.Throws<CityPackException>(() => LoadTwin("devices.json", $"[{folderEntries}]", settings, maxBadShare: 0.04));
        Assert.StartsWith("devices.json: 1 of 20 point entries are bad (5%), more than PackLoading:MaxBadPointShare (0.04) allows; by fault: Missing 1; first: devices.json[19] id 'bad': y: the latitude is missing", error.Message);
    }

    [Fact]
    public void A_share_of_zero_refuses_any_bad_entry_and_a_share_outside_0_to_1_is_refused()
    {
        Assert.Throws<CityPackException>(() => LoadTwin("devices.json", $$"""[{{Good}}, {"ref":"p","x":0,"y":0}]""",
            """{ "file": "devices.json", "crs": "wgs84", "idProperty": "ref", "kind": "camera", "longitudeProperty": "x", "latitudeProperty": "y" }""", maxBadShare: 0));
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(TestPacks.Twin(), new CityPackOptions { MaxBadPointShare = 1.5 }));
        Assert.Equal("PackLoading:MaxBadPointShare: 1.5 is not a share between 0 and 1", error.Message);
    }

    [Fact]
    public void The_report_summary_counts_by_fault_and_lists_the_first_entries()
    {
        var pack = LoadDevices(Good, """{"ref":"z","x":0,"y":0}""", """{"ref":"n","x":10.01,"y":null}""", """{"ref":"m","x":0,"y":0}""");
        var summary = pack.PointReport.Summary(first: 2);

        Assert.StartsWith("points: 1 of 4 entries loaded, 3 skipped; devices.json: 1 of 4; by fault: ZeroZero 2, Null 1", summary);
        Assert.Contains("devices.json[1] id 'z': longitude and latitude are both 0", summary);
        Assert.Contains("devices.json[2] id 'n': y: the latitude is null", summary);
        Assert.Contains("… and 1 more", summary);
    }

    [Fact]
    public void A_point_file_that_is_not_JSON_is_named_in_the_error()
    {
        var error = Assert.Throws<CityPackException>(() => LoadTwin("devices.json", "[{\"ref\": ", """{ "file": "devices.json", "crs": "wgs84", "idProperty": "ref", "kind": "camera", "longitudeProperty": "x", "latitudeProperty": "y" }"""));
        Assert.Contains("devices.json: not valid JSON", error.Message);
    }

    [Fact]
    public void A_layer_without_crs_says_it_is_missing_and_lists_the_supported_values()
    {
        var folder = TestPacks.Twin();
        var settings = Path.Combine(folder, CityPackLoader.SettingsFileName);
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"crs\": \"wgs84\", \"codeProperty\"", "\"codeProperty\""));
        var error = Assert.Throws<CityPackException>(() => CityPackLoader.Load(folder));
        Assert.Equal("citypack.json: layers[0].crs: missing; give the CRS of the coordinates, one of wgs84, gcj02, bd09", error.Message);
    }
}
