using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityBrain.Bench.Suite;

/// <summary>The suite's results as a table for people and as JSON (one object per row) for scripts.</summary>
public static class ResultTable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.Strict,
    };

    private static readonly string[] Headers = ["run", "events", "events/s", "CPU µs/event", "× floor", "p50 ms", "p99 ms", "RSS MiB", "start s", "check"];

    /// <summary>Aligned columns; a row whose check failed or that was skipped says so in the check column, and its figures are still shown for diagnosis.</summary>
    public static string Format(IReadOnlyList<RunResult> rows)
    {
        var cells = rows.Select(r => new[]
        {
            r.Name,
            Number(r.Events, "N0"),
            Number(r.EventsPerSecond, "N0"),
            Number(r.CpuMicrosPerEvent, "N1"),
            Number(r.FloorRatio, "0.0"),
            Number(r.P50Ms, "N0"),
            Number(r.P99Ms, "N0"),
            Number(r.RssMiB, "N0"),
            Number(r.StartSeconds, "0.0"),
            r.Status switch
            {
                RunStatus.Passed => r.Check ?? "passed",
                RunStatus.Skipped => "skipped",
                _ => r.Check ?? "FAILED",
            },
        }).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => i == Headers.Length - 1 ? 0 : c[i].Length))).ToArray();
        var text = new StringBuilder();
        Line(Headers);
        Line(widths.Select((w, i) => new string('-', i == Headers.Length - 1 ? Headers[i].Length : w)).ToArray());
        foreach (var row in cells) Line(row);
        foreach (var row in rows.Where(r => r.Notes is not null)) text.Append(CultureInfo.InvariantCulture, $"  {row.Name}: {row.Notes}\n");
        return text.ToString();

        void Line(string[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var last = i == values.Length - 1;
                // Names and the check read left to right; figures line up on the right.
                text.Append(last ? values[i] : i == 0 ? values[i].PadRight(widths[i]) : values[i].PadLeft(widths[i]));
                if (!last) text.Append("  ");
            }

            text.Append('\n');
        }
    }

    /// <summary>
    /// An array with one object per row: <c>name</c>, <c>status</c> (passed, failed, skipped), <c>eventsPerSecond</c>,
    /// <c>cpuMicrosPerEvent</c>, <c>floorRatio</c>, <c>p50Ms</c>, <c>p99Ms</c>, <c>rssMiB</c>, <c>startSeconds</c>,
    /// <c>events</c>, <c>check</c>, <c>notes</c>; null where a figure does not apply.
    /// </summary>
    public static string ToJson(IReadOnlyList<RunResult> rows) => JsonSerializer.Serialize(rows.Select(r => new
    {
        name = r.Name,
        status = r.Status,
        eventsPerSecond = Round(r.EventsPerSecond, 1),
        cpuMicrosPerEvent = Round(r.CpuMicrosPerEvent, 2),
        floorRatio = Round(r.FloorRatio, 2),
        p50Ms = Round(r.P50Ms, 1),
        p99Ms = Round(r.P99Ms, 1),
        rssMiB = Round(r.RssMiB, 1),
        startSeconds = Round(r.StartSeconds, 2),
        events = r.Events,
        check = r.Check,
        notes = r.Notes,
    }), Json);

    private static double? Round(double? value, int digits) => value is { } v && double.IsFinite(v) ? Math.Round(v, digits) : null;

    private static string Number(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Number(long? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
