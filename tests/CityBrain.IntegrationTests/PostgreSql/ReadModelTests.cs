using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using CityBrain.Packs;
using CityBrain.Persistence;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>With PostgreSQL the read model is the read side: region counts and the duplicate sweep's candidates come from it.</summary>
public sealed class ReadModelTests
{
    private static readonly CityPack Pack = CityPackLoader.Load(ClusterFixture.PackFolder);
    private static readonly GeoPoint InA = new(10.005, 50.005);
    private static readonly GeoPoint InB = new(10.03, 50.015);
    private readonly Events _events = new(Pack);

    [Fact]
    public async Task Region_counts_add_up_open_incidents_by_category_and_child_and_drop_a_closed_one()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var cluster = await DurableCluster.StartAsync(db);
        try
        {
            var ingest = cluster.GrainFactory.GetGrain<IIngestGrain>(0);
            var receipt = await ingest.Submit([
                _events.Detection("c-1", "cam-c1", InA, Events.T0, "garbage_overflow"),
                _events.Detection("c-2", "cam-c2", InB, Events.T0, "garbage_overflow"),
                _events.Detection("c-3", "cam-c3", InB, Events.T0, "crowd"),
            ]);
            Assert.Equal(3, receipt.Opened);
            var queries = new PostgreSqlIncidentQueries(db.DataSource);

            var root = await queries.CountAsync(TestPacks.Root);
            Assert.Equal(3, root.OpenIncidents);
            Assert.Equal(new Dictionary<string, int> { ["garbage_overflow"] = 2, ["crowd"] = 1 }, root.OpenByCategory);
            Assert.Equal(new Dictionary<string, int> { [TestPacks.DistrictA] = 1, [TestPacks.DistrictB] = 2 }, root.OpenByChild);
            // c-2 and c-3 are at one place, so in one grid square, the deepest level.
            var grid = (await cluster.GrainFactory.GetGrain<IIncidentGrain>(IncidentIds.For(new EventKey("it", "c-3"))).GetSummary())!.Regions.Codes[^1];
            var leaf = await queries.CountAsync(grid);
            Assert.Equal((2, 0), (leaf.OpenIncidents, leaf.OpenByChild.Count));

            var rejected = await cluster.GrainFactory.GetGrain<IIncidentGrain>(IncidentIds.For(new EventKey("it", "c-2"))).Act(new CaseCommand(CaseAction.Reject, "operator-1", "operator", "false alarm"));
            Assert.Equal(CaseActStatus.Done, rejected.Status);
            var b = await queries.CountAsync(TestPacks.DistrictB);
            Assert.Equal((1, 1), (b.OpenIncidents, b.OpenByCategory["crowd"]));
            Assert.False(b.OpenByCategory.ContainsKey("garbage_overflow"));
            Assert.Equal(0, (await queries.CountAsync("no-such-region")).OpenIncidents);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sweep_candidates_are_incidents_with_new_evidence_not_those_that_only_took_a_case_step()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var category = Events.UniqueCategory("smoke");
        var first = _events.Detection("d-1", "cam-d1", InA, Events.T0, category);
        var beside = _events.Detection("d-2", "cam-d2", TestPacks.Offset(InA.Longitude, InA.Latitude, 60, 0), Events.T0.AddMinutes(2), category);
        var later = _events.Detection("d-3", "cam-d3", TestPacks.Offset(InA.Longitude, InA.Latitude, 70, 0), Events.T0.AddMinutes(3), category);
        var cluster = await DurableCluster.StartAsync(db);
        try
        {
            // Opened straight at the incidents, as if by two cells whose announcements to each other were lost.
            var grains = cluster.GrainFactory;
            await grains.GetGrain<IIncidentGrain>(IncidentIds.For(first.Key)).Open(new OpenIncident(category, first, "cell-west"));
            var duplicate = grains.GetGrain<IIncidentGrain>(IncidentIds.For(beside.Key));
            await duplicate.Open(new OpenIncident(category, beside, "cell-east"));
            await db.ScalarAsync<int>("UPDATE incidents SET correlation_changed_at = now() - interval '1 hour' RETURNING 1");
            var candidates = new PostgreSqlDuplicateCandidates(db.DataSource);
            var since = DateTimeOffset.UtcNow.AddMinutes(-10);

            Assert.Equal(CaseActStatus.Done, (await duplicate.Act(new CaseCommand(CaseAction.Accept, "operator-1", "operator"))).Status);
            Assert.Empty(await candidates.FindAsync(since, 100, TimeSpan.FromMinutes(10)));

            Assert.Equal(AttachStatus.Attached, (await duplicate.Attach(later)).Status);
            var (a, b) = Assert.Single(await candidates.FindAsync(since, 100, TimeSpan.FromMinutes(10)));
            Assert.Equal((duplicate.GetPrimaryKeyString(), IncidentIds.For(first.Key)), (a.Id, b.Id));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
