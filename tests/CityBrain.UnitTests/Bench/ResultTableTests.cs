using System.Text.Json;
using CityBrain.Bench.Suite;

namespace CityBrain.UnitTests.Bench;

public sealed class ResultTableTests
{
    private static readonly RunResult[] Rows =
    [
        new("floor-kafka", RunStatus.Passed, 20_000, 31_063.2, 33.25, 1, null, null, 192.4, 4.8, "passed: 20000 dead letters", "via kafka"),
        new("mixed-kafka", RunStatus.Failed, 300_000, 51_234.7, 99.75, 3.0, 12.5, 48.26, 1_234.5, 7.9, "FAILED: 2 happenings split (e.g. h1 in inc-a, inc-b)", "via kafka"),
        RunResult.Skipped("mixed-postgres", "no PostgreSQL binaries"),
        new("start-160k", RunStatus.Passed, 160_000, 12_000, 80, null, null, null, 1_400.27, 6.25, "passed", null),
    ];

    [Fact]
    public void The_table_lines_up_the_figures_and_says_which_runs_do_not_count()
    {
        var text = ResultTable.Format(Rows);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("run ", lines[0], StringComparison.Ordinal);
        Assert.Contains("CPU µs/event", lines[0], StringComparison.Ordinal);
        var header = lines[0].IndexOf("events/s", StringComparison.Ordinal) + "events/s".Length;
        Assert.Equal("31,063", lines[2][(header - 6)..header]);
        Assert.Equal("51,235", lines[3][(header - 6)..header]);
        Assert.EndsWith("FAILED: 2 happenings split (e.g. h1 in inc-a, inc-b)", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("skipped", lines[4], StringComparison.Ordinal);
        Assert.Contains("–", lines[4], StringComparison.Ordinal);
        Assert.Contains("  mixed-postgres: no PostgreSQL binaries", text, StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("check", StringComparison.Ordinal), lines[2].IndexOf("passed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_is_one_object_per_row_with_the_issue_fields_and_nulls_where_a_figure_does_not_apply()
    {
        using var json = JsonDocument.Parse(ResultTable.ToJson(Rows));
        var rows = json.RootElement.EnumerateArray().ToList();

        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            foreach (var field in new[] { "name", "status", "eventsPerSecond", "cpuMicrosPerEvent", "floorRatio", "p50Ms", "p99Ms", "rssMiB", "startSeconds", "events", "check", "notes" })
            {
                Assert.True(row.TryGetProperty(field, out _), $"{row.GetProperty("name")} has no {field}");
            }
        }

        Assert.Equal("mixed-kafka", rows[1].GetProperty("name").GetString());
        Assert.Equal("failed", rows[1].GetProperty("status").GetString());
        Assert.Equal(51_234.7, rows[1].GetProperty("eventsPerSecond").GetDouble());
        Assert.Equal(99.75, rows[1].GetProperty("cpuMicrosPerEvent").GetDouble());
        Assert.Equal(3.0, rows[1].GetProperty("floorRatio").GetDouble());
        Assert.Equal(48.3, rows[1].GetProperty("p99Ms").GetDouble());
        Assert.Equal("skipped", rows[2].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("eventsPerSecond").ValueKind);
        Assert.Equal(6.25, rows[3].GetProperty("startSeconds").GetDouble());
        Assert.Equal(1_400.3, rows[3].GetProperty("rssMiB").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[3].GetProperty("p99Ms").ValueKind);
    }
}
