using System.Globalization;

namespace CityBrain.Testing;

/// <summary>
/// Small city packs written to a temporary folder, so spatial behaviour is specified by fixtures a reader can
/// check by hand. "Twin" is two 0.02° × 0.02° districts side by side (A west, B east, border at longitude
/// 10.02) near latitude 50, with a generated 500 m grid below them; one registered camera in each. Its routing
/// sends <see cref="RoutedCategory"/> to FIRE with POL and WATER assisting, everything else to CITY; district B
/// has a grid worker, and its first grid square a worker of its own. Its SLA gives <see cref="FastSlaCategory"/>
/// a twelve-second accept deadline and everything else deadlines of hours. A citizen report of
/// <see cref="ReportCategory"/> joins a camera's <see cref="ReportJoinsCategory"/> incident within 300 m.
/// </summary>
public static class TestPacks
{
    public const string Root = "T";
    public const string DistrictA = "A";
    public const string DistrictB = "B";
    public const double BorderLongitude = 10.02;
    public const double Latitude = 50.01;
    public const string RoutedCategory = "smoke_fire";
    public const string RoutingVersion = "twin-1";

    /// <summary>A category whose accept deadline is <see cref="FastAcceptSeconds"/> (warning at three quarters of it); every other clock is hours long.</summary>
    public const string FastSlaCategory = "sla_probe";
    public const double FastAcceptSeconds = 12;

    /// <summary>A category whose cases in verification pass by themselves after <see cref="QuietSeconds"/> without new evidence.</summary>
    public const string QuietCategory = "quiet_probe";
    public const double QuietSeconds = 3;

    /// <summary>A citizen report of this category joins an open incident of <see cref="ReportJoinsCategory"/> within 300 m, however old.</summary>
    public const string ReportCategory = "kerb_complaint";
    public const string ReportJoinsCategory = "kerb_damage";

    public static string Twin(double radiusMeters = 100, double windowMinutes = 10, double cellSizeMeters = 500)
    {
        var folder = Directory.CreateTempSubdirectory("citybrain-pack-").FullName;
        File.WriteAllText(Path.Combine(folder, "districts.geojson"), """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"info":{"code":"A"},"label":"West"},"geometry":{"type":"Polygon","coordinates":[[[10.00,50.00],[10.02,50.00],[10.02,50.02],[10.00,50.02],[10.00,50.00]]]}},
              {"type":"Feature","properties":{"info":{"code":"B"},"label":"East"},"geometry":{"type":"Polygon","coordinates":[[[10.02,50.00],[10.04,50.00],[10.04,50.02],[10.02,50.02],[10.02,50.00]]]}}
            ]}
            """);
        File.WriteAllText(Path.Combine(folder, "devices.json"), """
            [{"ref":"cam-a","x":"10.01","y":"50.01"},{"ref":"cam-b","x":10.03,"y":50.01}]
            """);
        File.WriteAllText(Path.Combine(folder, "routing.json"), """
            {
              "version": "twin-1",
              "departments": { "CITY": "City management", "FIRE": "Fire brigade", "POL": "Police", "WATER": "Water authority" },
              "default": { "lead": "CITY" },
              "categories": { "Smoke_Fire": { "lead": "FIRE", "assisting": ["POL", "WATER"] } },
              "grid": { "level": "grid", "workers": { "B": "worker-b", "B-G1": "worker-b1" } }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "sla.json"), """
            {
              "warningFraction": 0.75,
              "default": { "acceptMinutes": 600, "dispatchMinutes": 600, "handleMinutes": 6000, "closeMinutes": 60000 },
              "categories": { "sla_probe": { "acceptMinutes": 0.2 } },
              "autoVerify": { "categories": { "quiet_probe": { "quietMinutes": 0.05 } } }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "citypack.json"), string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "name": "Twin test city",
              "timeZone": "Europe/Berlin",
              "root": { "code": "T", "name": "Twin" },
              "layers": [
                { "level": "district", "file": "districts.geojson", "crs": "wgs84", "codeProperty": "info.code", "nameProperty": "label" },
                { "level": "grid", "generate": { "cellSizeMeters": 500 } }
              ],
              "routing": "routing.json",
              "sla": "sla.json",
              "points": [ { "file": "devices.json", "crs": "wgs84", "idProperty": "ref", "kind": "camera", "longitudeProperty": "x", "latitudeProperty": "y" } ],
              "correlation": {
                "cellSizeMeters": {{cellSizeMeters}},
                "snapToleranceMeters": 1000,
                "default": { "radiusMeters": {{radiusMeters}}, "windowMinutes": {{windowMinutes}} },
                "reports": { "radiusMeters": 300, "joins": { "{{ReportCategory}}": ["{{ReportJoinsCategory}}"] } }
              }
            }
            """));
        return folder;
    }

    /// <summary>A point <paramref name="eastMeters"/> east and <paramref name="northMeters"/> north of (lon, lat).</summary>
    public static Geo.GeoPoint Offset(double lon, double lat, double eastMeters, double northMeters) =>
        new Geo.GeoPoint(lon, lat).MovedBy(eastMeters, northMeters);
}
