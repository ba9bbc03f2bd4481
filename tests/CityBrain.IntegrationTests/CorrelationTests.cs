using CityBrain.Cells;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Regions;
using CityBrain.Spatial;

namespace CityBrain.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class CorrelationTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);
    private static readonly GeoPoint InA = new(10.005, 50.005);

    private Task<IngestReceipt> Submit(params Observation[] observations) => fixture.Grains.GetGrain<IIngestGrain>(0).Submit(observations);

    private Task<IncidentPage> List(string category, IncidentStatus? status = IncidentStatus.Open) =>
        fixture.Grains.GetGrain<IRegionGrain>(TestPacks.Root).ListIncidents(new IncidentQuery(category, status, 1, 500));

    [Fact]
    public async Task Two_detections_50m_apart_within_a_minute_make_one_incident()
    {
        var category = Events.UniqueCategory("crowd");
        await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-1", InA, Events.T0, category));
        var second = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-2", TestPacks.Offset(InA.Longitude, InA.Latitude, 50, 0), Events.T0.AddMinutes(1), category));

        Assert.Equal(1, second.Attached);
        var incident = Assert.Single((await List(category)).Items);
        Assert.Equal(2, (await fixture.Grains.GetGrain<IIncidentGrain>(incident.Id).Get())!.Evidence.Length);
    }

    [Fact]
    public async Task Two_detections_2km_apart_make_two_incidents()
    {
        var category = Events.UniqueCategory("crowd");
        var west = new GeoPoint(10.005, 50.01);
        var east = new GeoPoint(10.034, 50.01);
        Assert.InRange(west.DistanceMetersTo(east), 2000, 2200);
        await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-1", west, Events.T0, category));
        var second = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-2", east, Events.T0, category));

        Assert.Equal(1, second.Opened);
        Assert.Equal(2, (await List(category)).TotalItems);
    }

    [Fact]
    public async Task Detection_20m_across_a_district_border_joins_the_incident_on_the_other_side()
    {
        var category = Events.UniqueCategory("smoke");
        var westOfBorder = TestPacks.Offset(TestPacks.BorderLongitude, 50.012, -10, 0);
        var eastOfBorder = TestPacks.Offset(TestPacks.BorderLongitude, 50.012, 10, 0);
        var first = _events.Detection(Guid.NewGuid().ToString(), "cam-w", westOfBorder, Events.T0, category);
        var second = _events.Detection(Guid.NewGuid().ToString(), "cam-e", eastOfBorder, Events.T0.AddSeconds(30), category);
        Assert.Equal(TestPacks.DistrictA, first.Regions.Codes[1]);
        Assert.Equal(TestPacks.DistrictB, second.Regions.Codes[1]);

        await Submit(first);
        var receipt = await Submit(second);

        Assert.Equal(1, receipt.Attached);
        var incident = Assert.Single((await List(category)).Items);
        Assert.Equal(TestPacks.DistrictA, incident.Regions.Codes[1]);
        var view = (await fixture.Grains.GetGrain<IIncidentGrain>(incident.Id).Get())!;
        Assert.Equal([TestPacks.DistrictA, TestPacks.DistrictB], view.Evidence.Select(e => e.Regions.Codes[1]));
    }

    [Fact]
    public async Task Duplicate_event_id_is_counted_once()
    {
        var category = Events.UniqueCategory("parking");
        var detection = _events.Detection(Guid.NewGuid().ToString(), "cam-dup", InA, Events.T0, category);

        var first = await Submit(detection);
        var again = await Submit(detection);
        var batchWithItself = await Submit(detection, detection);

        Assert.Equal(1, first.Opened);
        Assert.Equal(1, again.Duplicates);
        Assert.Equal(2, batchWithItself.Duplicates);
        var incident = Assert.Single((await List(category)).Items);
        Assert.Single((await fixture.Grains.GetGrain<IIncidentGrain>(incident.Id).Get())!.Evidence);
        var point = (await fixture.Grains.GetGrain<Points.IPointGrain>("cam-dup").Get())!;
        Assert.Equal((1, 3), (point.EventsAccepted, point.DuplicatesDropped));
    }

    [Fact]
    public async Task Redelivered_report_already_taken_stays_with_its_incident_when_a_nearer_one_has_opened_since()
    {
        // Incident A 60 m west of the report, which joins it. Then B opens 50 m east (110 m from A: apart).
        // The report is redelivered after a crash that also wiped the point's memory of recent keys (played
        // here by another point grain): B is now its nearest match, yet it is A's evidence already.
        var category = Events.UniqueCategory("fight");
        var west = TestPacks.Offset(InA.Longitude, InA.Latitude, -60, 0);
        var east = TestPacks.Offset(InA.Longitude, InA.Latitude, 50, 0);
        var a = _events.Detection(Guid.NewGuid().ToString(), "cam-r1", west, Events.T0, category);
        var report = _events.Detection(Guid.NewGuid().ToString(), "cam-r1", InA, Events.T0.AddMinutes(1), category);
        var b = _events.Detection(Guid.NewGuid().ToString(), "cam-r1", east, Events.T0.AddMinutes(2), category);
        await Submit(a);
        Assert.Equal(1, (await Submit(report)).Attached);
        Assert.Equal(1, (await Submit(b)).Opened);

        var again = await Submit(report with { PointId = "cam-r2", Redelivered = true });

        Assert.Equal(1, again.Duplicates);
        var holders = new List<string>();
        foreach (var incident in (await List(category)).Items)
        {
            var view = (await fixture.Grains.GetGrain<IIncidentGrain>(incident.Id).Get())!;
            if (view.Evidence.Any(e => e.Key == report.Key)) holders.Add(incident.Id);
        }

        Assert.Equal([IncidentIds.For(a.Key)], holders);
    }

    [Fact]
    public async Task Late_evidence_that_widens_an_incident_into_another_merges_them()
    {
        // Reports arrive out of order: one at 10:30 opens an incident; one at 0:00 is too early for it and opens
        // another; one at 5:00 joins the earlier incident, whose span now reaches the first: one event, merged.
        var category = Events.UniqueCategory("flood");
        var late = _events.Detection(Guid.NewGuid().ToString(), "cam-o1", InA, Events.T0.AddMinutes(10.5), category);
        var early = _events.Detection(Guid.NewGuid().ToString(), "cam-o1", InA, Events.T0, category);
        await Submit(late);
        Assert.Equal(1, (await Submit(early)).Opened);

        await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-o1", InA, Events.T0.AddMinutes(5), category));

        var survivor = Assert.Single((await List(category)).Items);
        Assert.Equal(IncidentIds.For(early.Key), survivor.Id);
        Assert.Equal(3, (await fixture.Grains.GetGrain<IIncidentGrain>(survivor.Id).Get())!.Evidence.Length);
        var merged = Assert.Single((await List(category, IncidentStatus.Merged)).Items);
        Assert.Equal(IncidentIds.For(late.Key), merged.Id);
    }

    [Fact]
    public async Task Hundred_concurrent_detections_of_one_fire_from_different_cameras_make_exactly_one_incident()
    {
        // The fire sits on a corner where four correlation cells meet, so the cameras' reports reach four
        // cells at once: the hardest case for keeping one incident.
        var category = Events.UniqueCategory("fire");
        var grid = fixture.Pack.Cells;
        var (x, y) = grid.Project(InA);
        var corner = grid.Unproject(Math.Round(x / grid.CellSizeMeters) * grid.CellSizeMeters, Math.Round(y / grid.CellSizeMeters) * grid.CellSizeMeters);
        var detections = Enumerable.Range(0, 100).Select(i =>
        {
            var angle = i * 2 * Math.PI / 100;
            var at = TestPacks.Offset(corner.Longitude, corner.Latitude, 30 * Math.Cos(angle), 30 * Math.Sin(angle));
            return _events.Detection($"fire-{Guid.NewGuid()}", $"fire-cam-{i}", at, Events.T0.AddMilliseconds(i), category);
        }).ToArray();
        Assert.Equal(4, detections.Select(d => grid.CellOf(d.Location)).Distinct().Count());

        var receipts = await Task.WhenAll(detections.Select(d => Submit(d)));
        Assert.Equal(100, receipts.Sum(r => r.Opened + r.Attached));

        // Cells that opened at the same moment learn of each other by one-way notifications and merge.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IncidentPage open;
        while ((open = await List(category)).TotalItems != 1 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var survivor = Assert.Single(open.Items);
        var view = (await fixture.Grains.GetGrain<IIncidentGrain>(survivor.Id).Get())!;
        Assert.Equal(100, view.Summary.EvidenceCount);
        Assert.Equal(detections.Select(d => d.Key.ToString()).Order(), view.Evidence.Select(e => e.Key.ToString()).Order());
        var merged = await List(category, IncidentStatus.Merged);
        Assert.All(merged.Items, m => Assert.Equal(survivor.Id, m.MergedInto));
    }

    [Fact]
    public async Task An_incident_opened_at_year_one_leaves_its_cell_and_its_neighbour_opening_and_attaching_later_events()
    {
        // Straight to the cells, past ingest (whose normaliser refuses such times): stored state and other paths can hold any time at all.
        var category = Events.UniqueCategory("yearone");
        var grid = fixture.Pack.Cells;
        var (x, y) = grid.Project(new GeoPoint(10.012, 50.012));
        var border = grid.Unproject(Math.Ceiling(x / grid.CellSizeMeters) * grid.CellSizeMeters, y);
        var west = TestPacks.Offset(border.Longitude, border.Latitude, -20, 0);
        var east = TestPacks.Offset(border.Longitude, border.Latitude, 20, 0);
        var westCell = fixture.Grains.GetGrain<ISpatialCellGrain>(grid.CellOf(west).GrainKey);
        var eastCell = fixture.Grains.GetGrain<ISpatialCellGrain>(grid.CellOf(east).GrainKey);
        Assert.NotEqual(grid.CellOf(west), grid.CellOf(east));
        var yearOne = DateTimeOffset.MinValue;
        Assert.Equal([ObservationOutcome.OpenedIncident], await westCell.Correlate([_events.Detection(Guid.NewGuid().ToString(), "cam-y1", west, Events.T0, category) with { ObservedAt = yearOne }]));
        // The neighbour holds a year-one incident too (its own, or the west cell's if that one's announcement came first).
        var eastYearOne = await eastCell.Correlate([_events.Detection(Guid.NewGuid().ToString(), "cam-y2", east, Events.T0, category) with { ObservedAt = yearOne.AddMinutes(1) }]);
        Assert.Contains(eastYearOne[0], new[] { ObservationOutcome.OpenedIncident, ObservationOutcome.AttachedToIncident });

        var now = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-y3", west, Events.T0, category));
        var across = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-y4", east, Events.T0.AddMinutes(1), category));
        var again = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-y5", west, Events.T0.AddMinutes(2), category));

        Assert.Equal((1, 1, 1), (now.Opened, across.Attached, again.Attached));
        var current = (await List(category)).Items.Single(i => i.OpenedAt == Events.T0);
        Assert.Equal(3, (await fixture.Grains.GetGrain<IIncidentGrain>(current.Id).Get())!.Evidence.Length);
    }

    [Fact]
    public async Task Detection_after_the_window_opens_a_new_incident()
    {
        var category = Events.UniqueCategory("vending");
        await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-1", InA, Events.T0, category));
        var late = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-1", InA, Events.T0.AddMinutes(11), category));
        Assert.Equal(1, late.Opened);
    }
}
