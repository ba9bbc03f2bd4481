using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;
using Npgsql;

namespace CityBrain.IntegrationTests.PostgreSql;

public sealed class StoredShapeTests
{
    private const string LegacyIncident = "inc-0ld5hape00000001";

    [Fact]
    public async Task Incident_row_written_by_an_older_shape_of_its_state_is_read_and_can_change_again()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var legacyPayload = Convert.FromBase64String(File.ReadAllText(RepoPaths.TestData("state/incident-state-before-audit.b64")).Trim());

        // The first cluster creates the row (so the provider computes its key columns); its payload is then
        // replaced with bytes written by the earlier shape of IncidentState, as an old deployment left it.
        var first = await DurableCluster.StartAsync(db);
        try
        {
            var seed = new Events(CityBrain.Packs.CityPackLoader.Load(ClusterFixture.PackFolder)).Detection("seed", "cam-a", new Geo.GeoPoint(10.005, 50.005), Events.T0, "seed");
            await first.GrainFactory.GetGrain<IIncidentGrain>(LegacyIncident).Open(new OpenIncident("seed", seed, "0:0"));
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        await using (var update = db.DataSource.CreateCommand("UPDATE orleansstorage SET payloadbinary = $1 WHERE graintypestring = 'incident' AND grainidextensionstring = $2"))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = legacyPayload });
            update.Parameters.Add(new NpgsqlParameter { Value = LegacyIncident });
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var second = await DurableCluster.StartAsync(db);
        try
        {
            var grain = second.GrainFactory.GetGrain<IIncidentGrain>(LegacyIncident);
            var view = (await grain.Get())!;
            Assert.Equal("old_shape", view.Summary.Category);
            Assert.Equal(["e-1", "e-2"], view.Evidence.Select(e => e.Key.Id));
            Assert.Empty(view.Audit);

            Assert.Equal(CaseStage.Detected, view.Summary.Stage);

            var accepted = await grain.Act(new CaseCommand(CaseAction.Accept, "operator-1", "operator", "accepted after the upgrade"));
            Assert.Equal(CaseActStatus.Done, accepted.Status);
            Assert.Equal("accepted", Assert.Single((await grain.Get())!.Audit).Kind);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
