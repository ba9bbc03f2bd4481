using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CityBrain.EndToEndTests;

/// <summary>
/// The NYC 311 day, as a user would replay it: the bench tool converts the CSV to CloudEvents, publishes them
/// over MQTT to a host running the New York pack, and checks through the API that every row with coordinates
/// became evidence exactly once, every row without was dead-lettered, and the community district assigned agrees
/// with the file's own Community Board column for at least 98 % of rows.
/// </summary>
public sealed partial class Nyc311ReplayTests
{
    [Fact]
    public async Task Nyc311_day_replayed_through_MQTT_is_fully_accounted_for_with_98_percent_district_agreement()
    {
        await using var host = await HostProcess.StartAsync("nyc");
        var csv = RepoPaths.TestData("nyc311_2013-12-25_fullday.csv");
        var ndjson = Path.Combine(Directory.CreateTempSubdirectory("citybrain-311-").FullName, "nyc311.ndjson");
        var url = host.Http.BaseAddress!.ToString().TrimEnd('/');

        await Bench("convert", "convert-311", "--input", csv, "--output", ndjson);
        await Bench("replay", "replay", "--file", ndjson, "--via", "mqtt", "--mqtt-port", host.MqttPort.ToString(), "--sse", $"{url}/api/stream/incidents", "--timeout-seconds", "120");
        var check = await Bench("check", "check-311", "--input", csv, "--http", url);

        var agreement = double.Parse(AgreementLine().Match(check).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(agreement >= 98.0, check);
        Assert.Contains("2386 of 2386 rows accounted for", check);
    }

    private static async Task<string> Bench(string phase, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(HostProcess.BuiltDll(Path.Combine("bench", "CityBrain.Bench"), "CityBrain.Bench.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"phase '{phase}': bench exited {process.ExitCode}:\n{output}");
        return output;
    }

    [GeneratedRegex(@"check-311: ([0-9.]+)% agreement")]
    private static partial Regex AgreementLine();
}
