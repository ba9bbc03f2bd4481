using System.Text.Json;
using CityBrain.Events;
using CityBrain.Packs;
using CityBrain.Routing;

namespace CityBrain.UnitTests;

public sealed class RoutingLoaderTests
{
    private static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());

    private const string Valid = """
        {
          "version": "v7",
          "departments": { "CITY": "City", "FIRE": "Fire", "POL": "Police" },
          "default": { "lead": "CITY" },
          "categories": { "Smoke_Fire": { "lead": "FIRE", "assisting": ["POL"] } },
          "grid": { "level": "grid", "workers": { "B": "worker-b", "B-G1": "worker-b1" } }
        }
        """;

    private static CityRouting Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RoutingLoader.Parse(document.RootElement, "routing.json", Twin.Regions);
    }

    private static string ErrorOf(string json) => Assert.Throws<CityPackException>(() => Parse(json)).Message;

    [Fact]
    public void Category_routes_to_its_lead_and_assisting_departments_case_insensitively_and_others_to_the_default()
    {
        var routing = Parse(Valid);

        var fire = routing.Route("smoke_fire", new RegionPath(["T", "A", "A-G3"]))!;
        var other = routing.Route("crowd", new RegionPath(["T", "A", "A-G3"]))!;

        Assert.Equal(("v7", "FIRE"), (fire.Version, fire.Lead));
        Assert.Equal(["POL"], fire.Assisting);
        Assert.Equal(("CITY", 0), (other.Lead, other.Assisting.Length));
        Assert.Equal("A-G3", fire.GridCode);
    }

    [Fact]
    public void The_most_specific_region_with_a_worker_names_the_grid_worker()
    {
        var routing = Parse(Valid);

        Assert.Equal("worker-b1", routing.Route("x", new RegionPath(["T", "B", "B-G1"]))!.GridWorker);
        Assert.Equal("worker-b", routing.Route("x", new RegionPath(["T", "B", "B-G2"]))!.GridWorker);
        Assert.Null(routing.Route("x", new RegionPath(["T", "A", "A-G1"]))!.GridWorker);
    }

    [Fact]
    public void Without_a_default_an_unlisted_category_is_not_routed()
    {
        var routing = Parse(Valid.Replace("\"default\": { \"lead\": \"CITY\" },", ""));
        Assert.Null(routing.Route("crowd", new RegionPath(["T", "A"])));
    }

    [Theory]
    [InlineData("\"version\": \"v7\",", "", "version: required")]
    [InlineData("\"lead\": \"FIRE\"", "\"lead\": \"PARKS\"", "categories.Smoke_Fire.lead: 'PARKS' is not a department")]
    [InlineData("[\"POL\"]", "[\"POL\", 7]", "categories.Smoke_Fire.assisting[1]: must be a department code")]
    [InlineData("[\"POL\"]", "[\"FIRE\"]", "categories.Smoke_Fire.assisting[0]: 'FIRE' is already the lead")]
    [InlineData("\"level\": \"grid\"", "\"level\": \"block\"", "grid.level: 'block' is not a region level of the pack (district, grid)")]
    [InlineData("\"B-G1\": \"worker-b1\"", "\"Z-9\": \"worker-z\"", "grid.workers.Z-9: 'Z-9' is not a region code")]
    [InlineData("{ \"lead\": \"CITY\" }", "{ }", "default.lead: required")]
    [InlineData("\"CITY\": \"City\", ", "\"CITY\": 1, ", "departments.CITY: must be the department's name")]
    public void Errors_name_the_file_and_the_field(string find, string replace, string expected)
    {
        var message = ErrorOf(Valid.Replace(find, replace));
        Assert.Equal($"routing.json: {expected}", message[..Math.Min(message.Length, expected.Length + 14)]);
    }

    [Fact]
    public void The_twin_pack_loads_its_routing_file()
    {
        Assert.Equal(TestPacks.RoutingVersion, Twin.Routing.Version);
        Assert.Equal("FIRE", Twin.Routing.Route(TestPacks.RoutedCategory, new RegionPath(["T", "B"]))!.Lead);
    }
}
