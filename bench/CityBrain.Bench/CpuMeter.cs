using System.Diagnostics;

namespace CityBrain.Bench;

/// <summary>
/// cpu: the CPU time a running process uses over a stretch of time, read from <c>/proc/&lt;pid&gt;/stat</c> before
/// and after (Linux only). Reading counters costs the process measured nothing, unlike attaching a profiler,
/// so the figure is what the process costs when nobody is looking.
/// </summary>
public static class CpuMeter
{
    public static readonly string[] ValueOptions = ["pid", "seconds", "every"];

    private sealed record Sample(long ProcessTicks, MachineTicks Machine, TimeSpan At);

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        options.Required("pid");
        var pid = options.Int("pid", 0, 1, int.MaxValue);
        var seconds = options.Int("seconds", 60, 1, 7 * 86_400);
        var every = options.Int("every", seconds, 1, seconds);
        if (!OperatingSystem.IsLinux()) throw new BenchException("cpu reads /proc and runs on Linux only", ExitCodes.NoSuchProcess);

        var clock = Stopwatch.StartNew();
        var first = Read(pid, clock);
        var previous = first;
        Console.Error.WriteLine($"cpu: measuring process {pid} for {seconds} s");
        for (var mark = every; ; mark = Math.Min(mark + every, seconds))
        {
            // Wake at fixed marks from the start, so the delays' own overshoot does not add up over a long run.
            var wait = TimeSpan.FromSeconds(mark) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            var sample = Read(pid, clock);
            if (every < seconds) Console.WriteLine($"cpu: pid {pid}, {Between(previous, sample).ToText()}");
            previous = sample;
            if (mark >= seconds) break;
        }

        Console.WriteLine($"cpu: pid {pid}, total {Between(first, previous).ToText()}");
        return ExitCodes.Success;
    }

    private static CpuUsage Between(Sample before, Sample after) =>
        CpuUsage.Between(before.ProcessTicks, after.ProcessTicks, before.Machine, after.Machine, after.At - before.At, Environment.ProcessorCount);

    private static Sample Read(int pid, Stopwatch clock)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BenchException($"process {pid} does not exist (or has ended): /proc/{pid}/stat not found", ExitCodes.NoSuchProcess, e);
        }

        try
        {
            return new Sample(ProcStat.ParseProcess(stat), ProcStat.ParseMachine(File.ReadAllText("/proc/stat")), clock.Elapsed);
        }
        catch (FormatException e)
        {
            throw new BenchException($"unexpected /proc format: {e.Message}", e);
        }
    }
}
