using CityBrain.Events;
using CityBrain.Geo;

namespace CityBrain.IntegrationTests;

/// <summary>The ingest grain's per-observation answer, which HTTP batches report event by event.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IngestEachTests(ClusterFixture fixture)
{
    private readonly Events _events = new(fixture.Pack);

    // In district A, clear of the other tests' spots.
    private static readonly GeoPoint Spot = new(10.022, 50.006);

    [Fact]
    public async Task Submit_each_answers_every_observation_in_order_across_points_duplicates_included()
    {
        var category = Events.UniqueCategory("litter");
        var first = _events.Detection(Guid.NewGuid().ToString(), "cam-each-1", Spot, Events.T0, category);
        // Another category: its own incident, whichever point the grain hears first.
        var second = _events.Detection(Guid.NewGuid().ToString(), "cam-each-2", Spot, Events.T0.AddMinutes(1), Events.UniqueCategory("litter"));
        var reading = _events.Reading(Guid.NewGuid().ToString(), "sen-each-1", Spot, Events.T0, "water_level_cm", 3);

        var results = await fixture.Grains.GetGrain<IIngestGrain>(0).SubmitEach([first, reading, second, first]);

        Assert.Equal([ObservationOutcome.OpenedIncident, ObservationOutcome.Recorded, ObservationOutcome.OpenedIncident, ObservationOutcome.Duplicate], results.Outcomes);
        Assert.All(results.Faults, Assert.Null);
    }
}
