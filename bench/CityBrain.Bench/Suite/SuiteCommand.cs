using System.Diagnostics;
using System.Globalization;

namespace CityBrain.Bench.Suite;

/// <summary>
/// suite: the benchmark of issue 17 in one command. Generates a copy of the Chengdu pack with 160,000 registered
/// points and the city's feeds, makes every run against a fresh host of the Release build it starts itself, checks
/// each against the feed's ground truth, and prints one table (and <c>--json</c>). docs/benchmarks.md says what each
/// run means.
/// </summary>
public static class SuiteCommand
{
    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var settings = SuiteSettings.From(options);
        if (!OperatingSystem.IsLinux()) throw new BenchException("suite reads the host's CPU and memory from /proc and runs on Linux only");
        var temporary = settings.WorkFolder is null;
        var work = settings.WorkFolder ?? Directory.CreateTempSubdirectory("citybrain-suite-").FullName;
        PrepareWorkFolder(work);
        var clock = Stopwatch.StartNew();
        Console.Error.WriteLine($"suite: {(settings.Quick ? "quick" : "full")} run of {string.Join(", ", settings.Runs)}; host {settings.SiloDll}; work folder {work}{(temporary ? " (deleted at the end)" : "")}");
        var rows = new List<RunResult>();
        using var http = ApiHttp.CreateClient();
        var runner = new SuiteRunner(settings, work, http);
        var interrupted = false;
        try
        {
            runner.Prepare();
            foreach (var run in settings.Runs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = clock.Elapsed;
                var result = await runner.RunAsync(run, cancellationToken).ConfigureAwait(false);
                rows.AddRange(result);
                foreach (var row in result)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"suite: {row.Name}: {row.Status.ToString().ToLowerInvariant()} after {(clock.Elapsed - started).TotalSeconds:0} s; {row.Check}"));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }

        var final = runner.WithFloorRatios(rows);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CityBrain suite ({(settings.Quick ? "--quick" : "full")}, {settings.Sizes.Points:N0} points, seed {settings.Seed}), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, {clock.Elapsed.TotalMinutes:0.0} min{(interrupted ? ", INTERRUPTED" : "")}"));
        Console.Write(ResultTable.Format(final));
        if (settings.JsonPath is { } json)
        {
            AtomicFile.Write(json, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(ResultTable.ToJson(final))));
            Console.Error.WriteLine($"suite: results written to {json}");
        }

        // The bench shares the machine with the host it measures: say what it took itself.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"suite: the bench's own peak memory was {ProcStatus.ParsePeakResidentBytes(File.ReadAllText("/proc/self/status")) / (1024.0 * 1024.0):N0} MiB"));
        if (temporary) DeleteQuietly(work);
        if (interrupted) return ExitCodes.Interrupted;
        return final.Any(r => r.Status == RunStatus.Failed) ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Marks a folder as the suite's: only such a folder (or an empty one) is written into and cleared.</summary>
    public const string WorkMarker = ".citybrain-suite";

    /// <summary>
    /// The suite's own subfolders start empty: a pack or feed of an earlier suite must not be mistaken for this one's.
    /// A folder that holds anything else is refused, so a mistyped <c>--work</c> never loses files.
    /// </summary>
    private static void PrepareWorkFolder(string work)
    {
        Directory.CreateDirectory(work);
        var marker = Path.Combine(work, WorkMarker);
        if (!File.Exists(marker) && Directory.EnumerateFileSystemEntries(work).Any())
        {
            throw new UsageException($"option '--work': {work} is not empty and not a folder of an earlier suite (no {WorkMarker} in it)");
        }

        File.WriteAllText(marker, "work folder of the bench tool's suite: its pack, feeds, runs and scenarios-* are replaced at each suite\n");
        foreach (var folder in Directory.EnumerateDirectories(work).Where(d => Path.GetFileName(d) is "pack" or "feeds" or "runs" || Path.GetFileName(d).StartsWith("scenarios-", StringComparison.Ordinal)).ToList())
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"suite: could not delete {folder}: {e.Message}");
        }
    }
}
