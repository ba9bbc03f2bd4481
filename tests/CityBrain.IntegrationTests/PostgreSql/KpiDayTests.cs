using CityBrain.Packs;
using CityBrain.Persistence;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>The scripted day on a PostgreSQL-backed cluster: KPIs added up by SQL over <c>case_facts</c> give the same figures.</summary>
public sealed class KpiDayTests
{
    [Fact]
    public async Task KPIs_after_a_scripted_day_equal_the_figures_worked_out_by_hand()
    {
        await using var db = await TestDatabaseMigrations.CreateMigratedAsync();
        var clock = ScriptedClock.Register(KpiDay.Start);
        var cluster = await DurableCluster.StartAsync(db, clock);
        try
        {
            await new KpiDay(cluster.GrainFactory, CityPackLoader.Load(ClusterFixture.PackFolder), clock).RunAsync();
            await KpiDay.AssertAllAsync(new PostgreSqlKpiQueries(db.DataSource), clock.GetUtcNow());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
