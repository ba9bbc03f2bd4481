using System.Globalization;

namespace CityBrain.Bench;

/// <summary>Parsing of <c>/proc/&lt;pid&gt;/status</c> (proc(5)): the memory figures the kernel keeps per process.</summary>
public static class ProcStatus
{
    /// <summary>
    /// VmHWM, the peak resident set size of the process since it started (its RSS high-water mark), in bytes.
    /// </summary>
    /// <exception cref="FormatException">No VmHWM line, or not a number of kB.</exception>
    public static long ParsePeakResidentBytes(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var fields = line["VmHWM:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields is [var value, "kB"] && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)) return kb * 1024;
            throw new FormatException($"VmHWM is not a number of kB: '{line.Trim()}'");
        }

        throw new FormatException("no VmHWM line");
    }
}
