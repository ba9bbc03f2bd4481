using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Points;
using CityBrain.Regions;
using Orleans.Runtime;

namespace CityBrain.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class IncidentLifecycleTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);
    private static readonly GeoPoint InB = new(10.03, 50.015);

    private Task<IngestReceipt> Submit(params Observation[] observations) => fixture.Grains.GetGrain<IIngestGrain>(0).Submit(observations);

    private async Task<IncidentSummary> OpenOne(string category, string camera = "cam-b")
    {
        await Submit(_events.Detection(Guid.NewGuid().ToString(), camera, InB, Events.T0, category));
        var page = await fixture.Grains.GetGrain<IRegionGrain>(TestPacks.DistrictB).ListIncidents(new IncidentQuery(category, IncidentStatus.Open, 1, 10));
        return Assert.Single(page.Items);
    }

    [Fact]
    public async Task Opened_incident_carries_region_codes_at_every_level_and_is_counted_by_each()
    {
        var category = Events.UniqueCategory("garbage");
        var incident = await OpenOne(category);

        Assert.Equal(3, incident.Regions.Codes.Length);
        Assert.Equal([TestPacks.Root, TestPacks.DistrictB], incident.Regions.Codes[..2]);
        foreach (var code in incident.Regions.Codes)
        {
            var counts = await fixture.Grains.GetGrain<IRegionGrain>(code).GetCounts();
            Assert.Equal(1, counts.OpenByCategory[category]);
        }

        var root = await fixture.Grains.GetGrain<IRegionGrain>(TestPacks.Root).GetCounts();
        Assert.True(root.OpenByChild[TestPacks.DistrictB] >= 1);
    }

    [Fact]
    public async Task Closing_the_case_resolves_the_incident_everywhere_and_a_second_close_is_refused()
    {
        var category = Events.UniqueCategory("garbage");
        var incident = await OpenOne(category);
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(incident.Id);

        var closed = await CaseScript.Close(grain, "cleared");
        var again = await grain.Act(new CaseCommand(CaseAction.PassVerification, "operator-8", "operator", "again"));

        Assert.Equal((CaseStage.Closed, IncidentStatus.Resolved), (closed.Incident!.Stage, closed.Incident.Status));
        Assert.Equal(CaseActStatus.NotAllowed, again.Status);
        Assert.Equal([CaseAction.Evaluate, CaseAction.Reopen], again.AllowedActions);
        var view = (await grain.Get())!;
        Assert.Equal(("operator-1", "cleared"), (view.Resolution!.Actor, view.Resolution.Note));
        var counts = await fixture.Grains.GetGrain<IRegionGrain>(TestPacks.DistrictB).GetCounts();
        Assert.False(counts.OpenByCategory.ContainsKey(category));
        var listed = await fixture.Grains.GetGrain<IRegionGrain>(TestPacks.DistrictB).ListIncidents(new IncidentQuery(category, IncidentStatus.Resolved, 1, 10));
        Assert.Equal((incident.Id, CaseStage.Closed), (Assert.Single(listed.Items).Id, listed.Items[0].Stage));

        // A closed incident takes no more evidence: the next report opens a new one.
        var next = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-b", InB, Events.T0.AddMinutes(1), category));
        Assert.Equal(1, next.Opened);
    }

    [Fact]
    public async Task Every_step_is_audited_with_actor_role_reason_and_the_stages_before_and_after()
    {
        var grain = fixture.Grains.GetGrain<IIncidentGrain>((await OpenOne(Events.UniqueCategory("garbage"))).Id);

        await CaseScript.Do(grain, CaseAction.Accept, actor: "op-1", reason: "seen on camera");
        await CaseScript.Do(grain, CaseAction.Suspend, actor: "op-2", role: "supervisor", reason: "waiting for the market to close");
        await CaseScript.Do(grain, CaseAction.Resume, actor: "op-2", role: "supervisor");

        var audit = (await grain.Get())!.Audit;
        Assert.Equal(["opened", "accepted", "suspended", "resumed"], audit.Select(a => a.Kind));
        var suspended = audit[2];
        Assert.Equal(("op-2", "supervisor", "waiting for the market to close"), (suspended.Actor, suspended.Role, suspended.Detail));
        Assert.Equal((CaseStage.Accepted, CaseStage.Suspended), (suspended.StageBefore, suspended.StageAfter));
        Assert.Equal((CaseStage.Suspended, CaseStage.Accepted), (audit[3].StageBefore, audit[3].StageAfter));
        Assert.True(audit.Zip(audit.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence && p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task Two_operators_acting_on_the_same_case_version_at_once_one_wins_and_the_other_is_told_the_case_changed()
    {
        var grain = fixture.Grains.GetGrain<IIncidentGrain>((await OpenOne(Events.UniqueCategory("garbage"))).Id);
        var seen = (await grain.Get())!.CaseVersion;

        var results = await Task.WhenAll(
            grain.Act(new CaseCommand(CaseAction.Accept, "op-1", "operator", null, seen)),
            grain.Act(new CaseCommand(CaseAction.Reject, "op-2", "operator", "false alarm", seen)));

        Assert.Single(results, r => r.Status == CaseActStatus.Done);
        var loser = Assert.Single(results, r => r.Status == CaseActStatus.VersionConflict);
        Assert.Equal(seen + 1, loser.CaseVersion);
        Assert.Equal(2, (await grain.Get())!.Audit.Length);
    }

    [Fact]
    public async Task A_routed_case_with_a_lead_and_two_assisting_departments_closes_only_after_all_three_tasks_are_done()
    {
        var incident = await OpenOne(TestPacks.RoutedCategory);
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(incident.Id);
        Assert.Equal("FIRE", incident.Department);
        Assert.Equal((TestPacks.RoutingVersion, "worker-b"), ((await grain.Get())!.Routing!.Version, (await grain.Get())!.Routing!.GridWorker));

        await CaseScript.Do(grain, CaseAction.Accept);
        await CaseScript.Do(grain, CaseAction.Dispatch);
        foreach (var department in new[] { "FIRE", "POL", "WATER" }) await CaseScript.Do(grain, CaseAction.StartWork, department, role: "department");
        var refusals = new List<CaseActResult>();
        foreach (var department in new[] { "POL", "FIRE", "WATER" })
        {
            refusals.Add(await grain.Act(new CaseCommand(CaseAction.SubmitForVerification, "FIRE", "department", null)));
            await CaseScript.Do(grain, CaseAction.CompleteTask, department, role: "department");
        }

        await CaseScript.Do(grain, CaseAction.SubmitForVerification, role: "department");
        var closed = await CaseScript.Do(grain, CaseAction.PassVerification, reason: "fire out, road open");

        Assert.All(refusals, r => Assert.Equal(CaseActStatus.NotAllowed, r.Status));
        Assert.Contains("POL (InProgress), WATER (InProgress)", refusals[0].Problem);
        Assert.Contains("WATER (InProgress)", refusals[2].Problem);
        Assert.Equal(CaseStage.Closed, closed.Incident!.Stage);
        Assert.All((await grain.Get())!.Tasks, t => Assert.Equal(TaskState.Done, t.State));
    }

    [Fact]
    public async Task Acting_on_an_unknown_incident_says_not_found()
    {
        var result = await fixture.Grains.GetGrain<IIncidentGrain>("inc-0000000000000000").Act(new CaseCommand(CaseAction.Accept, "op", "operator"));
        Assert.Equal(CaseActStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task Unregistered_point_is_registered_provisionally_at_its_first_event()
    {
        var camera = $"cam-new-{Guid.NewGuid():N}";
        await OpenOne(Events.UniqueCategory("crowd"), camera);

        var point = (await fixture.Grains.GetGrain<IPointGrain>(camera).Get())!;
        Assert.True(point.Provisional);
        Assert.Equal("camera", point.Kind);
        Assert.Equal(TestPacks.DistrictB, point.Regions.Codes[1]);
        Assert.True(InB.DistanceMetersTo(point.Location) < 0.01);
    }

    [Fact]
    public async Task Registered_point_keeps_its_registry_location_and_is_not_provisional()
    {
        var point = (await fixture.Grains.GetGrain<IPointGrain>("cam-a").Get())!;
        Assert.False(point.Provisional);
        Assert.Equal(new GeoPoint(10.01, 50.01), point.Location);
        Assert.Null(await fixture.Grains.GetGrain<IPointGrain>($"never-{Guid.NewGuid():N}").Get());
    }

    [Fact]
    public async Task Sensor_reading_is_kept_by_its_point_and_opens_nothing()
    {
        var sensor = $"sensor-{Guid.NewGuid():N}";
        var receipt = await Submit(_events.Reading(Guid.NewGuid().ToString(), sensor, InB, Events.T0, "water_level_cm", 23.5));

        Assert.Equal(1, receipt.Recorded);
        var point = (await fixture.Grains.GetGrain<IPointGrain>(sensor).Get())!;
        Assert.Equal(23.5, point.LastReading!.Value);
        Assert.Equal("sensor", point.Kind);
    }

    [Fact]
    public async Task Changes_reach_a_live_feed_registered_with_the_cluster()
    {
        var category = Events.UniqueCategory("stream");
        await using var probe = await LiveChangeProbe.Attach(fixture.Cluster.Client, change => change.Incident.Category == category);
        var detection = _events.Detection(Guid.NewGuid().ToString(), "cam-b", InB, Events.T0, category);
        await Submit(detection);
        var change = await probe.Matched.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(IncidentChangeKind.Opened, change.Kind);
        Assert.Equal(detection.Key, change.Cause);
    }
}
