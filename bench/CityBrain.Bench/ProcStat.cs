using System.Globalization;

namespace CityBrain.Bench;

/// <summary>Parsing of the Linux CPU counters in <c>/proc</c> (proc(5)). Counters are in clock ticks since boot or process start.</summary>
public static class ProcStat
{
    /// <summary>
    /// Ticks per second of the /proc counters (USER_HZ). The kernel fixes it at 100 towards user space on every
    /// architecture .NET runs on, whatever its internal HZ (only alpha and ia64 differ), so it is not looked up.
    /// </summary>
    public const int TicksPerSecond = 100;

    /// <summary>
    /// utime + stime of a <c>/proc/&lt;pid&gt;/stat</c> line: the CPU time all threads of the process spent in user
    /// and kernel mode (fields 14 and 15). Children it waited for are not included.
    /// </summary>
    /// <exception cref="FormatException">The line does not have the fields of proc(5).</exception>
    public static long ParseProcess(string stat)
    {
        // Field 2 is the command name in parentheses, and the name may itself hold spaces and ')': count from the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0) throw new FormatException("no ')' closing the command name");
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int UtimeAfterName = 14 - 3;
        if (fields.Length <= UtimeAfterName + 1) throw new FormatException($"{fields.Length + 2} fields, expected at least 15");
        return Ticks(fields[UtimeAfterName], "utime") + Ticks(fields[UtimeAfterName + 1], "stime");
    }

    /// <summary>
    /// The aggregate <c>cpu</c> line of <c>/proc/stat</c>. Idle is idle + iowait; busy is user, nice, system, irq,
    /// softirq and steal. Guest time is already counted in user, so it is not added again.
    /// </summary>
    /// <exception cref="FormatException">No aggregate cpu line, or too few fields in it.</exception>
    public static MachineTicks ParseMachine(string procStat)
    {
        var line = procStat.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new FormatException("no aggregate 'cpu' line");
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];
        if (fields.Length <= names.Length) throw new FormatException($"{fields.Length - 1} counters on the cpu line, expected at least {names.Length}");
        var ticks = names.Select((name, i) => Ticks(fields[i + 1], name)).ToArray();
        var idle = ticks[3] + ticks[4];
        return new MachineTicks(ticks.Sum() - idle, ticks.Sum());
    }

    private static long Ticks(string text, string name) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} is not a tick count: '{text}'");
}
