using CityBrain.Cells;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Scenarios;
using CityBrain.Spatial;
using CityBrain.UnitTests.Scenarios;

namespace CityBrain.UnitTests;

/// <summary>Times at the ends of the calendar, from devices or stored state, never make window arithmetic throw.</summary>
public sealed class SaturatingTimeTests
{
    private static readonly DateTimeOffset YearOne = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastTick = DateTimeOffset.MaxValue;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_before_year_one_or_after_year_9999_is_the_first_or_last_representable_time()
    {
        Assert.Equal(DateTimeOffset.MinValue, SaturatingTime.Minus(YearOne, TimeSpan.FromMinutes(30)));
        Assert.Equal(DateTimeOffset.MaxValue, SaturatingTime.Plus(LastTick, TimeSpan.FromMinutes(30)));
        Assert.Equal(DateTimeOffset.MinValue, SaturatingTime.Minus(T0, TimeSpan.MaxValue));
        Assert.Equal(DateTimeOffset.MaxValue, SaturatingTime.Minus(T0, TimeSpan.MinValue));
        Assert.Equal(DateTimeOffset.MinValue, SaturatingTime.Plus(T0, TimeSpan.MinValue));
        Assert.Equal(T0.AddMinutes(-30), SaturatingTime.Minus(T0, TimeSpan.FromMinutes(30)));
        Assert.Equal(T0.AddMinutes(30), SaturatingTime.Plus(T0, TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.MaxValue, SaturatingTime.FromMinutes(double.PositiveInfinity));
        Assert.Equal(TimeSpan.Zero, SaturatingTime.FromMinutes(double.NaN));
    }

    [Fact]
    public void Local_time_at_the_ends_of_the_calendar_is_clamped_in_zones_on_either_side_of_greenwich()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Assert.Equal(DateTime.MinValue, SaturatingTime.LocalTime(YearOne, newYork));
        Assert.Equal(DateTime.MaxValue, SaturatingTime.LocalTime(LastTick, shanghai));
        Assert.Equal(new DateTime(2026, 11, 23, 16, 0, 0), SaturatingTime.LocalTime(T0, shanghai));
    }

    [Fact]
    public void An_incident_opened_at_year_one_neither_throws_nor_matches_later_observations_and_is_no_duplicate_of_a_new_one()
    {
        var rules = new CorrelationRules(new CorrelationRule(100, TimeSpan.FromMinutes(30)), new Dictionary<string, CorrelationRule>());
        var index = new CorrelationIndex(rules);
        var here = new GeoPoint(10.01, 50.01);
        index.AddOwn(new CellIncident("old", "crowd", here, YearOne, YearOne, "0:0"));
        Assert.Null(index.FindMatch("crowd", ObservationKind.Detection, here, T0));
        Assert.Empty(index.FindAllMatches("crowd", ObservationKind.Detection, here, T0));
        Assert.Equal("old", index.FindMatch("crowd", ObservationKind.Detection, here, YearOne.AddMinutes(10))?.Id);
        var fresh = new CellIncident("new", "crowd", here, T0, T0, "0:0");
        Assert.Null(index.FindOwnDuplicateOf(fresh));
        Assert.False(rules.AreDuplicates("crowd", here, LastTick, LastTick, here, T0, T0));
    }

    [Fact]
    public void Scenario_windows_and_local_times_take_observations_from_year_one_and_year_9999_and_later_ones_still_fire()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var run = new ScenarioRun(newYork, ScenarioRun.FromJson("""
            {"id":"c","name":"n","when":{"count":{"of":{"detection":"crowd","localTime":{"from":"00:00","to":"23:59"}},"atLeast":2,"withinMinutes":10,"radiusMeters":100}},"then":{"open":{"category":"crowd"}}}
            """));
        var early = run.Detection("cam-1", 0, "crowd") with { ObservedAt = YearOne };
        var late = run.Detection("cam-1", 0, "crowd") with { ObservedAt = LastTick };
        Assert.Equal(0, run.FiringsOf(early, late));
        Assert.Equal(1, run.FiringsOf(run.Detection("cam-2", 0, "crowd"), run.Detection("cam-3", 1, "crowd")));
    }
}
