using CityBrain.Bench;

namespace CityBrain.UnitTests.Bench;

public sealed class ProcStatTests
{
    // A real line of /proc/<pid>/stat (proc(5)); utime is 1234 and stime 567 (fields 14 and 15).
    private const string DotnetStat =
        "4242 (dotnet) S 1 4242 19632 0 -1 4194560 51234 0 12 0 1234 567 0 0 20 0 42 0 2859820 3133440000 91234 18446744073709551615 1 1 0 0 0 0 0 4096 17642 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void Process_cpu_is_user_plus_kernel_ticks()
    {
        Assert.Equal(1234 + 567, ProcStat.ParseProcess(DotnetStat));
    }

    [Theory]
    [InlineData("my (odd) name")]
    [InlineData(".NET ThreadPool")]
    [InlineData(")")]
    public void A_command_name_with_spaces_or_parentheses_does_not_shift_the_fields(string name)
    {
        Assert.Equal(1234 + 567, ProcStat.ParseProcess(DotnetStat.Replace("(dotnet)", $"({name})", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 dotnet S 1")]
    [InlineData("4242 (dotnet) S 1 4242 19632 0 -1 4194560 51234 0 12 0 1234")]
    [InlineData("4242 (dotnet) S 1 4242 19632 0 -1 4194560 51234 0 12 0 lots 567 0 0")]
    public void A_line_without_the_fields_of_proc5_is_refused(string stat)
    {
        Assert.Throws<FormatException>(() => ProcStat.ParseProcess(stat));
    }

    [Fact]
    public void Machine_busy_excludes_idle_and_iowait_and_does_not_count_guest_time_twice()
    {
        const string procStat = """
            cpu  100 20 30 400 50 6 7 8 90 10
            cpu0 50 10 15 200 25 3 3 4 45 5
            intr 123
            """;

        Assert.Equal(new MachineTicks(100 + 20 + 30 + 6 + 7 + 8, 100 + 20 + 30 + 400 + 50 + 6 + 7 + 8), ProcStat.ParseMachine(procStat));
    }

    [Theory]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]
    [InlineData("cpu  1 2 3 4")]
    public void A_proc_stat_without_a_full_aggregate_cpu_line_is_refused(string procStat)
    {
        Assert.Throws<FormatException>(() => ProcStat.ParseMachine(procStat));
    }

    [Fact]
    public void Usage_is_cpu_seconds_over_wall_seconds_beside_the_machine_share()
    {
        var usage = CpuUsage.Between(1_000, 1_300, new MachineTicks(5_000, 20_000), new MachineTicks(5_600, 32_000), TimeSpan.FromMinutes(2), cores: 2);

        Assert.Equal(3.0, usage.CpuSeconds, 9);
        Assert.Equal(1.5, usage.CpuSecondsPerMinute, 9);
        Assert.Equal(2.5, usage.PercentOfOneCore, 9);
        Assert.Equal(5.0, usage.MachineBusyPercent, 9);
    }
}
