using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Packs;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>The sweep merges duplicates that no cell saw: incidents opened without their cells telling each other.</summary>
public sealed class DuplicateSweepTests
{
    private static readonly CityPack Pack = CityPackLoader.Load(ClusterFixture.PackFolder);
    private readonly Events _events = new(Pack);

    [Fact]
    public async Task Two_incidents_of_one_happening_that_no_cell_compared_are_merged_and_a_distinct_one_is_not()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var category = Events.UniqueCategory("smoke");
        var here = new GeoPoint(10.005, 50.005);
        var first = _events.Detection("s-1", "cam-s1", here, Events.T0, category);
        var beside = _events.Detection("s-2", "cam-s2", TestPacks.Offset(here.Longitude, here.Latitude, 60, 0), Events.T0.AddMinutes(2), category);
        var elsewhere = _events.Detection("s-3", "cam-s3", TestPacks.Offset(here.Longitude, here.Latitude, 400, 0), Events.T0.AddMinutes(2), category);

        var cluster = await DurableCluster.StartAsync(db);
        try
        {
            // Opened straight at the incidents, as if by two cells whose announcements to each other were lost.
            var grains = cluster.GrainFactory;
            foreach (var (observation, cell) in new[] { (first, "cell-west"), (beside, "cell-east"), (elsewhere, "cell-far") })
            {
                await grains.GetGrain<IIncidentGrain>(IncidentIds.For(observation.Key)).Open(new OpenIncident(category, observation, cell));
            }

            var merged = await grains.GetGrain<IDuplicateSweepGrain>(0).Sweep();

            Assert.Equal(1, merged);
            var loser = (await grains.GetGrain<IIncidentGrain>(IncidentIds.For(beside.Key)).GetSummary())!;
            Assert.Equal(IncidentStatus.Merged, loser.Status);
            Assert.Equal(IncidentIds.For(first.Key), loser.MergedInto);
            var survivor = (await grains.GetGrain<IIncidentGrain>(IncidentIds.For(first.Key)).Get())!;
            Assert.Equal(["s-1", "s-2"], survivor.Evidence.Select(e => e.Key.Id).Order());
            Assert.Equal(IncidentStatus.Open, (await grains.GetGrain<IIncidentGrain>(IncidentIds.For(elsewhere.Key)).GetSummary())!.Status);
            Assert.Equal(0, await grains.GetGrain<IDuplicateSweepGrain>(0).Sweep());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
