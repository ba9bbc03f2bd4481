using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Sla;
using CityBrain.Regions;

namespace CityBrain.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class SlaClockTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);

    // Each test of the category opens its incident at its own spot in district B, far beyond the correlation radius.
    private static readonly GeoPoint BreachSpot = TestPacks.Offset(10.025, 50.002, 100, 100);
    private static readonly GeoPoint SuspendSpot = TestPacks.Offset(10.025, 50.002, 900, 1500);
    private static readonly GeoPoint ControlSpot = TestPacks.Offset(10.025, 50.002, 500, 800);

    private async Task<string> OpenProbe(GeoPoint at)
    {
        var detection = _events.Detection(Guid.NewGuid().ToString(), "cam-b", at, Events.T0, TestPacks.FastSlaCategory);
        Assert.Equal(1, (await fixture.Grains.GetGrain<IIngestGrain>(0).Submit([detection])).Opened);
        return IncidentIds.For(detection.Key);
    }

    [Fact]
    public async Task A_missed_accept_deadline_warns_then_breaches_escalates_to_the_district_and_lists_the_incident_as_overdue()
    {
        var id = await OpenProbe(BreachSpot);
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(id);

        var view = await Poll.UntilAsync("the accept deadline is breached", async () =>
        {
            var v = (await grain.Get())!;
            return v.Audit.Any(a => a.Kind == "sla_breached") ? v : null;
        }, TimeSpan.FromSeconds(40));

        Assert.Equal(["opened", "sla_warning", "sla_breached"], view.Audit.Select(a => a.Kind));
        Assert.Contains("accept deadline missed", view.Audit[2].Detail);
        Assert.Contains($"escalated to district {TestPacks.DistrictB}", view.Audit[2].Detail);
        Assert.True(view.Summary.Overdue);
        Assert.Equal(IncidentSummary.EscalatedToDistrict, view.Summary.Escalation);
        var accept = view.Clocks.Single(c => c.Stage == SlaStage.Accept);
        Assert.True(view.Audit[2].At - accept.DeadlineAt < TimeSpan.FromSeconds(15), $"fired {view.Audit[2].At - accept.DeadlineAt} after the deadline");
        var overdue = await Poll.UntilAsync("the district lists it as overdue", async () =>
        {
            var page = await fixture.Grains.GetGrain<IRegionGrain>(TestPacks.DistrictB).ListIncidents(new IncidentQuery(TestPacks.FastSlaCategory, null, 1, 100, OverdueOnly: true));
            return page.Items.Any(i => i.Id == id) ? page : null;
        }, TimeSpan.FromSeconds(10));
        Assert.All(overdue.Items, i => Assert.True(i.Overdue));

        // Accepting stops the late clock: the case is no longer overdue (its next clocks are hours away).
        var accepted = await CaseScript.Do(grain, CaseAction.Accept);
        Assert.False(accepted.Incident!.Overdue);
        Assert.Equal(false, (await grain.Get())!.Clocks.Single(c => c.Stage == SlaStage.Accept).MetDeadline);
    }

    [Fact]
    public async Task A_suspended_case_fires_nothing_and_its_clocks_resume_pushed_back()
    {
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(await OpenProbe(SuspendSpot));
        await CaseScript.Do(grain, CaseAction.Suspend, reason: "road closed for a marathon");

        // "Nothing fired" needs proof that something would have: a case opened after this one, and not suspended,
        // has its deadline breached. By then this case's deadline has passed too, and a suspended case has no due
        // time (asserted below), so no silo's scan has it to fire.
        var control = fixture.Grains.GetGrain<IIncidentGrain>(await OpenProbe(ControlSpot));
        await Poll.UntilAsync("the control case's accept deadline is breached", async () => (await control.Get())!,
            v => v.Audit.Any(a => a.Kind == "sla_breached"), TimeSpan.FromSeconds(40));
        var suspended = (await grain.Get())!;
        await CaseScript.Do(grain, CaseAction.Resume);
        var resumed = (await grain.Get())!;

        Assert.DoesNotContain(suspended.Audit, a => a.Kind.StartsWith("sla_", StringComparison.Ordinal));
        Assert.Null(suspended.Summary.NextDueAt);
        Assert.True(resumed.Summary.NextDueAt > DateTimeOffset.UtcNow, "resumed clocks start again from where they stopped");
    }
    [Fact]
    public async Task A_case_in_verification_passes_by_itself_after_its_quiet_period_and_new_evidence_starts_the_period_over()
    {
        var spot = TestPacks.Offset(10.025, 50.002, 700, 1200);
        var detection = _events.Detection(Guid.NewGuid().ToString(), "cam-b", spot, Events.T0, TestPacks.QuietCategory);
        Assert.Equal(1, (await fixture.Grains.GetGrain<IIngestGrain>(0).Submit([detection])).Opened);
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(detection.Key));
        await CaseScript.Do(grain, CaseAction.Accept);
        await CaseScript.Do(grain, CaseAction.Dispatch);
        await CaseScript.Do(grain, CaseAction.StartWork, role: "department");
        await CaseScript.Do(grain, CaseAction.CompleteTask, role: "department");
        await CaseScript.Do(grain, CaseAction.SubmitForVerification);

        // Seen again a second into the quiet period: the case must stay quiet a full period from here. This is a
        // gap in time, not a wait for the system: without it, a case that kept its first quiet period would pass too.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var seenAgainBefore = DateTimeOffset.UtcNow;
        var again = _events.Detection(Guid.NewGuid().ToString(), "cam-b", spot, Events.T0.AddMinutes(1), TestPacks.QuietCategory);
        Assert.Equal(1, (await fixture.Grains.GetGrain<IIngestGrain>(0).Submit([again])).Attached);

        var view = await Poll.UntilAsync("the case passes verification by itself", async () =>
        {
            var v = (await grain.Get())!;
            return v.Summary.Stage == CaseStage.Closed ? v : null;
        }, TimeSpan.FromSeconds(30));

        var verified = view.Audit.Single(a => a.Kind == "verified");
        Assert.Equal((AuditEntry.System, AuditEntry.System), (verified.Actor, verified.Role));
        Assert.StartsWith("verified automatically: no new evidence for 0.05 min", verified.Detail);
        Assert.True(verified.At - seenAgainBefore >= TimeSpan.FromSeconds(TestPacks.QuietSeconds), $"verified {verified.At - seenAgainBefore} after the new evidence");
        Assert.Equal(IncidentStatus.Resolved, view.Summary.Status);
    }
}
