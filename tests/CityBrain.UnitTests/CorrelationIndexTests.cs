using CityBrain.Cells;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Spatial;

namespace CityBrain.UnitTests;

public sealed class CorrelationIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Here = new(10.01, 50.01);
    private static readonly CorrelationRules Rules = new(new CorrelationRule(100, TimeSpan.FromMinutes(10)),
        new Dictionary<string, CorrelationRule> { ["smoke_fire"] = new(200, TimeSpan.FromMinutes(30)) });

    private static CellIncident Incident(string id, string category, GeoPoint at, DateTimeOffset opened, DateTimeOffset? last = null) =>
        new(id, category, at, opened, last ?? opened, "0:0");

    [Fact]
    public void Report_50m_away_a_minute_later_matches()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("i1", "crowd", Here, T0));
        Assert.Equal("i1", index.FindMatch("crowd", ObservationKind.Detection, TestPacks.Offset(Here.Longitude, Here.Latitude, 50, 0), T0.AddMinutes(1))?.Id);
    }

    [Fact]
    public void Rechecks_find_incidents_of_their_category_within_its_radius_at_any_age_nearest_first()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("far", "smoke_fire", TestPacks.Offset(Here.Longitude, Here.Latitude, 150, 0), T0));
        index.AddOwn(Incident("near", "smoke_fire", TestPacks.Offset(Here.Longitude, Here.Latitude, 0, 40), T0));
        index.AddOwn(Incident("beyond", "smoke_fire", TestPacks.Offset(Here.Longitude, Here.Latitude, 0, -201), T0));
        index.AddOwn(Incident("other", "crowd", Here, T0));

        Assert.Equal(["near", "far"], index.FindWithinRadius("smoke_fire", Here).Select(i => i.Id));
        Assert.Empty(index.FindWithinRadius("garbage_overflow", Here));
    }

    [Fact]
    public void Report_of_another_category_does_not_match() =>
        Assert.Null(WithOne("crowd").FindMatch("garbage_overflow", ObservationKind.Detection, Here, T0));

    [Fact]
    public void Report_beyond_the_radius_does_not_match() =>
        Assert.Null(WithOne("crowd").FindMatch("crowd", ObservationKind.Detection, TestPacks.Offset(Here.Longitude, Here.Latitude, 101, 0), T0));

    [Fact]
    public void Radius_end_is_inclusive() =>
        Assert.NotNull(WithOne("crowd").FindMatch("crowd", ObservationKind.Detection, TestPacks.Offset(Here.Longitude, Here.Latitude, 99.9, 0), T0));

    [Fact]
    public void Report_after_the_window_since_the_latest_evidence_does_not_match()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("i1", "crowd", Here, T0, T0.AddMinutes(5)));
        Assert.NotNull(index.FindMatch("crowd", ObservationKind.Detection, Here, T0.AddMinutes(15)));
        Assert.Null(index.FindMatch("crowd", ObservationKind.Detection, Here, T0.AddMinutes(15).AddSeconds(1)));
    }

    [Fact]
    public void Report_from_shortly_before_the_incident_opened_matches()
    {
        Assert.NotNull(WithOne("crowd").FindMatch("crowd", ObservationKind.Detection, Here, T0.AddMinutes(-10)));
        Assert.Null(WithOne("crowd").FindMatch("crowd", ObservationKind.Detection, Here, T0.AddMinutes(-11)));
    }

    [Fact]
    public void All_matches_include_every_candidate_not_just_the_nearest()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("near", "crowd", Here, T0));
        index.PutForeign(Incident("far", "crowd", TestPacks.Offset(Here.Longitude, Here.Latitude, 90, 0), T0));
        index.AddOwn(Incident("too-far", "crowd", TestPacks.Offset(Here.Longitude, Here.Latitude, 150, 0), T0));
        index.AddOwn(Incident("too-old", "crowd", Here, T0.AddHours(-2)));

        Assert.Equal("near", index.FindMatch("crowd", ObservationKind.Detection, Here, T0)?.Id);
        Assert.Equal(["far", "near"], index.FindAllMatches("crowd", ObservationKind.Detection, Here, T0).Select(m => m.Id).Order());
        Assert.Empty(index.FindAllMatches("garbage_overflow", ObservationKind.Detection, Here, T0));
    }

    [Fact]
    public void Category_rule_overrides_the_default()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("f1", "smoke_fire", Here, T0));
        Assert.NotNull(index.FindMatch("smoke_fire", ObservationKind.Detection, TestPacks.Offset(Here.Longitude, Here.Latitude, 180, 0), T0.AddMinutes(25)));
    }

    [Fact]
    public void Nearest_of_two_candidates_wins()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("far", "crowd", TestPacks.Offset(Here.Longitude, Here.Latitude, 80, 0), T0));
        index.PutForeign(Incident("near", "crowd", TestPacks.Offset(Here.Longitude, Here.Latitude, -20, 0), T0));
        Assert.Equal("near", index.FindMatch("crowd", ObservationKind.Detection, Here, T0)?.Id);
    }

    [Fact]
    public void Earlier_opened_incident_precedes_and_ties_break_on_id()
    {
        Assert.True(CorrelationIndex.Precedes(Incident("z", "c", Here, T0), Incident("a", "c", Here, T0.AddTicks(1))));
        Assert.True(CorrelationIndex.Precedes(Incident("a", "c", Here, T0), Incident("b", "c", Here, T0)));
        Assert.False(CorrelationIndex.Precedes(Incident("b", "c", Here, T0), Incident("a", "c", Here, T0)));
    }

    [Fact]
    public void Neighbours_incident_of_the_same_event_is_found_as_a_duplicate_of_an_own_one()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("mine", "crowd", Here, T0));
        var theirs = Incident("theirs", "crowd", TestPacks.Offset(Here.Longitude, Here.Latitude, 60, 0), T0.AddSeconds(1));
        Assert.Equal("mine", index.FindOwnDuplicateOf(theirs)?.Id);
        Assert.Null(index.FindOwnDuplicateOf(theirs with { Category = "fire" }));
    }

    [Fact]
    public void Index_stays_bounded()
    {
        var index = new CorrelationIndex(Rules);
        for (var i = 0; i < CorrelationIndex.DefaultCapacity + 10; i++) index.PutForeign(Incident($"i{i}", "crowd", Here, T0.AddSeconds(i)));
        Assert.Equal(CorrelationIndex.DefaultCapacity, index.Count);
        Assert.Null(index.Touch("i0", T0));
    }

    private static readonly CorrelationRules WithReports = new(new CorrelationRule(100, TimeSpan.FromMinutes(10)), new Dictionary<string, CorrelationRule>(),
        new ReportRule(300, new Dictionary<string, string[]> { ["parking_complaint"] = ["illegal_parking"] }));

    [Fact]
    public void A_citizen_report_joins_a_camera_incident_of_a_joined_category_within_the_report_radius_hours_later()
    {
        var index = new CorrelationIndex(WithReports);
        index.AddOwn(Incident("cam", "illegal_parking", Here, T0));
        var near = TestPacks.Offset(Here.Longitude, Here.Latitude, 250, 0);

        Assert.Equal("cam", index.FindMatch("parking_complaint", ObservationKind.Report, near, T0.AddHours(3))?.Id);
        Assert.Null(index.FindMatch("parking_complaint", ObservationKind.Detection, near, T0.AddHours(3)));
        Assert.Null(index.FindMatch("parking_complaint", ObservationKind.Report, TestPacks.Offset(Here.Longitude, Here.Latitude, 301, 0), T0));
        Assert.Null(index.FindMatch("parking_complaint", ObservationKind.Report, near, T0.AddMinutes(-11)));
        Assert.Null(index.FindMatch("noise_complaint", ObservationKind.Report, near, T0));
    }

    [Fact]
    public void Without_a_report_rule_a_report_correlates_like_any_observation()
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("cam", "crowd", Here, T0));

        Assert.Null(index.FindMatch("crowd", ObservationKind.Report, Here, T0.AddHours(3)));
        Assert.Equal("cam", index.FindMatch("crowd", ObservationKind.Report, Here, T0.AddMinutes(5))?.Id);
    }

    private static CorrelationIndex WithOne(string category)
    {
        var index = new CorrelationIndex(Rules);
        index.AddOwn(Incident("i1", category, Here, T0));
        return index;
    }
}
