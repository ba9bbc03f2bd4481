using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>
/// The real host on dirty city packs: a real-world GeoJSON camera list with broken entries starts and reports
/// each of them; a pack it cannot use stops the start with one line and a non-zero exit code; and the host reads
/// the <c>appsettings.json</c> beside it whatever the working directory.
/// </summary>
public sealed class PackLoadingTests
{
    /// <summary>NYC's DOT camera list as a GeoJSON export, with eight broken entries (tests/data/PROVENANCE.md).</summary>
    private static readonly string CameraPack = RepoPaths.TestData(Path.Combine("packs", "nyc-camera-geojson"));

    [Fact]
    public async Task A_pack_whose_point_file_is_a_real_world_GeoJSON_camera_list_with_broken_entries_starts_and_reports_each_by_id_and_fault()
    {
        await using var host = await HostProcess.StartAsync(CameraPack);

        var pack = await host.Http.GetFromJsonAsync<JsonElement>("/api/pack?pageSize=100");
        var points = pack.GetProperty("points");
        Assert.Equal((731, 723, 8), (points.GetProperty("entries").GetInt32(), points.GetProperty("loaded").GetInt32(), points.GetProperty("bad").GetInt32()));
        var bad = points.GetProperty("badEntries").GetProperty("items").EnumerateArray()
            .Select(e => (Id: e.GetProperty("id").GetString(), Fault: e.GetProperty("fault").GetString(), Detail: e.GetProperty("detail").GetString()!))
            .ToArray();
        Assert.Equal(
            [("9001", "missing"), ("9002", "null"), ("9003", "notANumber"), ("9004", "outOfRange"), ("9005", "swapped"), ("9006", "zeroZero"), ("9007", "outsideRegions"), ("368", "duplicateId")],
            bad.Select(b => (b.Id, b.Fault)).ToArray());
        Assert.Contains("\"abc\" is not a number", bad[2].Detail);
        Assert.Contains("latitude 91 is outside [-90, 90]", bad[3].Detail);
        Assert.Contains("outside every region by 2", bad[6].Detail);
        Assert.Contains("already given to entry 0", bad[7].Detail);
        Assert.Equal(1, points.GetProperty("badByFault").GetProperty("swapped").GetInt32());
        Assert.Equal(5, pack.GetProperty("levels")[0].GetProperty("regions").GetInt32());
        Assert.Contains("points: 723 of 731 entries loaded, 8 skipped", host.Log);
        Assert.Contains("cameras.geojson[370] id '9005': longitude 40.7484 and latitude -73.9857 look swapped", host.Log);
    }

