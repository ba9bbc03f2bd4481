using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Packs;
using CityBrain.Persistence;
using CityBrain.Regions;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>The evidence ledger answers for a redelivered report that no nearby incident holds any more.</summary>
public sealed class RedeliveryLedgerTests
{
    private static readonly CityPack Pack = CityPackLoader.Load(ClusterFixture.PackFolder);
    private readonly Events _events = new(Pack);

    [Fact]
    public async Task Redelivered_report_whose_incident_was_merged_into_one_beyond_its_radius_is_a_duplicate()
    {
        // A opens 90 m east at 0:00. X opens at the centre at 10:30, outside A's 10-minute window. The report,
        // 90 m west at 11:00, joins X: it is 180 m from A. A report at 5:00, 45 m east, joins A (the earlier of
        // two equally near), which now reaches X in time, so X is merged into A. The report is now A's evidence,
        // but A is beyond its radius and X is gone from the cell: only the ledger still knows where it is.
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var category = Events.UniqueCategory("leak");
        var centre = new GeoPoint(10.005, 50.005);
        GeoPoint East(double meters) => TestPacks.Offset(centre.Longitude, centre.Latitude, meters, 0);
        var a = _events.Detection("l-a", "cam-l1", East(90), Events.T0, category);
        var x = _events.Detection("l-x", "cam-l1", centre, Events.T0.AddMinutes(10.5), category);
        var report = _events.Detection("l-report", "cam-l1", East(-90), Events.T0.AddMinutes(11), category);
        var widening = _events.Detection("l-widening", "cam-l1", East(45), Events.T0.AddMinutes(5), category);

        var cluster = await DurableCluster.StartAsync(db);
        try
        {
            var ingest = cluster.GrainFactory.GetGrain<IIngestGrain>(0);
            Assert.Equal(1, (await ingest.Submit([a])).Opened);
            Assert.Equal(1, (await ingest.Submit([x])).Opened);
            Assert.Equal(1, (await ingest.Submit([report])).Attached);
            Assert.Equal(1, (await ingest.Submit([widening])).Attached);
            var merged = (await cluster.GrainFactory.GetGrain<IIncidentGrain>(IncidentIds.For(x.Key)).GetSummary())!;
            Assert.Equal(IncidentStatus.Merged, merged.Status);
            Assert.Equal(IncidentIds.For(a.Key), merged.MergedInto);

            // Redelivered after a crash that also wiped the point's recent keys (played by another point grain).
            var again = await ingest.Submit([report with { PointId = "cam-l2", Redelivered = true }]);

            Assert.Equal(1, again.Duplicates);
            var open = await new PostgreSqlIncidentQueries(db.DataSource).ListAsync(TestPacks.Root, new IncidentQuery(category, IncidentStatus.Open, 1, 10));
            var survivor = Assert.Single(open.Items);
            Assert.Equal(IncidentIds.For(a.Key), survivor.Id);
            Assert.Contains((await cluster.GrainFactory.GetGrain<IIncidentGrain>(survivor.Id).Get())!.Evidence, e => e.Key == report.Key);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
