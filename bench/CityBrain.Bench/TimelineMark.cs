using System.Globalization;

namespace CityBrain.Bench;

/// <summary>A moment the operator marked while the evidence was watched, e.g. <c>kill</c> or <c>restart</c>.</summary>
public sealed record TimelineMark(string Name, DateTimeOffset At)
{
    /// <summary>
    /// Reads a marks file: one <c>&lt;name&gt; &lt;ISO 8601 time&gt;</c> per line (<c>echo "kill $(date -u +%FT%T.%3NZ)"</c>),
    /// blank lines ignored. A line that is not that fails with its number, so a mistyped mark is not measured from.
    /// </summary>
    public static IReadOnlyList<TimelineMark> Parse(IEnumerable<string> lines)
    {
        var marks = new List<TimelineMark>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new BenchException($"marks line {number}: expected '<name> <ISO 8601 time>', got '{ApiHttp.Truncate(line, 200)}'");
            }

            if (!DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                throw new BenchException($"marks line {number}: '{ApiHttp.Truncate(parts[1], 200)}' is not an ISO 8601 time");
            }

            marks.Add(new TimelineMark(parts[0], at));
        }

        return marks;
    }
}
