using CityBrain.Bench;

namespace CityBrain.UnitTests.Bench;

public sealed class SlaLatenessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_due_time_is_read_from_a_warning_detail_as_the_incident_grain_writes_it()
    {
        var due = T0.AddTicks(1_234_567);

        Assert.True(SlaAuditDetail.TryParseDue($"accept deadline near, due {due:O}", out var parsed));
        Assert.Equal(due, parsed);
    }

    [Fact]
    public void The_due_time_is_read_from_a_breach_detail_that_goes_on_with_its_escalation()
    {
        Assert.True(SlaAuditDetail.TryParseDue("accept deadline missed, due 2026-11-23T08:30:00.0000000+00:00; escalated to borough 3", out var parsed));
        Assert.Equal(T0.AddMinutes(30), parsed);
    }

    [Theory]
    [InlineData("2026-11-23T09:00:00Z")]
    [InlineData("2026-11-23T17:00:00+08:00")]
    [InlineData("2026-11-23T04:00:00.000-05:00")]
    public void Any_ISO_8601_time_with_an_offset_is_read_as_the_same_instant(string text)
    {
        Assert.True(SlaAuditDetail.TryParseDue($"close deadline near, due {text}", out var parsed));
        Assert.Equal(T0.AddHours(1), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("accept deadline near")]
    [InlineData("accept deadline near, due soon")]
    [InlineData("accept deadline near, due 2026-11-23T08:00:00")]
    [InlineData("accept deadline near, due 2026-13-45T08:00:00Z")]
    [InlineData("overdue 2026-11-23T08:00:00Z")]
    public void A_detail_without_a_due_time_with_an_offset_is_not_read(string? detail)
    {
        Assert.False(SlaAuditDetail.TryParseDue(detail, out _));
    }

    [Fact]
    public void Lateness_percentiles_are_exact_nearest_rank_over_every_firing_and_per_kind()
    {
        // 100 firings 1 s, 2 s, ... 100 s late; the even ones are breaches.
        var firings = Enumerable.Range(1, 100)
            .Select(i => Firing(i % 2 == 0 ? SlaFiring.BreachedKind : SlaFiring.WarningKind, T0.AddMinutes(i), TimeSpan.FromSeconds(i)))
            .ToList();

        var report = SlaLatenessReport.From(firings, TimeSpan.FromSeconds(60));

        Assert.Equal((100, 50, 50), (report.Fired, report.Warnings, report.Breaches));
        Assert.Equal(new LatencyStats(100, 50_000, 90_000, 99_000, 100_000), report.LatenessMs);
        Assert.Equal(new LatencyStats(50, 49_000, 89_000, 99_000, 99_000), report.WarningLatenessMs);
        Assert.Equal(new LatencyStats(50, 50_000, 90_000, 100_000, 100_000), report.BreachLatenessMs);
        Assert.Equal(40, report.LaterThanLimit);
        Assert.Equal((T0.AddMinutes(1), T0.AddMinutes(100)), (report.FirstDue, report.LastDue));
        Assert.Equal((T0.AddMinutes(1).AddSeconds(1), T0.AddMinutes(100).AddSeconds(100)), (report.FirstFired, report.LastFired));
        Assert.Equal((1, 1), (report.PeakDuePerMinute, report.PeakFiredPerMinute));
    }

    [Fact]
    public void A_firing_exactly_at_the_limit_is_within_it()
    {
        var report = SlaLatenessReport.From([Firing(SlaFiring.WarningKind, T0, TimeSpan.FromSeconds(60)), Firing(SlaFiring.WarningKind, T0, TimeSpan.FromSeconds(60.001))], TimeSpan.FromSeconds(60));

        Assert.Equal(1, report.LaterThanLimit);
    }

    [Fact]
    public void No_firings_give_no_percentiles_and_no_peak()
    {
        var report = SlaLatenessReport.From([], TimeSpan.FromSeconds(60));

        Assert.Equal((0, null, null, 0), (report.Fired, report.LatenessMs, report.FirstDue, report.PeakDuePerMinute));
        Assert.Equal((null, 0), (report.LastFired, report.PeakFiredPerMinute));
    }

    [Fact]
    public void The_peak_counts_due_times_in_the_busiest_window_with_its_end_excluded()
    {
        DateTimeOffset[] due = [T0, T0.AddSeconds(10), T0.AddSeconds(59.999), T0.AddSeconds(60), T0.AddSeconds(61), T0.AddSeconds(62), T0.AddSeconds(300)];

        // [T0+10 s, T0+70 s) holds 10, 59.999, 60, 61 and 62.
        Assert.Equal(5, SlaLatenessReport.PeakWithin(due, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, SlaLatenessReport.PeakWithin([T0], TimeSpan.FromMinutes(1)));
        Assert.Equal(0, SlaLatenessReport.PeakWithin([], TimeSpan.FromMinutes(1)));
    }

    private static SlaFiring Firing(string kind, DateTimeOffset due, TimeSpan late) => new("incident", kind, due + late, due);
}
