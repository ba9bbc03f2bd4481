using System.Globalization;

namespace CityBrain.Bench;

/// <summary>CPU a process used over a stretch of wall-clock time, beside how busy the whole machine was meanwhile.</summary>
/// <param name="CpuSeconds">CPU time of the process, all threads, user and kernel mode.</param>
/// <param name="WallSeconds">Elapsed time of the stretch.</param>
/// <param name="MachineBusyPercent">Busy share of all cores of the machine, every process included; shows whether the machine was shared.</param>
/// <param name="Cores">Cores of the machine.</param>
public sealed record CpuUsage(double CpuSeconds, double WallSeconds, double MachineBusyPercent, int Cores)
{
    public static CpuUsage Between(long processTicksBefore, long processTicksAfter, MachineTicks machineBefore, MachineTicks machineAfter, TimeSpan elapsed, int cores)
    {
        var total = machineAfter.Total - machineBefore.Total;
        return new CpuUsage(
            (double)(processTicksAfter - processTicksBefore) / ProcStat.TicksPerSecond,
            elapsed.TotalSeconds,
            total > 0 ? 100.0 * (machineAfter.Busy - machineBefore.Busy) / total : 0,
            cores);
    }

    public double CpuSecondsPerMinute => WallSeconds > 0 ? CpuSeconds * 60 / WallSeconds : 0;

    public double PercentOfOneCore => WallSeconds > 0 ? 100 * CpuSeconds / WallSeconds : 0;

    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"{WallSeconds:0.0} s: {CpuSeconds:0.00} CPU s, {CpuSecondsPerMinute:0.00} CPU s per minute, {PercentOfOneCore:0.00} % of one core; machine {MachineBusyPercent:0.0} % busy over {Cores} cores");
}
