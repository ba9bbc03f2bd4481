using CityBrain.Events;
using CityBrain.Incidents;
using CityBrain.Packs;
using CityBrain.Persistence;
using CityBrain.Regions;

namespace CityBrain.IntegrationTests.PostgreSql;

public sealed class SlaRestartTests
{
    private static readonly CityPack Pack = CityPackLoader.Load(ClusterFixture.PackFolder);
    private readonly Events _events = new(Pack);

    [Fact]
    public async Task A_deadline_that_falls_while_the_cluster_is_down_fires_after_the_restart_and_the_incident_is_listed_overdue()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var detection = _events.Detection("sla-1", "cam-b", new Geo.GeoPoint(10.03, 50.01), Events.T0, TestPacks.FastSlaCategory);
        var id = IncidentIds.For(detection.Key);

        var first = await DurableCluster.StartAsync(db);
        try
        {
            Assert.Equal(1, (await first.GrainFactory.GetGrain<IIngestGrain>(0).Submit([detection])).Opened);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        // Down past the deadline: no silo is there to fire it, and no call will ever wake the incident.
        var dueAt = await db.ScalarAsync<DateTime>($"SELECT next_due_at FROM incidents WHERE id = '{id}'");
        var downUntil = dueAt.AddSeconds(TestPacks.FastAcceptSeconds);
        if (downUntil > DateTime.UtcNow) await Task.Delay(downUntil - DateTime.UtcNow);

        var second = await DurableCluster.StartAsync(db);
        try
        {
            var grain = second.GrainFactory.GetGrain<IIncidentGrain>(id);
            var view = await Poll.UntilAsync("the missed deadline fires after the restart", async () =>
            {
                var v = (await grain.Get())!;
                return v.Audit.Any(a => a.Kind == "sla_breached") ? v : null;
            }, TimeSpan.FromSeconds(60));

            // The warning and the deadline both passed while down: the deadline fires at once, straight to red.
            Assert.Equal(["opened", "sla_breached"], view.Audit.Select(a => a.Kind));
            Assert.True(view.Summary.Overdue);
            var listed = await new PostgreSqlIncidentQueries(db.DataSource).ListAsync(TestPacks.Root, new IncidentQuery(TestPacks.FastSlaCategory, null, 1, 10, OverdueOnly: true));
            Assert.Equal(id, Assert.Single(listed.Items).Id);
            Assert.Null(await db.ScalarAsync<DateTime?>($"SELECT due_claimed_until FROM incidents WHERE id = '{id}'"));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
