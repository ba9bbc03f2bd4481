using CityBrain.Bench;

namespace CityBrain.UnitTests.Bench;

public sealed class Nyc311CheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_failed_criterion_is_named_with_its_measured_value_and_threshold()
    {
        var failures = CheckReport.Failures("check-311", Nyc311Check.Criteria(accounted: 2380, rows: 2386, agreement: 99.1, routedOfAllRows: 90.5));

        Assert.Equal(
        [
            "check-311: FAILED rows accounted for (evidence once, or dead letter): 2380 of 2386 (required: all 2386)",
            "check-311: FAILED routing agreement over all rows: 90.50% (required: at least 95.00%)",
        ], failures);
    }

    [Fact]
    public void A_run_that_meets_every_threshold_has_no_failure()
    {
        Assert.Empty(CheckReport.Failures("check-311", Nyc311Check.Criteria(2386, 2386, 98.0, 95.0)));
    }

    [Fact]
    public void An_agreement_with_nothing_compared_fails_and_says_so()
    {
        var failure = Assert.Single(CheckReport.Failures("check-311", Nyc311Check.Criteria(0, 0, null, 100)));

        Assert.Equal("check-311: FAILED community district agreement: n/a (nothing to compare) (required: at least 98.00%)", failure);
    }

    [Fact]
    public void A_count_still_moving_is_waited_for_until_it_stays_still_for_the_settle_time()
    {
        var watch = new SettleWatch(T0, wait: TimeSpan.FromMinutes(2), settle: TimeSpan.FromSeconds(5), expected: null);

        Assert.Equal(SettleVerdict.Waiting, watch.Observe(100, T0));
        Assert.Equal(SettleVerdict.Waiting, watch.Observe(900, T0.AddSeconds(4)));
        Assert.Equal(SettleVerdict.Waiting, watch.Observe(900, T0.AddSeconds(8)));
        Assert.Equal(SettleVerdict.Waiting, watch.Observe(2386, T0.AddSeconds(9)));
        Assert.Equal(SettleVerdict.Waiting, watch.Observe(2386, T0.AddSeconds(13)));
        Assert.Equal(SettleVerdict.Settled, watch.Observe(2386, T0.AddSeconds(14)));
    }

    [Fact]
    public void A_count_that_reaches_what_is_expected_needs_no_settle_time()
    {
        var watch = new SettleWatch(T0, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5), expected: 2386);

        Assert.Equal(SettleVerdict.Waiting, watch.Observe(2000, T0));
        Assert.Equal(SettleVerdict.Reached, watch.Observe(2386, T0.AddSeconds(1)));
    }

    [Fact]
    public void A_count_that_never_stops_moving_is_judged_at_the_deadline()
    {
        var watch = new SettleWatch(T0, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), expected: null);

        for (var second = 0; second < 10; second++) Assert.Equal(SettleVerdict.Waiting, watch.Observe(second, T0.AddSeconds(second)));
        Assert.Equal(SettleVerdict.TimedOut, watch.Observe(10, T0.AddSeconds(10)));
    }
}
