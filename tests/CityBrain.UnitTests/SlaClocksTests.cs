using System.Text.Json;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;

namespace CityBrain.UnitTests;

public sealed class SlaClocksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static SlaPolicy Policy(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SlaPolicyLoader.Parse(document.RootElement, "sla.json");
    }

    private static readonly SlaPolicy Standard = Policy("""
        {
          "warningFraction": 0.5,
          "default": { "acceptMinutes": 10, "dispatchMinutes": 20, "handleMinutes": 60, "closeMinutes": 120 },
          "severities": { "critical": { "acceptMinutes": 4 } },
          "categories": { "fire": { "acceptMinutes": 6, "severities": { "critical": { "acceptMinutes": 2 } } } }
        }
        """);

    [Theory]
    [InlineData("crowd", Severity.Normal, 10)]
    [InlineData("crowd", Severity.Critical, 4)]
    [InlineData("fire", Severity.Normal, 6)]
    [InlineData("fire", Severity.Critical, 2)]
    public void The_most_specific_level_that_sets_a_clock_decides_it(string category, Severity severity, double acceptMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(acceptMinutes), Standard.BudgetFor(category, severity, SlaStage.Accept));
        Assert.Equal(TimeSpan.FromMinutes(120), Standard.BudgetFor(category, severity, SlaStage.Close));
    }

    [Fact]
    public void A_detected_case_runs_accept_and_close_clocks_and_warns_then_breaches_in_order()
    {
        var clocks = new List<SlaClock>();
        SlaClocks.Sync(clocks, CaseStage.Detected, "crowd", Severity.Normal, Standard, T0);

        Assert.Equal([SlaStage.Accept, SlaStage.Close], clocks.Select(c => c.Stage));
        Assert.Equal(T0.AddMinutes(5), SlaClocks.NextDueAt(clocks, suspended: false));
        Assert.False(SlaClocks.TryFireNext(clocks, T0.AddMinutes(4.9), out _));
        Assert.True(SlaClocks.TryFireNext(clocks, T0.AddMinutes(5), out var warning));
        Assert.Equal(new SlaAlarm(SlaStage.Accept, SlaLevel.Yellow, T0.AddMinutes(5)), warning);
        Assert.Equal(T0.AddMinutes(10), SlaClocks.NextDueAt(clocks, suspended: false));
        Assert.True(SlaClocks.TryFireNext(clocks, T0.AddMinutes(10), out var breach));
        Assert.Equal(new SlaAlarm(SlaStage.Accept, SlaLevel.Red, T0.AddMinutes(10)), breach);
        Assert.True(SlaClocks.IsOverdue(clocks));
        Assert.Equal(T0.AddMinutes(60), SlaClocks.NextDueAt(clocks, suspended: false));
    }

    [Fact]
    public void After_downtime_the_oldest_threshold_fires_first_and_a_passed_deadline_goes_straight_to_red()
    {
        var clocks = new List<SlaClock>();
        SlaClocks.Sync(clocks, CaseStage.Detected, "crowd", Severity.Normal, Standard, T0);
        var late = T0.AddMinutes(70);

        var alarms = new List<SlaAlarm>();
        while (SlaClocks.TryFireNext(clocks, late, out var alarm)) alarms.Add(alarm!);

        Assert.Equal([new SlaAlarm(SlaStage.Accept, SlaLevel.Red, T0.AddMinutes(10)), new SlaAlarm(SlaStage.Close, SlaLevel.Yellow, T0.AddMinutes(60))], alarms);
    }

    [Fact]
    public void Moving_on_stops_the_stage_clock_on_time_and_starts_the_next_and_a_return_starts_a_fresh_one()
    {
        var clocks = new List<SlaClock>();
        SlaClocks.Sync(clocks, CaseStage.Detected, "crowd", Severity.Normal, Standard, T0);
        SlaClocks.Sync(clocks, CaseStage.Accepted, "crowd", Severity.Normal, Standard, T0.AddMinutes(3));
        SlaClocks.Sync(clocks, CaseStage.Dispatched, "crowd", Severity.Normal, Standard, T0.AddMinutes(30));
        SlaClocks.Sync(clocks, CaseStage.Accepted, "crowd", Severity.Normal, Standard, T0.AddMinutes(31));

        var accept = clocks.Single(c => c.Stage == SlaStage.Accept);
        var dispatches = clocks.Where(c => c.Stage == SlaStage.Dispatch).ToList();
        Assert.Equal(true, accept.MetDeadline);
        Assert.Equal(false, dispatches[0].MetDeadline);
        Assert.Equal((T0.AddMinutes(31), true), (dispatches[1].StartedAt, dispatches[1].Running));
        Assert.Single(clocks, c => c.Stage == SlaStage.Close && c.Running);
    }

    [Fact]
    public void Time_suspended_pushes_running_clocks_back_and_nothing_is_due_while_suspended()
    {
        var clocks = new List<SlaClock>();
        SlaClocks.Sync(clocks, CaseStage.Detected, "crowd", Severity.Normal, Standard, T0);

        Assert.Null(SlaClocks.NextDueAt(clocks, suspended: true));
        SlaClocks.Resume(clocks, T0.AddMinutes(1), T0.AddMinutes(31));

        Assert.Equal(T0.AddMinutes(35), SlaClocks.NextDueAt(clocks, suspended: false));
    }

    [Fact]
    public void A_more_severe_incident_shortens_its_running_clock()
    {
        var clocks = new List<SlaClock>();
        SlaClocks.Sync(clocks, CaseStage.Detected, "fire", Severity.Normal, Standard, T0);
        SlaClocks.Sync(clocks, CaseStage.Detected, "fire", Severity.Critical, Standard, T0.AddMinutes(1));

        Assert.Equal(T0.AddMinutes(2), clocks.Single(c => c.Stage == SlaStage.Accept).DeadlineAt);
    }

    [Fact]
    public void A_quiet_period_for_automatic_verification_is_the_categorys_or_else_the_default()
    {
        var policy = Policy("""{ "autoVerify": { "default": { "quietMinutes": 60 }, "categories": { "Parking": { "quietMinutes": 10 } } } }""");

        Assert.Equal(TimeSpan.FromMinutes(10), policy.QuietPeriodFor("parking"));
        Assert.Equal(TimeSpan.FromMinutes(60), policy.QuietPeriodFor("fire"));
        Assert.Null(Standard.QuietPeriodFor("parking"));
    }

    [Theory]
    [InlineData("\"warningFraction\": 0.5", "\"warningFraction\": 1.5", "warningFraction: must be a number between 0 and 1")]
    [InlineData("\"acceptMinutes\": 6,", "\"acceptMinutes\": -6,", "categories.fire.acceptMinutes: must be a number of minutes above 0")]
    [InlineData("\"severities\": { \"critical\": { \"acceptMinutes\": 4 } }", "\"severities\": { \"urgent\": { \"acceptMinutes\": 4 } }", "severities.urgent: 'urgent' is not a severity")]
    [InlineData("\"closeMinutes\": 120", "\"closingMinutes\": 120", "default.closingMinutes: unknown setting")]
    [InlineData("\"quietMinutes\": 10", "\"quietMinutes\": 0", "autoVerify.categories.parking.quietMinutes: must be a number of minutes above 0")]
    [InlineData("\"quietMinutes\": 10", "\"silentMinutes\": 10", "autoVerify.categories.parking.silentMinutes: unknown setting")]
    public void Errors_name_the_file_and_the_field(string find, string replace, string expected)
    {
        var json = """
            {
              "warningFraction": 0.5,
              "default": { "acceptMinutes": 10, "dispatchMinutes": 20, "handleMinutes": 60, "closeMinutes": 120 },
              "severities": { "critical": { "acceptMinutes": 4 } },
              "categories": { "fire": { "acceptMinutes": 6, "severities": { "critical": { "acceptMinutes": 2 } } } },
              "autoVerify": { "categories": { "parking": { "quietMinutes": 10 } } }
            }
            """.Replace(find, replace);
        var error = Assert.Throws<CityPackException>(() => Policy(json));
        Assert.StartsWith($"sla.json: {expected}", error.Message);
    }

    [Theory]
    [InlineData(Severity.Normal, 1, 1, Severity.Normal)]
    [InlineData(Severity.Normal, 3, 1, Severity.High)]
    [InlineData(Severity.Normal, 3, 2, Severity.Critical)]
    [InlineData(Severity.High, 8, 3, Severity.Critical)]
    [InlineData(Severity.Low, 2, 2, Severity.Normal)]
    public void Severity_rises_one_level_for_three_points_and_one_for_two_kinds(Severity start, int points, int kinds, Severity expected) =>
        Assert.Equal(expected, CityBrain.Incidents.SeverityRules.Of(start, points, kinds));
}
