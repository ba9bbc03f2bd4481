using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Packs;
using CityBrain.Persistence;
using CityBrain.Regions;

namespace CityBrain.IntegrationTests.PostgreSql;

public sealed class RestartTests
{
    private static readonly CityPack Pack = CityPackLoader.Load(ClusterFixture.PackFolder);
    private readonly Events _events = new(Pack);

    [Fact]
    public async Task Incidents_written_before_a_cluster_restart_are_read_back_with_evidence_and_audit()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var category = Events.UniqueCategory("fire");
        var here = new GeoPoint(10.005, 50.005);
        var far = new GeoPoint(10.035, 50.015);
        var evidence = new[]
        {
            _events.Detection("r-1", "cam-1", here, Events.T0, category),
            _events.Detection("r-2", "cam-2", TestPacks.Offset(here.Longitude, here.Latitude, 30, 0), Events.T0.AddSeconds(20), category),
            _events.Detection("r-3", "cam-3", far, Events.T0, category),
        };
        string kept, resolved;

        var first = await DurableCluster.StartAsync(db);
        try
        {
            await first.GrainFactory.GetGrain<IIngestGrain>(0).Submit(evidence);
            var open = await new PostgreSqlIncidentQueries(db.DataSource).ListAsync(TestPacks.Root, new IncidentQuery(category, IncidentStatus.Open, 1, 10));
            Assert.Equal(2, open.TotalItems);
            kept = open.Items.Single(i => i.Location.DistanceMetersTo(here) < 100).Id;
            resolved = open.Items.Single(i => i.Location.DistanceMetersTo(far) < 100).Id;
            await first.GrainFactory.GetGrain<IIncidentGrain>(resolved).Act(new CaseCommand(CaseAction.Reject, "operator-3", "operator", "false alarm"));
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await DurableCluster.StartAsync(db);
        try
        {
            var view = (await second.GrainFactory.GetGrain<IIncidentGrain>(kept).Get())!;
            Assert.Equal(IncidentStatus.Open, view.Summary.Status);
            Assert.Equal(["r-1", "r-2"], view.Evidence.Select(e => e.Key.Id).Order());
            Assert.Equal("opened", Assert.Single(view.Audit).Kind);

            var closed = (await second.GrainFactory.GetGrain<IIncidentGrain>(resolved).Get())!;
            Assert.Equal(IncidentStatus.Resolved, closed.Summary.Status);
            Assert.Equal(CaseStage.Rejected, closed.Summary.Stage);
            Assert.Equal(["opened", "rejected"], closed.Audit.Select(a => a.Kind));
            Assert.Equal("operator-3", closed.Audit[1].Actor);

            // A report after the restart still finds the open incident through its cell's stored index.
            var receipt = await second.GrainFactory.GetGrain<IIngestGrain>(0).Submit([_events.Detection("r-4", "cam-4", here, Events.T0.AddMinutes(1), category)]);
            Assert.Equal(1, receipt.Attached);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }

        var readModel = await new PostgreSqlIncidentQueries(db.DataSource).ListAsync(TestPacks.Root, new IncidentQuery(category, null, 1, 10));
        Assert.Equal(2, readModel.TotalItems);
        Assert.Equal(3, readModel.Items.Single(i => i.Id == kept).EvidenceCount);
        Assert.Equal((IncidentStatus.Resolved, CaseStage.Rejected), (readModel.Items.Single(i => i.Id == resolved).Status, readModel.Items.Single(i => i.Id == resolved).Stage));
        Assert.Equal(4L, await db.ScalarAsync<long>($"SELECT count(*) FROM incident_evidence WHERE topic = '{category}'"));
        // opened and rejected; opened, and severity raised by the third camera (r-4) after the restart.
        Assert.Equal(4L, await db.ScalarAsync<long>($"SELECT count(*) FROM incident_audit WHERE incident_id IN ('{kept}', '{resolved}')"));
        Assert.Equal("high", await db.ScalarAsync<string>($"SELECT severity FROM incidents WHERE id = '{kept}'"));
    }
}
