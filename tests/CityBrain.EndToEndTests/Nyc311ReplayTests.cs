using System.Text.RegularExpressions;

namespace CityBrain.EndToEndTests;

/// <summary>
/// The NYC 311 day, as a user would replay it: the bench tool converts the CSV to CloudEvents, publishes them
/// over MQTT to a host running the New York pack, and checks through the API that every row with coordinates
/// became evidence exactly once, every row without was dead-lettered, and the community district assigned agrees
/// with the file's own Community Board column for at least 98 % of rows, and the department the pack's routing
/// table sends each row's incident to agrees with the file's Agency column for at least 95 % of all rows.
/// </summary>
public sealed partial class Nyc311ReplayTests
{
    [Fact]
    public async Task Nyc311_day_replayed_through_MQTT_is_fully_accounted_for_with_98_percent_district_and_95_percent_routing_agreement()
    {
        await using var host = await HostProcess.StartAsync("nyc");
        var csv = Bench.Nyc311Csv;
        var ndjson = await Bench.ConvertNyc311Async();
        var url = host.Http.BaseAddress!.ToString().TrimEnd('/');

        await Bench.MustRunAsync("replay", "replay", "--file", ndjson, "--via", "mqtt", "--mqtt-port", host.MqttPort.ToString(), "--sse", $"{url}/api/stream/incidents", "--timeout-seconds", "120");
        var check = await Bench.MustRunAsync("check", "check-311", "--input", csv, "--http", url);

        var agreement = double.Parse(AgreementLine().Match(check).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(agreement >= 98.0, check);
        Assert.Contains("2386 of 2386 rows accounted for", check);
        var routing = double.Parse(RoutingLine().Match(check).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(routing >= 95.0, check);
    }

    [GeneratedRegex(@"check-311: ([0-9.]+)% agreement")]
    private static partial Regex AgreementLine();

    [GeneratedRegex(@"routing agreement \(([0-9.]+)% of all rows\)")]
    private static partial Regex RoutingLine();
}
