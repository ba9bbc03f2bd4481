using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Packs;
using CityBrain.Persistence;
using CityBrain.Regions;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>
/// A crash between a change's journal write and its grain state write (played by <see cref="InterruptingJournal"/>,
/// and for an opening a restart of the cluster): the read model and the audit log must come to agree with the case.
/// </summary>
public sealed class InterruptedWriteTests
{
    private static readonly CityPack Pack = CityPackLoader.Load(ClusterFixture.PackFolder);
    private readonly Events _events = new(Pack);

    [Fact]
    public async Task Incident_journalled_but_never_stored_is_rebuilt_so_its_page_the_list_and_the_counts_agree()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var category = Events.UniqueCategory("fire");
        var here = new GeoPoint(10.005, 50.005);
        var opening = _events.Detection("io-1", "cam-io1", here, Events.T0, category);
        var unvisited = _events.Detection("io-2", "cam-io2", new GeoPoint(10.035, 50.015), Events.T0, category);
        var plain = _events.Detection("io-3", "cam-io3", new GeoPoint(10.015, 50.015), Events.T0, category);
        string[] interrupted = [IncidentIds.For(opening.Key), IncidentIds.For(unvisited.Key)];
        foreach (var id in interrupted) InterruptingJournal.FailNext(id, "opened");

        var first = await DurableCluster.StartAsync(db);
        try
        {
            var ingest = first.GrainFactory.GetGrain<IIngestGrain>(0);
            foreach (var e in new[] { opening, unvisited })
            {
                await Assert.ThrowsAnyAsync<Exception>(() => ingest.Submit([e]));
            }

            Assert.Equal(1, (await ingest.Submit([plain])).Opened);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        // The crash window: rows, "opened" audits and evidence journalled, and no state confirmed behind them.
        Assert.Equal(3L, await db.ScalarAsync<long>($"SELECT count(*) FROM incidents WHERE category = '{category}' AND status = 'open' AND NOT state_confirmed"));
        Assert.Equal(3L, await db.ScalarAsync<long>($"SELECT count(*) FROM incident_audit a JOIN incidents i ON i.id = a.incident_id WHERE i.category = '{category}' AND a.kind = 'opened'"));

        var second = await DurableCluster.StartAsync(db);
        try
        {
            var queries = new PostgreSqlIncidentQueries(db.DataSource);
            var listed = (await queries.ListAsync(TestPacks.Root, new IncidentQuery(category, IncidentStatus.Open, 1, 10))).Items.Select(i => i.Id).ToHashSet();
            Assert.Superset(interrupted.ToHashSet(), listed);

            // Its page opens with what was accepted: the opening evidence and audit, and the audited restoration.
            var view = await second.GrainFactory.GetGrain<IIncidentGrain>(interrupted[0]).Get();
            Assert.NotNull(view);
            Assert.Equal(opening.Key, Assert.Single(view.Evidence).Key);
            Assert.Equal(["opened", IncidentRestore.AuditKind], view.Audit.Select(a => a.Kind));
            Assert.Equal(IncidentStatus.Open, view.Summary.Status);
            Assert.NotNull(view.Routing);

            // Its cell knows it again: a report beside it attaches rather than opening a second incident.
            var receipt = await second.GrainFactory.GetGrain<IIngestGrain>(0).Submit([_events.Detection("io-4", "cam-io4", here, Events.T0.AddMinutes(1), category)]);
            Assert.Equal(1, receipt.Attached);

            // The sweep finds the one nobody asked for, and confirms every row it has visited.
            var sweep = new PostgreSqlStateSweep(db.DataSource, second.GrainFactory, TimeProvider.System, NullLogger<PostgreSqlStateSweep>.Instance);
            await sweep.SweepOnce(TimeSpan.Zero, CancellationToken.None);
            Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM incidents WHERE category = '{category}' AND NOT state_confirmed"));
            Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM incident_audit WHERE incident_id = '{interrupted[1]}' AND kind = '{IncidentRestore.AuditKind}'"));
            Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM incident_audit a JOIN incidents i ON i.id = a.incident_id WHERE i.id NOT IN ('{interrupted[0]}', '{interrupted[1]}') AND i.category = '{category}' AND a.kind = '{IncidentRestore.AuditKind}'"));

            // Every incident the list and the counts show has a page.
            var open = await queries.ListAsync(TestPacks.Root, new IncidentQuery(category, IncidentStatus.Open, 1, 10));
            var counts = await queries.CountAsync(TestPacks.Root);
            Assert.Equal(3, open.TotalItems);
            Assert.Equal(3, counts.OpenByCategory[category]);
            foreach (var item in open.Items)
            {
                var page = await second.GrainFactory.GetGrain<IIncidentGrain>(item.Id).Get();
                Assert.True(page is { Summary.Status: IncidentStatus.Open }, $"incident {item.Id} is listed open but its page says {page?.Summary.Status.ToString() ?? "not found"}");
            }
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_change_journalled_but_never_stored_is_replaced_by_the_next_change_in_the_read_model_and_the_audit()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var category = Events.UniqueCategory("fire");
        var opening = _events.Detection("iw-1", "cam-iw1", new GeoPoint(10.005, 50.005), Events.T0, category);
        var id = IncidentIds.For(opening.Key);

        var cluster = await DurableCluster.StartAsync(db);
        try
        {
            Assert.Equal(1, (await cluster.GrainFactory.GetGrain<IIngestGrain>(0).Submit([opening])).Opened);
            var grain = cluster.GrainFactory.GetGrain<IIncidentGrain>(id);
            InterruptingJournal.FailNext(id, "rejected");
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Act(new CaseCommand(CaseAction.Reject, "op-1", "operator", "false alarm")));
            Assert.Equal("resolved", await db.ScalarAsync<string>($"SELECT status FROM incidents WHERE id = '{id}'"));

            var accepted = await grain.Act(new CaseCommand(CaseAction.Accept, "op-2", "operator", "seen on camera"));

            Assert.Equal(CaseActStatus.Done, accepted.Status);
            var view = (await grain.Get())!;
            var row = Assert.Single((await new PostgreSqlIncidentQueries(db.DataSource).ListAsync(TestPacks.Root, new IncidentQuery(category, null, 1, 10))).Items);
            Assert.Equal((view.Summary.Status, view.Summary.Stage, view.Summary.Version), (row.Status, row.Stage, row.Version));
            Assert.Equal(["opened", "accepted"], view.Audit.Select(a => a.Kind));
            Assert.Equal("opened,accepted", await db.ScalarAsync<string>($"SELECT string_agg(kind, ',' ORDER BY sequence) FROM incident_audit WHERE incident_id = '{id}'"));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
