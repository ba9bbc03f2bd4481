using CityBrain.Bench;

namespace CityBrain.UnitTests.Bench;

public sealed class ProcStatusTests
{
    // Lines of a real /proc/<pid>/status (proc(5)).
    private const string DotnetStatus = "Name:\tdotnet\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 3141592 kB\nVmSize:\t 3100000 kB\nVmHWM:\t  329544 kB\nVmRSS:\t  301000 kB\nThreads:\t42\n";

    [Fact]
    public void The_peak_resident_set_is_VmHWM_in_bytes()
    {
        Assert.Equal(329_544L * 1024, ProcStatus.ParsePeakResidentBytes(DotnetStatus));
    }

    [Theory]
    [InlineData("Name:\tdotnet\nVmRSS:\t 1 kB\n")]
    [InlineData("VmHWM:\t lots kB\n")]
    [InlineData("VmHWM:\t 12 MB\n")]
    public void Another_shape_is_a_format_error(string status)
    {
        Assert.Throws<FormatException>(() => ProcStatus.ParsePeakResidentBytes(status));
    }
}
