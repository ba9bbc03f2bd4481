using System.Diagnostics;
using System.Globalization;

namespace CityBrain.Bench;

/// <summary>
/// watch-evidence: reads the platform's evidence total every few hundred milliseconds until it reaches the
/// events expected, keeps every reading, and reports the ingest rate between the moments an operator marked
/// meanwhile (a node killed, restarted) and how long after each the last event became evidence.
/// </summary>
public static class WatchEvidence
{
    public static readonly string[] ValueOptions = ["http", "expected", "every-ms", "wait-seconds", "timeline", "marks"];

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var baseUri = options.HttpUri("http", "http://127.0.0.1:5080");
        options.Required("expected");
        var expected = options.Int("expected", 0, 1, int.MaxValue);
        var every = TimeSpan.FromMilliseconds(options.Int("every-ms", 250, 50, 60_000));
        var wait = TimeSpan.FromSeconds(options.Int("wait-seconds", 600, 1, 86_400));
        var marksPath = options.Optional("marks");
        using var timeline = options.Optional("timeline") is { } path ? new StreamWriter(path, append: false) : null;
        timeline?.WriteLine("at_utc,evidence,read_ms");

        using var client = ApiHttp.CreateClient();
        var api = new PlatformApi(client, baseUri);
        var samples = new List<EvidenceSample>();
        var deadline = DateTimeOffset.UtcNow + wait;
        var failures = 0;
        Console.Error.WriteLine($"watch-evidence: reading {baseUri} every {every.TotalMilliseconds:0} ms until {expected} events are evidence (at most {wait.TotalSeconds:0} s)");
        while (true)
        {
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            try
            {
                var evidence = await api.EvidenceTotalAsync(cancellationToken).ConfigureAwait(false);
                var sample = new EvidenceSample(started + clock.Elapsed / 2, evidence);
                samples.Add(sample);
                timeline?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample.At:yyyy-MM-ddTHH:mm:ss.fffZ},{evidence},{clock.ElapsedMilliseconds}"));
                timeline?.Flush();
                if (evidence >= expected) break;
            }
            catch (BenchException e)
            {
                // A node under test may answer slowly or not at all for a moment: that is what is being measured.
                failures++;
                Console.Error.WriteLine($"watch-evidence: reading failed ({e.Message}); reading again");
            }

            if (DateTimeOffset.UtcNow >= deadline) break;
            var pause = every - clock.Elapsed;
            if (pause > TimeSpan.Zero) await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }

        var marks = marksPath is null ? [] : ReadMarks(marksPath);
        Print(samples, marks, expected, failures);
        return samples.Count > 0 && samples[^1].Evidence >= expected ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static IReadOnlyList<TimelineMark> ReadMarks(string path)
    {
        if (!File.Exists(path)) throw new BenchException($"marks file not found: {path}");
        return TimelineMark.Parse(File.ReadLines(path));
    }

    private static void Print(IReadOnlyList<EvidenceSample> samples, IReadOnlyList<TimelineMark> marks, long expected, int failures)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"watch-evidence: {samples.Count} readings, {failures} failed"));
        if (samples.Count == 0) return;
        foreach (var s in EvidenceTimeline.Segments(samples, marks, expected))
        {
            Console.WriteLine(string.Create(inv,
                $"  {s.From} -> {s.To}: {s.Seconds:0.0} s, evidence {s.EvidenceAtStart:0} -> {s.EvidenceAtEnd:0}, {s.PerSecond:0} events/s"));
        }

        if (marks.Count > 0 && EvidenceTimeline.LongestStall(samples, marks.Min(m => m.At), expected) is { } stall)
        {
            Console.WriteLine(string.Create(inv,
                $"  longest stall after {marks.MinBy(m => m.At)!.Name}: {(stall.End.At - stall.Start.At).TotalSeconds:0.0} s at {stall.Start.Evidence} evidence, {stall.Start.At:HH:mm:ss.f}Z to {stall.End.At:HH:mm:ss.f}Z"));
        }

        if (EvidenceTimeline.Reached(samples, expected) is { } reached)
        {
            var after = marks.Select(m => After(m, reached.At));
            Console.WriteLine(string.Create(inv, $"watch-evidence: all {expected} events evidence at {reached.At:HH:mm:ss.fff}Z{(marks.Count > 0 ? ", " + string.Join(", ", after) : "")}"));
        }
        else
        {
            Console.WriteLine(string.Create(inv, $"watch-evidence: FAILED: {samples[^1].Evidence} of {expected} events evidence at the last reading ({samples[^1].At:HH:mm:ss.fff}Z)"));
        }
    }

    private static string After(TimelineMark mark, DateTimeOffset at)
    {
        var seconds = (at - mark.At).TotalSeconds;
        return seconds >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s after {mark.Name}")
            : string.Create(CultureInfo.InvariantCulture, $"{-seconds:0.0} s before {mark.Name}");
    }
}
