namespace CityBrain.UnitTests.Scenarios;

/// <summary>Each built-in scenario, with sequences of observations that must fire it and ones that must not.</summary>
public sealed class BuiltInScenarioTests
{
    [Fact]
    public void Waterlogging_fires_when_rain_water_level_and_a_camera_agree_within_500_m_and_30_min()
    {
        var run = ScenarioRun.Of("waterlogging");
        Assert.Equal(0, run.FiringsOf(
            run.Reading("rain-1", 0, "rainfall_mm_h", 35),
            run.Reading("level-1", 10, "water_level_cm", 24, eastMeters: 250)));
        var fired = run.Feed(run.Detection("cam-1", 20, "waterlogging", northMeters: 400));
        Assert.Equal(("waterlogging", 3), (Assert.Single(fired).Scenario.Id, fired[0].Supporting));
    }

    [Fact]
    public void Waterlogging_does_not_fire_with_light_rain_a_far_camera_or_an_old_reading()
    {
        var light = ScenarioRun.Of("waterlogging");
        Assert.Equal(0, light.FiringsOf(
            light.Reading("rain-1", 0, "rainfall_mm_h", 12),
            light.Reading("level-1", 1, "water_level_cm", 30),
            light.Detection("cam-1", 2, "waterlogging")));

        var far = ScenarioRun.Of("waterlogging");
        Assert.Equal(0, far.FiringsOf(
            far.Reading("rain-1", 0, "rainfall_mm_h", 40),
            far.Reading("level-1", 1, "water_level_cm", 30),
            far.Detection("cam-1", 2, "waterlogging", eastMeters: 520)));

        var old = ScenarioRun.Of("waterlogging");
        Assert.Equal(0, old.FiringsOf(
            old.Reading("rain-1", 0, "rainfall_mm_h", 40),
            old.Reading("level-1", 20, "water_level_cm", 30),
            old.Detection("cam-1", 31, "waterlogging")));
    }

    [Fact]
    public void Illegal_parking_fires_once_when_one_camera_sees_it_for_10_min()
    {
        var run = ScenarioRun.Of("illegal-parking");
        var fired = run.Feed(
            run.Detection("cam-1", 0, "illegal_parking"),
            run.Detection("cam-1", 3, "illegal_parking"),
            run.Detection("cam-1", 6, "illegal_parking"),
            run.Detection("cam-1", 9, "illegal_parking"),
            run.Detection("cam-1", 10, "illegal_parking"),
            run.Detection("cam-1", 12, "illegal_parking"));
        Assert.Equal(10, (Assert.Single(fired).Trigger.ObservedAt - ScenarioRun.T0).TotalMinutes);
    }

    [Fact]
    public void Illegal_parking_does_not_fire_with_a_gap_over_3_min_or_across_two_cameras()
    {
        var gap = ScenarioRun.Of("illegal-parking");
        Assert.Equal(0, gap.FiringsOf(
            gap.Detection("cam-1", 0, "illegal_parking"),
            gap.Detection("cam-1", 3, "illegal_parking"),
            gap.Detection("cam-1", 7, "illegal_parking"),
            gap.Detection("cam-1", 10, "illegal_parking")));

        var two = ScenarioRun.Of("illegal-parking");
        Assert.Equal(0, two.FiringsOf(
            two.Detection("cam-1", 0, "illegal_parking"),
            two.Detection("cam-2", 3, "illegal_parking"),
            two.Detection("cam-1", 6, "illegal_parking"),
            two.Detection("cam-2", 9, "illegal_parking"),
            two.Detection("cam-1", 10, "illegal_parking") with { PointId = "cam-3" }));
    }

    [Fact]
    public void Crowd_gathering_fires_on_the_third_detection_within_200_m_in_10_min()
    {
        var run = ScenarioRun.Of("crowd-gathering");
        Assert.Equal(0, run.FiringsOf(run.Detection("cam-1", 0, "crowd"), run.Detection("cam-2", 4, "crowd", eastMeters: 100)));
        Assert.Equal(3, Assert.Single(run.Feed(run.Detection("cam-3", 10, "crowd", northMeters: 150))).Supporting);
    }

    [Fact]
    public void Crowd_gathering_does_not_fire_when_a_detection_is_beyond_200_m_or_older_than_10_min()
    {
        var far = ScenarioRun.Of("crowd-gathering");
        Assert.Equal(0, far.FiringsOf(far.Detection("cam-1", 0, "crowd"), far.Detection("cam-2", 1, "crowd", eastMeters: 210), far.Detection("cam-3", 2, "crowd")));

        var old = ScenarioRun.Of("crowd-gathering");
        Assert.Equal(0, old.FiringsOf(old.Detection("cam-1", 0, "crowd"), old.Detection("cam-2", 5, "crowd"), old.Detection("cam-3", 10.5, "crowd")));
    }

    [Fact]
    public void Smoke_fire_opens_a_critical_incident_on_one_confident_detection_and_ignores_a_doubtful_one()
    {
        var run = ScenarioRun.Of("smoke-fire");
        Assert.Equal(0, run.FiringsOf(run.Detection("cam-1", 0, "smoke_fire", confidence: 0.5), run.Detection("cam-1", 1, "smoke_fire", confidence: null)));
        var fired = Assert.Single(run.Feed(run.Detection("cam-1", 2, "smoke_fire", confidence: 0.8)));
        Assert.Equal((Incidents.Sla.Severity.Critical, "smoke_fire"), (fired.Scenario.Then.Severity, fired.Scenario.Then.Category));
    }

