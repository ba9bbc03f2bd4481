using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Points;
using CityBrain.Regions;
using Orleans.Runtime;
using Orleans.Streams;

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
        var page = await fixture.Grains.GetGrain<IDistrictGrain>(TestPacks.DistrictB).ListIncidents(new IncidentQuery(category, IncidentStatus.Open, 1, 10));
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
            var counts = await fixture.Grains.GetGrain<IDistrictGrain>(code).GetCounts();
            Assert.Equal(1, counts.OpenByCategory[category]);
        }

        var root = await fixture.Grains.GetGrain<IDistrictGrain>(TestPacks.Root).GetCounts();
        Assert.True(root.OpenByChild[TestPacks.DistrictB] >= 1);
    }

    [Fact]
    public async Task Resolving_closes_the_incident_everywhere_and_a_second_resolve_is_refused()
    {
        var category = Events.UniqueCategory("garbage");
        var incident = await OpenOne(category);
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(incident.Id);

        var resolved = await grain.Resolve(new ResolveIncident("operator-7", "cleared"));
        var again = await grain.Resolve(new ResolveIncident("operator-8", null));

        Assert.Equal(ResolveStatus.Resolved, resolved.Status);
        Assert.Equal(ResolveStatus.NotOpen, again.Status);
        Assert.Equal("operator-7", (await grain.Get())!.Resolution!.Actor);
        var counts = await fixture.Grains.GetGrain<IDistrictGrain>(TestPacks.DistrictB).GetCounts();
        Assert.False(counts.OpenByCategory.ContainsKey(category));
        var closed = await fixture.Grains.GetGrain<IDistrictGrain>(TestPacks.DistrictB).ListIncidents(new IncidentQuery(category, IncidentStatus.Resolved, 1, 10));
        Assert.Equal(incident.Id, Assert.Single(closed.Items).Id);

        // A resolved incident takes no more evidence: the next report opens a new one.
        var next = await Submit(_events.Detection(Guid.NewGuid().ToString(), "cam-b", InB, Events.T0.AddMinutes(1), category));
        Assert.Equal(1, next.Opened);
    }

    [Fact]
    public async Task Resolving_an_unknown_incident_says_not_found()
    {
        var result = await fixture.Grains.GetGrain<IIncidentGrain>("inc-0000000000000000").Resolve(new ResolveIncident("op", null));
        Assert.Equal(ResolveStatus.NotFound, result.Status);
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
    public async Task Changes_are_published_on_the_incident_stream_of_the_first_level_region()
    {
        var category = Events.UniqueCategory("stream");
        var received = new TaskCompletionSource<IncidentChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = fixture.Cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<IncidentChanged>(StreamId.Create(StreamNames.IncidentsNamespace, TestPacks.DistrictB));
        var handle = await stream.SubscribeAsync((change, _) =>
        {
            if (change.Incident.Category == category) received.TrySetResult(change);
            return Task.CompletedTask;
        });
        try
        {
            var detection = _events.Detection(Guid.NewGuid().ToString(), "cam-b", InB, Events.T0, category);
            await Submit(detection);
            var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(IncidentChangeKind.Opened, change.Kind);
            Assert.Equal(detection.Key, change.Cause);
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }
}
