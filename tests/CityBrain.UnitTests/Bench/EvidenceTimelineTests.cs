using CityBrain.Bench;

namespace CityBrain.UnitTests.Bench;

public sealed class EvidenceTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static EvidenceSample At(double seconds, long evidence) => new(T0.AddSeconds(seconds), evidence);

    private static TimelineMark Mark(string name, double seconds) => new(name, T0.AddSeconds(seconds));

    [Fact]
    public void Evidence_between_two_readings_is_interpolated_and_outside_them_is_the_nearest_reading()
    {
        EvidenceSample[] samples = [At(0, 100), At(1, 300), At(2, 300)];

        Assert.Equal(100, EvidenceTimeline.EvidenceAt(samples, T0.AddSeconds(-5)));
        Assert.Equal(250, EvidenceTimeline.EvidenceAt(samples, T0.AddSeconds(0.75)));
        Assert.Equal(300, EvidenceTimeline.EvidenceAt(samples, T0.AddSeconds(1.5)));
        Assert.Equal(300, EvidenceTimeline.EvidenceAt(samples, T0.AddSeconds(9)));
    }

    [Fact]
    public void A_kill_and_a_restart_cut_the_run_into_before_outage_and_recovery_with_their_rates()
    {
        // Flat until 1 s, 1,000/s until the kill at 3 s, 250/s in the outage, 1,500/s after the restart at 7 s.
        EvidenceSample[] samples = [At(0, 0), At(1, 0), At(2, 1000), At(3, 2000), At(5, 2500), At(7, 3000), At(9, 6000), At(10, 7500), At(11, 7500)];

        var segments = EvidenceTimeline.Segments(samples, [Mark("kill", 3), Mark("restart", 7)], expected: 7500);

        Assert.Equal(
        [
            (EvidenceTimeline.FlowStart, "kill", 2.0, 1000.0),
            ("kill", "restart", 4.0, 250.0),
            ("restart", "all 7500", 3.0, 1500.0),
        ], segments.Select(s => (s.From, s.To, s.Seconds, s.PerSecond)));
        Assert.Equal(At(10, 7500), EvidenceTimeline.Reached(samples, 7500));
    }

    [Fact]
    public void A_run_that_never_reaches_the_expected_count_ends_at_its_last_reading_and_says_how_far_it_got()
    {
        EvidenceSample[] samples = [At(0, 0), At(1, 500), At(4, 2000), At(8, 2000)];

        var segments = EvidenceTimeline.Segments(samples, [Mark("kill", 2)], expected: 12000);

        Assert.Null(EvidenceTimeline.Reached(samples, 12000));
        Assert.Equal("last reading (2000 of 12000)", segments[^1].To);
        Assert.Equal(2000 - 1000, segments[^1].EvidenceAtEnd - segments[^1].EvidenceAtStart);
    }

    [Fact]
    public void Everything_evidence_before_the_restart_puts_the_restart_last()
    {
        EvidenceSample[] samples = [At(0, 0), At(1, 10), At(2, 20)];

        var segments = EvidenceTimeline.Segments(samples, [Mark("kill", 1.5), Mark("restart", 5)], expected: 20);

        Assert.Equal([EvidenceTimeline.FlowStart, "kill", "all 20"], segments.Select(s => s.From));
        Assert.Equal("restart", segments[^1].To);
        Assert.Equal(0, segments[^1].PerSecond);
    }

    [Fact]
    public void A_count_that_never_moved_has_no_flow_start()
    {
        EvidenceSample[] samples = [At(0, 0), At(1, 0)];

        Assert.Null(EvidenceTimeline.FlowStartedAt(samples));
        Assert.Empty(EvidenceTimeline.Segments(samples, [], 5));
        var afterKill = Assert.Single(EvidenceTimeline.Segments(samples, [Mark("kill", 0.5)], 5));
        Assert.Equal(("kill", "last reading (0 of 5)", 0.0), (afterKill.From, afterKill.To, afterKill.PerSecond));
    }

    [Fact]
    public void The_longest_stall_after_a_mark_runs_from_the_first_to_the_last_reading_that_shows_no_rise()
    {
        // Flat 1-3 s before the kill (not counted), flat 4-7 s, a dip of the approximate sum at 9 s, flat again 8-12 s.
        EvidenceSample[] samples = [At(1, 10), At(3, 10), At(4, 20), At(5, 20), At(7, 20), At(8, 30), At(9, 29), At(12, 30), At(13, 40), At(14, 50), At(20, 50)];

        var stall = EvidenceTimeline.LongestStall(samples, T0.AddSeconds(3.5), expected: 50);

        Assert.Equal((At(8, 30), At(12, 30)), stall);
        Assert.Null(EvidenceTimeline.LongestStall([At(0, 1), At(1, 2), At(2, 3)], T0, expected: 10));
        Assert.Equal((At(1, 2), At(2, 2)), EvidenceTimeline.LongestStall([At(0, 1), At(1, 2), At(2, 2)], T0, expected: 10));
    }

    [Fact]
    public void Marks_are_read_one_name_and_time_a_line_and_a_bad_line_is_named_by_its_number()
    {
        var marks = TimelineMark.Parse(["kill 2026-12-03T10:00:03.250Z", "", "  restart   2026-12-03T10:00:07Z  "]);

        Assert.Equal([Mark("kill", 3.25), Mark("restart", 7)], marks);
        var bad = Assert.Throws<BenchException>(() => TimelineMark.Parse(["kill 2026-12-03T10:00:03Z", "restart at 10:00:07"]));
        Assert.Equal("marks line 2: expected '<name> <ISO 8601 time>', got 'restart at 10:00:07'", bad.Message);
        var time = Assert.Throws<BenchException>(() => TimelineMark.Parse(["kill yesterday"]));
        Assert.Equal("marks line 1: 'yesterday' is not an ISO 8601 time", time.Message);
    }
}