    [Fact]
    public void Manhole_cover_fires_over_15_degrees_of_tilt_only()
    {
        var run = ScenarioRun.Of("manhole-cover");
        Assert.Equal(0, run.FiringsOf(run.Reading("mh-1", 0, "manhole_tilt_deg", 3), run.Reading("mh-1", 1, "manhole_tilt_deg", 15)));
        Assert.Equal(1, run.FiringsOf(run.Reading("mh-1", 2, "manhole_tilt_deg", 15.5)));
    }

    [Fact]
    public void Garbage_overflow_fires_on_a_confident_camera_or_a_full_bin_and_not_on_a_doubtful_camera_or_a_half_full_bin()
    {
        var run = ScenarioRun.Of("garbage-overflow");
        Assert.Equal(0, run.FiringsOf(run.Detection("cam-1", 0, "garbage_overflow", confidence: 0.4), run.Reading("bin-1", 0, "bin_fill_percent", 55)));
        Assert.Equal(2, run.FiringsOf(run.Detection("cam-1", 1, "garbage_overflow", confidence: 0.7), run.Reading("bin-1", 1, "bin_fill_percent", 92)));
    }

    [Fact]
    public void Street_occupation_fires_after_15_min_of_vending_or_occupation_seen_by_one_camera()
    {
        var run = ScenarioRun.Of("street-occupation");
        var fired = run.Feed(
            run.Detection("cam-1", 0, "street_vending"),
            run.Detection("cam-1", 5, "street_vending"),
            run.Detection("cam-1", 10, "street_vending"),
            run.Detection("cam-1", 15, "street_vending"),
            run.Detection("cam-1", 16, "street_vending"));
        Assert.Equal(15, (Assert.Single(fired).Trigger.ObservedAt - ScenarioRun.T0).TotalMinutes);

        var occupied = ScenarioRun.Of("street-occupation");
        Assert.Equal(0, occupied.FiringsOf(
            occupied.Detection("cam-2", 0, "road_occupation"),
            occupied.Detection("cam-2", 5, "road_occupation"),
            occupied.Detection("cam-2", 11, "road_occupation"),
            occupied.Detection("cam-2", 14, "road_occupation")));
    }

    [Fact]
    public void Night_construction_noise_fires_over_70_dB_for_5_min_at_night_and_not_by_day()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var night = ScenarioRun.Of("night-construction-noise", shanghai);
        var at = new DateTime(2026, 11, 23, 23, 0, 0);
        Assert.Equal(1, night.FiringsOf(
            night.ReadingAtLocal("noise-1", shanghai, at, "noise_db", 78),
            night.ReadingAtLocal("noise-1", shanghai, at.AddMinutes(2), "noise_db", 75),
            night.ReadingAtLocal("noise-1", shanghai, at.AddMinutes(4), "noise_db", 74),
            night.ReadingAtLocal("noise-1", shanghai, at.AddMinutes(5), "noise_db", 72)));

        var day = ScenarioRun.Of("night-construction-noise", shanghai);
        var noon = new DateTime(2026, 11, 23, 12, 0, 0);
        Assert.Equal(0, day.FiringsOf(
            day.ReadingAtLocal("noise-1", shanghai, noon, "noise_db", 85),
            day.ReadingAtLocal("noise-1", shanghai, noon.AddMinutes(2), "noise_db", 85),
            day.ReadingAtLocal("noise-1", shanghai, noon.AddMinutes(5), "noise_db", 85)));

        var quietInBetween = ScenarioRun.Of("night-construction-noise", shanghai);
        Assert.Equal(0, quietInBetween.FiringsOf(
            quietInBetween.ReadingAtLocal("noise-1", shanghai, at, "noise_db", 78),
            quietInBetween.ReadingAtLocal("noise-1", shanghai, at.AddMinutes(2), "noise_db", 60),
            quietInBetween.ReadingAtLocal("noise-1", shanghai, at.AddMinutes(4), "noise_db", 78),
            quietInBetween.ReadingAtLocal("noise-1", shanghai, at.AddMinutes(5), "noise_db", 78)));
    }

    [Fact]
    public void Traffic_congestion_fires_on_10_slow_minutes_or_two_cameras_and_not_on_one_camera_twice()
    {
        var slow = ScenarioRun.Of("traffic-congestion");
        Assert.Equal(1, slow.FiringsOf(
            slow.Reading("loop-1", 0, "traffic_speed_kmh", 12),
            slow.Reading("loop-1", 3, "traffic_speed_kmh", 9),
            slow.Reading("loop-1", 6, "traffic_speed_kmh", 11),
            slow.Reading("loop-1", 9, "traffic_speed_kmh", 14),
            slow.Reading("loop-1", 10, "traffic_speed_kmh", 13)));

        var cameras = ScenarioRun.Of("traffic-congestion");
        Assert.Equal(0, cameras.FiringsOf(cameras.Detection("cam-1", 0, "traffic_congestion"), cameras.Detection("cam-1", 2, "traffic_congestion")));
        Assert.Equal(1, cameras.FiringsOf(cameras.Detection("cam-2", 4, "traffic_congestion", eastMeters: 250)));
    }
}
