using System.Diagnostics;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Regions;
using CityBrain.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.TestingHost;

namespace CityBrain.IntegrationTests;

/// <summary>Scenarios saved in the registry, evaluated by the cells of both silos, acting through the incident lifecycle.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ScenarioTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);

    private IScenarioRegistryGrain Registry => fixture.Grains.GetGrain<IScenarioRegistryGrain>(IScenarioRegistryGrain.CityKey);

    private Task<IngestReceipt> Submit(params Observation[] observations) => fixture.Grains.GetGrain<IIngestGrain>(0).Submit(observations);

    private static string Pair(string id, string detection, string opens, string extra = "", bool takesOver = true) => """
        {"id":"ID","name":"two within 100 m",EXTRA
         "when":{"count":{"of":{"detection":"DETECTION"},"atLeast":2,"withinMinutes":10,"radiusMeters":100}},
         "then":{"open":{"category":"OPENS","severity":"high","takesOverOpening":TAKES}}}
        """.Replace("ID", id).Replace("EXTRA", extra).Replace("DETECTION", detection).Replace("OPENS", opens).Replace("TAKES", takesOver ? "true" : "false");

    /// <summary>Spots over both districts, 600 m apart, so each falls in a cell of its own (5 columns, 3 rows).</summary>
    private static GeoPoint Spot(int i) => new GeoPoint(10.003, 50.003).MovedBy(600 * (i % 5), 600 * (i / 5 % 3));

    private async Task WaitForEverySilo(long revision, string phase)
    {
        await Poll.UntilAsync(phase, () => Task.FromResult(
            fixture.Cluster.Silos.Select(s => ((InProcessSiloHandle)s).SiloHost.Services.GetRequiredService<ScenarioCatalogSource>().Current.Revision).ToArray()),
            revisions => revisions.All(r => r >= revision), TimeSpan.FromSeconds(5));
    }

    /// <summary>Firing records reach their grain within a second of the firing (each silo sends them in batches).</summary>
    private Task<ScenarioFirings> Recorded(string id, int firings) =>
        Poll.UntilAsync($"{firings} firings of {id} are recorded", async () =>
        {
            var recorded = await fixture.Grains.GetGrain<IScenarioFiringsGrain>(id).Get(100);
            return recorded.Live + recorded.Shadow >= firings ? recorded : null;
        }, TimeSpan.FromSeconds(5));

    private async Task<IncidentSummary[]> Incidents(string category) =>
        (await fixture.Grains.GetGrain<IRegionGrain>(TestPacks.Root).ListIncidents(new IncidentQuery(category, null, 1, 100))).Items;

    [Fact]
    public async Task A_scenario_saved_while_running_opens_incidents_from_cells_on_both_silos_within_5_s()
    {
        var detection = Events.UniqueCategory("crowd");
        var opens = Events.UniqueCategory("gathering");
        var id = $"pair-{Guid.NewGuid():N}"[..20];
        var stopwatch = Stopwatch.StartNew();
        var saved = await Registry.Save(new SaveScenario(id, Pair(id, detection, opens), "designer-1"));
        Assert.Equal(ScenarioChangeStatus.Created, saved.Status);
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the new scenario");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");

        // Fifteen cells: placement is the runtime's, and all fifteen on one silo is a chance of 1 in 16,384.
        var places = Enumerable.Range(0, 15).Select(Spot).ToArray();
        foreach (var place in places)
        {
            // One detection alone opens nothing: the scenario took the category over.
            Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-p1", place, Events.T0, detection))).Recorded);
            Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-p2", TestPacks.Offset(place.Longitude, place.Latitude, 30, 0), Events.T0.AddMinutes(1), detection))).Opened);
        }

        var opened = await Incidents(opens);
        Assert.Equal(places.Length, opened.Length);
        Assert.All(opened, i => Assert.Equal((id, 1, CityBrain.Incidents.Sla.Severity.High), (i.ScenarioId, i.ScenarioVersion, i.Severity)));
        Assert.Empty(await Incidents(detection));
        var cells = places.Select(p => fixture.Pack.Cells.CellOf(p).GrainKey).ToHashSet();
        var statistics = (await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Where(s => s.GrainId.Type.ToString() == "cell").ToArray();
        var silosWithCells = statistics.Where(s => cells.Contains(s.GrainId.Key.ToString()!)).Select(s => s.SiloAddress).Distinct().Count();
        Assert.True(silosWithCells == 2 || cells.Count < 2, $"the {cells.Count} cells were all on one silo: {string.Join(", ", statistics.Take(5).Select(s => $"{s.GrainId} {s.GrainType} {s.SiloAddress}"))} of {statistics.Length}");

        var firings = await Recorded(id, places.Length);
        Assert.Equal((places.Length, 0L), ((int)firings.Live, firings.Shadow));
        Assert.All(firings.Latest, f => Assert.Equal(ScenarioEffect.Opened, f.Effect));
    }

    [Fact]
    public async Task A_count_across_a_cell_border_sees_the_detection_taken_just_before_even_when_the_neighbour_hears_of_it_late()
    {
        var detection = Events.UniqueCategory("crowd");
        var opens = Events.UniqueCategory("gathering");
        var id = $"border-{Guid.NewGuid():N}"[..20];
        Assert.Equal(ScenarioChangeStatus.Created, (await Registry.Save(new SaveScenario(id, Pair(id, detection, opens), "designer-9"))).Status);
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the border scenario");

        // Two detections 40 m apart on either side of the west edge of Spot(14)'s cell (district B either side).
        var cells = fixture.Pack.Cells;
        var east = cells.CellOf(Spot(14));
        var west = east with { Column = east.Column - 1 };
        var border = cells.Unproject(east.Column * cells.CellSizeMeters, cells.Project(Spot(14)).Y);
        var (first, second) = (TestPacks.Offset(border.Longitude, border.Latitude, -20, 0), TestPacks.Offset(border.Longitude, border.Latitude, 20, 0));
        Assert.Equal((west, east), (cells.CellOf(first), cells.CellOf(second)));

        // The west cell's share of the first detection reaches the east cell late, after the second detection is
        // submitted: an acknowledged detection must count for the next one all the same.
        using (SlowShares.To(east.GrainKey))
        {
            Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-w1", first, Events.T0, detection))).Recorded);
            Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-e1", second, Events.T0.AddSeconds(1), detection))).Opened);
        }

        Assert.Single(await Incidents(opens));
        await Registry.SetEnabled(id, false, "designer-9");
    }

    [Fact]
    public async Task A_shadow_scenario_records_what_it_would_have_done_and_leaves_observations_to_open_incidents_themselves()
    {
        var detection = Events.UniqueCategory("smoke");
        var opens = Events.UniqueCategory("fire");
        var id = $"shadow-{Guid.NewGuid():N}"[..20];
        Assert.Equal(ScenarioChangeStatus.Created, (await Registry.Save(new SaveScenario(id, Pair(id, detection, opens, "\"mode\":\"shadow\","), "designer-2"))).Status);
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the shadow scenario");

        var place = Spot(7);
        await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-s1", place, Events.T0, detection));
        await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-s2", place, Events.T0.AddMinutes(1), detection));

        Assert.Empty(await Incidents(opens));
        Assert.Single(await Incidents(detection));
        var fired = Assert.Single((await Recorded(id, 1)).Latest);
        Assert.Equal((true, ScenarioEffect.None, 2), (fired.Shadow, fired.Effect, fired.Supporting));
        Assert.StartsWith($"open {opens}", fired.Would);
    }

    [Fact]
    public async Task Disabling_a_scenario_gives_its_categories_back_to_direct_incidents()
    {
        var detection = Events.UniqueCategory("vending");
        var id = $"off-{Guid.NewGuid():N}"[..20];
        await Registry.Save(new SaveScenario(id, Pair(id, detection, Events.UniqueCategory("stall")), "designer-3"));
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the scenario");
        Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-d1", Spot(8), Events.T0, detection))).Recorded);

        var disabled = await Registry.SetEnabled(id, false, "designer-3");
        Assert.Equal((ScenarioChangeStatus.Updated, 2), (disabled.Status, disabled.Scenario!.Version));
        await WaitForEverySilo(await Registry.GetRevision(), "both silos dropped the disabled scenario");
        Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-d1", Spot(8).MovedBy(0, 300), Events.T0, detection))).Opened);
    }

    [Fact]
    public async Task A_live_scenario_that_does_not_say_it_takes_over_leaves_every_detection_opening_incidents_and_fires_beside_them()
    {
        var detection = Events.UniqueCategory("flare");
        var id = $"watch-{Guid.NewGuid():N}"[..20];
        Assert.Equal(ScenarioChangeStatus.Created, (await Registry.Save(new SaveScenario(id, Pair(id, detection, detection, takesOver: false), "designer-9"))).Status);
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the watching scenario");
        var catalog = fixture.Cluster.Silos.Select(s => ((InProcessSiloHandle)s).SiloHost.Services.GetRequiredService<ScenarioCatalogSource>().Current);
        Assert.All(catalog, c => Assert.False(c.TakesOver(ObservationKind.Detection, detection)));

        // North of the fifteen spots, in a cell of its own: the first test counts where those cells live.
        var place = Spot(13).MovedBy(0, 600);
        Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-w1", place, Events.T0, detection))).Opened);
        // The second fires the scenario, whose evidence joins the incident the first opened, as the detection itself does.
        Assert.Equal(1, (await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-w2", place.MovedBy(20, 0), Events.T0.AddMinutes(1), detection))).Attached);
        var incident = Assert.Single(await Incidents(detection));
        Assert.Equal(3, (await fixture.Grains.GetGrain<IIncidentGrain>(incident.Id).Get())!.Evidence.Length);
        Assert.Equal(ScenarioEffect.Attached, Assert.Single((await Recorded(id, 1)).Latest).Effect);
        await Registry.SetEnabled(id, false, "designer-9");
    }

    [Fact]
    public async Task The_registry_refuses_an_invalid_definition_naming_each_path_and_a_stale_version()
    {
        var id = $"bad-{Guid.NewGuid():N}"[..20];
        var invalid = await Registry.Save(new SaveScenario(id, """{"id":"ID","name":"n","when":{"count":{"of":{"detection":"a"}}},"then":{"open":{"category":"c"}}}""".Replace("ID", id), "designer-4"));
        Assert.Equal(ScenarioChangeStatus.Invalid, invalid.Status);
        Assert.Equal(["$.when.count.atLeast", "$.when.count.withinMinutes", "$.when.count.radiusMeters"], invalid.Errors.Select(e => e.Path));
        Assert.Null(await Registry.Get(id));

        var wrongId = await Registry.Save(new SaveScenario(id, Pair("other", "a", "b"), "designer-4"));
        Assert.Equal(("$.id", ScenarioChangeStatus.Invalid), (Assert.Single(wrongId.Errors).Path, wrongId.Status));

        Assert.Equal(ScenarioChangeStatus.Created, (await Registry.Save(new SaveScenario(id, Pair(id, "a", "b"), "designer-4", ExpectedVersion: 0))).Status);
        Assert.Equal(ScenarioChangeStatus.Updated, (await Registry.Save(new SaveScenario(id, Pair(id, "a", "c"), "designer-5", ExpectedVersion: 1))).Status);
        var stale = await Registry.Save(new SaveScenario(id, Pair(id, "a", "d"), "designer-4", ExpectedVersion: 1));
        Assert.Equal((ScenarioChangeStatus.Conflict, 2), (stale.Status, stale.Scenario!.Version));
        Assert.Equal([2, 1], (await Registry.GetVersions(id)).Select(v => v.Version));
    }

    [Fact]
    public async Task Points_silent_for_the_scenarios_time_in_one_grid_square_open_an_outage_incident_and_leave_the_watch_when_heard()
    {
        var opens = Events.UniqueCategory("outage");
        var id = $"quiet-{Guid.NewGuid():N}"[..20];
        var definition = """
            {"id":"ID","name":"three sensors silent","when":{"silence":{"kinds":["sensor"],"forMinutes":0.05,"atLeast":3,"regionLevel":"grid"}},
             "then":{"open":{"category":"OPENS","severity":"high"}}}
            """.Replace("ID", id).Replace("OPENS", opens);
        Assert.Equal(ScenarioChangeStatus.Created, (await Registry.Save(new SaveScenario(id, definition, "designer-6"))).Status);
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the silence scenario");

        // A corner of district A that no other test uses, so its grid square holds only these sensors (side by side on one mast).
        var corner = new GeoPoint(10.0012, 50.0188);
        var sensors = new[] { "quiet-s1", "quiet-s2", "quiet-s3" }.Select(s => $"{s}-{id}").ToArray();
        for (var i = 0; i < sensors.Length; i++)
        {
            await Submit(_events.Reading(Guid.NewGuid().ToString(), sensors[i], corner, Events.T0, "humidity_percent", 40));
        }

        var grid = fixture.Pack.Regions.Locate(corner)!.Path.Codes[^1];
        var watch = fixture.Grains.GetGrain<IRegionSilenceGrain>(RegionSilence.KeyOf(id, grid));
        await Poll.UntilAsync("the three sensors fall silent", async () => (await watch.GetSilent()).Select(p => p.PointId).ToArray(), silent => silent.Length == 3, TimeSpan.FromSeconds(15));
        var outage = await Poll.UntilAsync("the outage opens an incident", async () =>
            (await Incidents(opens)).FirstOrDefault(), TimeSpan.FromSeconds(15));
        Assert.Equal((id, 1, CityBrain.Incidents.Sla.Severity.High), (outage.ScenarioId, outage.ScenarioVersion, outage.Severity));
        Assert.Equal(grid, outage.Regions.Codes[^1]);
        Assert.Equal(sensors, (await watch.GetSilent()).Select(p => p.PointId));

        await Submit(_events.Reading(Guid.NewGuid().ToString(), sensors[0], corner, Events.T0.AddMinutes(5), "humidity_percent", 41));
        Assert.Equal(sensors[1..], (await watch.GetSilent()).Select(p => p.PointId));
        Assert.Single(await Incidents(opens));
        await Registry.SetEnabled(id, false, "designer-6");
    }

    [Fact]
    public async Task A_notify_scenario_emits_its_notification_on_the_stream_and_leaves_its_detection_to_open_an_incident_by_itself()
    {
        var detection = Events.UniqueCategory("queue");
        var id = $"tell-{Guid.NewGuid():N}"[..20];
        var definition = """
            {"id":"ID","name":"tell on one detection","when":{"detection":"DETECTION","confidence":{"atLeast":0.5}},
             "then":{"notify":{"type":"city.scenario.queue","category":"queueing"}}}
            """.Replace("ID", id).Replace("DETECTION", detection);
        Assert.Equal(ScenarioChangeStatus.Created, (await Registry.Save(new SaveScenario(id, definition, "designer-7"))).Status);
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the notify scenario");

        var received = new TaskCompletionSource<ScenarioNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = fixture.Cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<ScenarioNotice>(Orleans.Runtime.StreamId.Create(StreamNames.ScenarioNoticesNamespace, TestPacks.DistrictB));
        var handle = await stream.SubscribeAsync((notice, _) =>
        {
            if (notice.ScenarioId == id) received.TrySetResult(notice);
            return Task.CompletedTask;
        });
        try
        {
            var trigger = _events.Detection(Guid.NewGuid().ToString(), "cam-n1", Spot(9), Events.T0, detection);
            // Notifying takes nothing over: only an open action can, and only when it says so.
            Assert.Equal(1, (await Submit(trigger)).Opened);
            var notice = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(("city.scenario.queue", "queueing", trigger.Key, 1), (notice.Type, notice.Category, notice.Trigger, notice.Supporting));
            Assert.Single(await Incidents(detection));
            Assert.Equal(ScenarioEffect.Notified, Assert.Single((await Recorded(id, 1)).Latest).Effect);
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task A_case_a_sensor_reading_opened_passes_verification_by_itself_only_once_the_sensor_reads_normal_again()
    {
        var metric = Events.UniqueCategory("tilt");
        var id = $"tilt-{Guid.NewGuid():N}"[..20];
        var definition = """
            {"id":"ID","name":"tilt over 15","when":{"reading":"METRIC","value":{"above":15}},"then":{"open":{"category":"CATEGORY"}}}
            """.Replace("ID", id).Replace("METRIC", metric).Replace("CATEGORY", TestPacks.QuietCategory);
        Assert.Equal(ScenarioChangeStatus.Created, (await Registry.Save(new SaveScenario(id, definition, "designer-8"))).Status);
        await WaitForEverySilo(await Registry.GetRevision(), "both silos compiled the sensor scenario");

        var place = Spot(11);
        var tilted = _events.Reading(Guid.NewGuid().ToString(), $"mh-{id}", place, Events.T0, metric, 22);
        Assert.Equal(1, (await Submit(tilted)).Opened);
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(new EventKey(ScenarioEvidence.SourceOf(id), $"{tilted.Key.Source}/{tilted.Key.Id}")));
        await CaseScript.Do(incident, CaseAction.Accept);
        await CaseScript.Do(incident, CaseAction.Dispatch);
        await CaseScript.SubmitForVerification(incident);

        // The quiet period (3 s) passes, but the sensor has said nothing since: the case waits. A control case of the
        // same category, opened by a camera and submitted after this one, passes by itself: the period is over.
        var control = _events.Detection(Guid.NewGuid().ToString(), $"cam-{id}", Spot(12), Events.T0, TestPacks.QuietCategory);
        Assert.Equal(1, (await Submit(control)).Opened);
        var controlCase = fixture.Grains.GetGrain<IIncidentGrain>(IncidentIds.For(control.Key));
        await CaseScript.Do(controlCase, CaseAction.Accept);
        await CaseScript.Do(controlCase, CaseAction.Dispatch);
        await CaseScript.SubmitForVerification(controlCase);
        await Poll.UntilAsync("the control case passes verification by itself", async () => (await controlCase.GetSummary())!,
            s => s.Stage == CaseStage.Closed, TimeSpan.FromSeconds(15));
        var waiting = (await incident.GetSummary())!;
        Assert.Equal(CaseStage.Verification, waiting.Stage);
        // Not due either: no silo's scan, early or late, has it to pass (its next clock is hours away).
        Assert.True(waiting.NextDueAt is null || waiting.NextDueAt > DateTimeOffset.UtcNow.AddMinutes(10), $"due at {waiting.NextDueAt}");

        Assert.Equal(1, (await Submit(_events.Reading(Guid.NewGuid().ToString(), $"mh-{id}", place, Events.T0.AddMinutes(30), metric, 3))).Recorded);
        var closed = await Poll.UntilAsync("the case passes verification after the normal reading", async () =>
            await incident.GetSummary() is { Stage: CaseStage.Closed } summary ? summary : null, TimeSpan.FromSeconds(10));
        var verified = (await incident.Get())!.Audit[^1];
        Assert.Equal(("verified", AuditEntry.System), (verified.Kind, verified.Actor));
        Assert.Contains($"sensor mh-{id} reads {metric} normal again", verified.Detail);
        await Registry.SetEnabled(id, false, "designer-8");
    }
}
