using CityBrain.Bench;
using CityBrain.Bench.Suite;

namespace CityBrain.UnitTests.Bench;

public sealed class SuiteSettingsTests
{
    [Theory]
    [InlineData("unknown option '--rate'", "--rate", "5")]
    [InlineData("no run 'mixed'", "--only", "readings,mixed")]
    [InlineData("names no run", "--only", ",")]
    [InlineData("between 100 and", "--events", "5")]
    [InlineData("between 1000 and", "--points", "ten")]
    [InlineData("does not exist", "--host", "/nowhere/CityBrain.Silo.dll")]
    [InlineData("does not exist", "--json", "/nowhere/at/all/suite.json")]
    [InlineData("does not take a value", "--quick=yes")]
    [InlineData("not an Npgsql connection string", "--postgres", "Nonsense=1")]
    public void Bad_arguments_are_refused_before_anything_starts(string message, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => SuiteSettings.From(CommandOptions.Parse("suite", args, SuiteSettings.ValueOptions, SuiteSettings.FlagOptions)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_keeps_the_suite_order_and_events_caps_every_feed_and_storm()
    {
        var sizes = SuiteSizes.Full.WithEvents(2_000);

        Assert.Equal(["readings", "mixed-http"], SuiteSettings.AllRuns.Where(new[] { "mixed-http", "readings" }.Contains));
        Assert.Equal([1, 1_000, 2_000], sizes.AttachLevels);
        Assert.Equal((2_000, 2_000, 2_000, 2_000), (sizes.MixedEvents, sizes.ReadingEvents, sizes.LatencyEvents, sizes.AttachBatch));
        Assert.Equal(SuiteSizes.CityPoints, SuiteSizes.Quick.Points);
    }
}