    [Fact]
    public async Task An_incident_of_a_category_the_routing_table_lacks_is_counted_as_unrouted_and_logged_once()
    {
        await using var host = await HostProcess.StartAsync(CameraPack);
        var category = $"unicorn_sighting_{Guid.NewGuid():N}";
        for (var i = 0; i < 2; i++)
        {
            // Two detections by two cameras, far enough apart to open two incidents.
            var body = $$$"""
                {"specversion":"1.0","id":"e2e-unrouted-{{{i}}}-{{{Guid.NewGuid():N}}}","source":"e2e","type":"city.camera.detection","subject":"{{{(i == 0 ? "368" : "360")}}}","time":"{{{DateTimeOffset.UtcNow:O}}}",
                 "data":{"category":"{{{category}}}","confidence":0.9,"lon":{{{(i == 0 ? "-73.9857" : "-73.9500")}}},"lat":40.7484}}
                """;
            using var response = await host.Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, $"POST /api/events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var counted = await Poll.UntilAsync("both incidents counted as unrouted", async () =>
        {
            var pack = await host.Http.GetFromJsonAsync<JsonElement>("/api/pack");
            var entry = pack.GetProperty("unrouted").GetProperty("categories").EnumerateArray().FirstOrDefault(c => c.GetProperty("category").GetString() == category);
            return entry.ValueKind == JsonValueKind.Object && entry.GetProperty("incidents").GetInt32() == 2 ? entry : null;
        }, TimeSpan.FromSeconds(30), () => host.Log);

        Assert.Equal(2, counted.GetProperty("incidents").GetInt32());
        var logged = host.Log.Split('\n').Count(l => l.Contains($"Category {category} is not in routing table nyc-311-agencies-2026.11", StringComparison.Ordinal));
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task Too_many_bad_points_stop_the_start_with_one_line_naming_the_file_and_the_setting_and_no_stack_trace()
    {
        var (exitCode, stdout, stderr) = await RefusedStart.RunAsync(Environment.CurrentDirectory, $"--Pack={CameraPack}", "--PackLoading:MaxBadPointShare=0.001");

        Assert.Equal(78, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("CityBrain cannot start: city pack ", line);
        Assert.Contains("cameras.geojson: 8 of 731 point entries are bad (1.09%), more than PackLoading:MaxBadPointShare (0.001) allows", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Theory]
    [InlineData("\"crs\": \"wgs84\", \"codeProperty\"", "\"codeProperty\"", "citypack.json: layers[0].crs: missing; give the CRS of the coordinates, one of wgs84, gcj02, bd09")]
    [InlineData("\"file\": \"cameras.geojson\"", "\"file\": \"no-such-cameras.geojson\"", "no-such-cameras.geojson: not found")]
    [InlineData("\"root\": {", "\"root\": [", "citypack.json: $.root")]
    public async Task A_broken_pack_file_stops_the_start_with_one_line_naming_the_file_and_the_field(string find, string replace, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("citybrain-broken-pack-").FullName;
        try
        {
            // The layer file is named by its full path, so the copy needs no copy of the boroughs.
            var settings = File.ReadAllText(Path.Combine(CameraPack, "citypack.json"))
                .Replace("../../../../packs/nyc/boroughs.geojson", Path.Combine(RepoPaths.Pack("nyc"), "boroughs.geojson"))
                .Replace("../../../../packs/nyc/routing.json", Path.Combine(RepoPaths.Pack("nyc"), "routing.json"));
            Assert.Contains(find, settings);
            File.WriteAllText(Path.Combine(folder, "citypack.json"), settings.Replace(find, replace));
            File.Copy(Path.Combine(CameraPack, "cameras.geojson"), Path.Combine(folder, "cameras.geojson"));

            var (exitCode, stdout, stderr) = await RefusedStart.RunAsync(Environment.CurrentDirectory, $"--Pack={folder}");

            Assert.Equal(78, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, line);
            Assert.DoesNotContain("   at ", stdout + stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_Pack_setting_stops_the_start_naming_the_setting()
    {
        var (exitCode, _, stderr) = await RefusedStart.RunAsync(Environment.CurrentDirectory, $"--Pack={CameraPack}", "--PackLoading:MaxBadPointShare=1.5");

        Assert.Equal(78, exitCode);
        Assert.Equal("CityBrain cannot start: PackLoading:MaxBadPointShare must be between 0 and 1 (a share of a point file's entries)", stderr.Trim());
    }

    [Fact]
    public async Task Started_from_another_working_directory_the_host_reads_the_appsettings_json_beside_it()
    {
        // A copy of the build output whose appsettings.json sets the HTTP address: answering there proves it was read.
        var built = Path.GetDirectoryName(HostProcess.BuiltDll(Path.Combine("src", "Silo"), "CityBrain.Silo.dll"))!;
        var copy = Directory.CreateTempSubdirectory("citybrain-host-copy-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("citybrain-cwd-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(built)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            foreach (var dir in Directory.GetDirectories(built)) Directory.CreateSymbolicLink(Path.Combine(copy, Path.GetFileName(dir)), dir);
            var httpPort = HostProcess.FreePort();
            var appSettings = Path.Combine(copy, "appsettings.json");
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(appSettings))!;
            json["Http"]!["Url"] = $"http://127.0.0.1:{httpPort}";
            File.WriteAllText(appSettings, json.ToJsonString());

            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = elsewhere, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
                     {
                         Path.Combine(copy, "CityBrain.Silo.dll"), $"--Mqtt:Port={HostProcess.FreePort()}", $"--Orleans:SiloPort={HostProcess.FreePort()}",
                         $"--Orleans:GatewayPort={HostProcess.FreePort()}", "--Demo:Enabled=false", $"--Mqtt:ClientId=citybrain-e2e-{Guid.NewGuid():N}",
                     })
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info)!;
            var log = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
                var pack = await Poll.UntilAsync("host answers at the address of its appsettings.json", async () =>
                {
                    if (process.HasExited) throw new InvalidOperationException($"host exited with {process.ExitCode}:\n{log}");
                    try
                    {
                        return await http.GetFromJsonAsync<JsonElement>("/api/pack");
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                }, TimeSpan.FromSeconds(90), () => { lock (log) return log.ToString(); });
                Assert.Equal("Chengdu (demo)", pack.GetProperty("name").GetString());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
