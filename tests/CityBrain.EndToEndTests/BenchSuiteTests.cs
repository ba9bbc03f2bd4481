using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>The bench tool's <c>suite</c> as a user runs it from a fresh clone, at a size small enough for a test.</summary>
public sealed class BenchSuiteTests
{
    [Fact]
    public async Task A_small_suite_measures_the_floor_readings_and_the_mixed_feed_over_MQTT_checks_each_and_writes_the_table_and_json()
    {
        var folder = Directory.CreateTempSubdirectory("citybrain-suite-e2e-").FullName;
        var json = Path.Combine(folder, "suite.json");

        var (exit, output) = await Bench.RunAsync(TimeSpan.FromMinutes(4),
            "suite", "--only", "floor,readings,mixed-mqtt", "--events", "2000", "--points", "5000", "--seed", "3",
            "--host", HostProcess.BuiltDll(Path.Combine("src", "Silo"), "CityBrain.Silo.dll"), "--json", json, "--work", Path.Combine(folder, "work"));

        Assert.True(exit == 0, $"phase 'suite': bench exited {exit}:\n{output}");
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var rows = results.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["floor-http", "floor-mqtt", "floor-kafka", "readings", "mixed-mqtt"], rows.Keys);
        foreach (var (name, row) in rows)
        {
            Assert.True(row.GetProperty("status").GetString() == "passed", $"{name}: {row}");
            Assert.True(row.GetProperty("eventsPerSecond").GetDouble() > 0, name);
            Assert.True(row.GetProperty("cpuMicrosPerEvent").GetDouble() > 0, name);
            Assert.True(row.GetProperty("rssMiB").GetDouble() > 0, name);
            Assert.StartsWith("passed", row.GetProperty("check").GetString(), StringComparison.Ordinal);
        }

        // Readings go over HTTP, the mixed feed over MQTT: each against the floor of its own transport.
        var readings = rows["readings"];
        Assert.Equal(readings.GetProperty("cpuMicrosPerEvent").GetDouble() / rows["floor-http"].GetProperty("cpuMicrosPerEvent").GetDouble(),
            readings.GetProperty("floorRatio").GetDouble(), 1);
        Assert.NotEqual(JsonValueKind.Null, rows["mixed-mqtt"].GetProperty("floorRatio").ValueKind);
        Assert.True(rows["mixed-mqtt"].GetProperty("p99Ms").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, readings.GetProperty("p99Ms").ValueKind);
        Assert.Contains("6000 dead letters", rows["floor-kafka"].GetProperty("check").GetString(), StringComparison.Ordinal);
        Assert.Contains("mixed-mqtt", output, StringComparison.Ordinal);
        Assert.Contains("CPU µs/event", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "work", "runs", "mixed-mqtt", "host.log")));
    }

    [Fact]
    public async Task Bad_arguments_exit_with_2_before_anything_starts()
    {
        var (exit, output) = await Bench.RunAsync(TimeSpan.FromMinutes(1), "suite", "--only", "floor,nonsense");

        Assert.Equal(2, exit);
        Assert.Contains("no run 'nonsense'", output, StringComparison.Ordinal);
    }
}
