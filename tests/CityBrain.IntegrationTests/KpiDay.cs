using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Kpis;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Packs;

namespace CityBrain.IntegrationTests;

/// <summary>
/// One scripted day of the closed loop on the Twin pack (default clocks: accept 10 h, dispatch 10 h, handle
/// 100 h, close 1,000 h; litter goes to CITY, smoke_fire to FIRE with POL and WATER), and the KPIs it must give,
/// worked out by hand. The day starts at <see cref="Start"/> (D):
/// <code>
///         district  D+0   D+1h               D+3h    D+5h    D+6h                 D+12h
/// litter-1   A      open  accept, dispatch   closed          evaluated 5
/// litter-2   B      open  accept, dispatch           closed  evaluated 2, reopened
/// fire-3     B      open  accept, dispatch           closed                       evaluated 3
/// litter-4   B      open  accept (never dispatched: its dispatch clock runs late from D+11h)
/// litter-5   A      open  rejected as a false alarm
/// litter-6   A      open                                                          accept (2 h late)
/// litter-7   A                                                                    open (after the day)
/// </code>
/// </summary>
internal sealed class KpiDay(IGrainFactory grains, CityPack pack, ScriptedClock clock)
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private const string Litter = "litter";
    private readonly Events _events = new(pack);

    public async Task RunAsync()
    {
        var litter1 = await Open("litter-1", "cam-a", 10.005, Litter);
        var litter2 = await Open("litter-2", "cam-b", 10.025, Litter);
        var fire3 = await Open("fire-3", "cam-b", 10.030, TestPacks.RoutedCategory);
        var litter4 = await Open("litter-4", "cam-b", 10.035, Litter);
        var litter5 = await Open("litter-5", "cam-a", 10.010, Litter);
        var litter6 = await Open("litter-6", "cam-a", 10.015, Litter);

        clock.SetTo(Start.AddHours(1));
        foreach (var grain in new[] { litter1, litter2, fire3, litter4 }) await CaseScript.Do(grain, CaseAction.Accept);
        await CaseScript.Do(litter5, CaseAction.Reject, reason: "a shadow, not litter");
        foreach (var grain in new[] { litter1, litter2, fire3 }) await CaseScript.Do(grain, CaseAction.Dispatch);

        clock.SetTo(Start.AddHours(3));
        await CaseScript.Finish(litter1);

        clock.SetTo(Start.AddHours(5));
        await CaseScript.Finish(litter2);
        await CaseScript.Finish(fire3);

        clock.SetTo(Start.AddHours(6));
        await Evaluate(litter1, 5);
        await Evaluate(litter2, 2);
        await CaseScript.Do(litter2, CaseAction.Reopen, reason: "the reporter says the litter is back");

        clock.SetTo(Start.AddHours(12));
        await Evaluate(fire3, 3);
        await CaseScript.Do(litter6, CaseAction.Accept);
        await Open("litter-7", "cam-a", 10.008, Litter);
    }

    /// <summary>The day [D, D+12h) in the whole city: every case but litter-7.</summary>
    public static readonly KpiQuery WholeDay = new(TestPacks.Root, null, null, Start, Start.AddHours(12));

    /// <summary>
    /// Incidents 6, rejected 1 (litter-5), closed 2 (litter-1, fire-3), open 3; closure 2 ÷ (6 − 1);
    /// reopened 1 of the 3 ever closed; evaluated 2 (5 and 3; litter-2's 2 went with its reopening), satisfied 1;
    /// time to close 3 h and 5 h: mean 4 h, p90 3 h + 0.9 × 2 h = 4.8 h.
    /// Accept: 5 answered within 10 h (litter-1…5 at D+1h), litter-6 at D+12h late. Dispatch: 3 within the hour,
    /// litter-4's running since D+1h is past its D+11h deadline. Handle: 3 stopped in time (litter-2's second
    /// clock runs, not yet due). Close: litter-1, litter-2 (first close), fire-3 and the rejected litter-5 ended
    /// in time; the reopened litter-2's second close clock and the open cases' run, not yet due.
    /// </summary>
    public static void AssertWholeDay(KpiFigures f)
    {
        AssertCounts(f, incidents: 6, rejected: 1, closed: 2, open: 3, reopened: 1, evaluated: 2, satisfied: 1);
        AssertRate(2.0 / 5, f.ClosureRate, "closure rate");
        AssertRate(1.0 / 3, f.ReopenRate, "reopen rate");
        AssertRate(1.0 / 2, f.SatisfactionRate, "satisfaction rate");
        AssertRate(4.0, f.MeanScore, "mean score");
        AssertRate(4 * 3600, f.MeanTimeToCloseSeconds, "mean time to close");
        AssertRate(4.8 * 3600, f.P90TimeToCloseSeconds, "p90 time to close");
        AssertStage(5, 1, f.OnTime.Accept);
        AssertStage(3, 1, f.OnTime.Dispatch);
        AssertStage(3, 0, f.OnTime.Handle);
        AssertStage(4, 0, f.OnTime.Close);
    }

    /// <summary>
    /// CITY leads every litter case (litter-1, 2, 4, 5, 6): 5 incidents, 1 rejected, 1 closed of 4;
    /// litter-2 reopened of the 2 ever closed; litter-1's 5 the one evaluation; 3 h to close.
    /// </summary>
    public static void AssertCity(KpiFigures f)
    {
        AssertCounts(f, incidents: 5, rejected: 1, closed: 1, open: 3, reopened: 1, evaluated: 1, satisfied: 1);
        AssertRate(1.0 / 4, f.ClosureRate, "closure rate");
        AssertRate(1.0 / 2, f.ReopenRate, "reopen rate");
        AssertRate(3 * 3600, f.P90TimeToCloseSeconds, "p90 time to close");
    }

    /// <summary>District A holds litter-1, 5 and 6: closure 1 ÷ 2, nothing reopened; accept 2 in time, 1 late.</summary>
    public static void AssertDistrictA(KpiFigures f)
    {
        AssertCounts(f, incidents: 3, rejected: 1, closed: 1, open: 1, reopened: 0, evaluated: 1, satisfied: 1);
        AssertRate(1.0 / 2, f.ClosureRate, "closure rate");
        AssertRate(0, f.ReopenRate, "reopen rate");
        AssertStage(2, 1, f.OnTime.Accept);
    }

    /// <summary>District B holds litter-2, fire-3 and litter-4: fire-3 closed (5 h) of 3, litter-2 reopened of 2 ever closed.</summary>
    public static void AssertDistrictB(KpiFigures f)
    {
        AssertCounts(f, incidents: 3, rejected: 0, closed: 1, open: 2, reopened: 1, evaluated: 1, satisfied: 0);
        AssertRate(1.0 / 3, f.ClosureRate, "closure rate");
        AssertRate(1.0 / 2, f.ReopenRate, "reopen rate");
        AssertRate(5 * 3600, f.MeanTimeToCloseSeconds, "mean time to close");
        AssertRate(0, f.SatisfactionRate, "satisfaction rate");
    }

    /// <summary>The same questions through any <see cref="IKpiQueries"/>, at the day's last scripted moment.</summary>
    public static async Task AssertAllAsync(IKpiQueries kpis, DateTimeOffset now)
    {
        AssertWholeDay((await kpis.ComputeAsync(WholeDay, now)).Total);
        AssertCity((await kpis.ComputeAsync(WholeDay with { Department = "CITY" }, now)).Total);
        AssertDistrictA((await kpis.ComputeAsync(WholeDay with { RegionCode = TestPacks.DistrictA }, now)).Total);

        var fire = (await kpis.ComputeAsync(WholeDay with { Category = TestPacks.RoutedCategory }, now)).Total;
        AssertCounts(fire, incidents: 1, rejected: 0, closed: 1, open: 0, reopened: 0, evaluated: 1, satisfied: 0);

        var byRegion = await kpis.ComputeAsync(WholeDay with { GroupBy = KpiGrouping.Region }, now);
        AssertWholeDay(byRegion.Total);
        Assert.Equal([TestPacks.DistrictA, TestPacks.DistrictB], byRegion.Groups.Select(g => g.Key));
        AssertDistrictA(byRegion.Groups[0].Figures);
        AssertDistrictB(byRegion.Groups[1].Figures);

        var byDepartment = await kpis.ComputeAsync(WholeDay with { GroupBy = KpiGrouping.Department }, now);
        Assert.Equal(["CITY", "FIRE"], byDepartment.Groups.Select(g => g.Key));
        AssertCity(byDepartment.Groups[0].Figures);

        // The window: litter-7, opened at D+12h, is outside [D, D+12h) but inside the whole record.
        var everything = (await kpis.ComputeAsync(WholeDay with { From = null, To = null }, now)).Total;
        Assert.Equal(7, everything.Incidents);
        var nothing = (await kpis.ComputeAsync(WholeDay with { From = Start.AddHours(13), To = null }, now)).Total;
        AssertCounts(nothing, incidents: 0, rejected: 0, closed: 0, open: 0, reopened: 0, evaluated: 0, satisfied: 0);
        Assert.Null(nothing.ClosureRate);
        Assert.Null(nothing.P90TimeToCloseSeconds);
        Assert.Null(nothing.OnTime.Accept.Rate);
    }

    private async Task<IIncidentGrain> Open(string name, string camera, double longitude, string category)
    {
        var at = new GeoPoint(longitude, 50.01);
        var detection = _events.Detection($"kpi-{name}-{clock.Id}", camera, at, clock.GetUtcNow(), category);
        var outcome = await grains.GetGrain<IIngestGrain>(0).Submit([detection]);
        Assert.True(outcome.Opened == 1, $"{name} did not open an incident of its own");
        return grains.GetGrain<IIncidentGrain>(IncidentIds.For(detection.Key));
    }

    private static async Task Evaluate(IIncidentGrain grain, int score)
    {
        var result = await grain.Act(new CaseCommand(CaseAction.Evaluate, "reporter", "public", null, null, Score: score));
        Assert.True(result.Status == CaseActStatus.Done, $"evaluate was refused: {result.Problem}");
    }

    private static void AssertCounts(KpiFigures f, int incidents, int rejected, int closed, int open, int reopened, int evaluated, int satisfied) =>
        Assert.Equal((incidents, rejected, closed, open, reopened, evaluated, satisfied), (f.Incidents, f.Rejected, f.Closed, f.Open, f.Reopened, f.Evaluated, f.Satisfied));

    private static void AssertRate(double expected, double? actual, string what)
    {
        Assert.True(actual is { } a && Math.Abs(a - expected) < 1e-6, $"{what}: expected {expected}, got {actual?.ToString() ?? "null"}");
    }

    private static void AssertStage(int onTime, int late, StageOnTime actual)
    {
        Assert.Equal((onTime, late), (actual.OnTime, actual.Late));
        AssertRate((double)onTime / (onTime + late), actual.Rate, "on-time rate");
    }
}
