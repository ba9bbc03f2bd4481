using CityBrain.Incidents.Kpis;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CityBrain.IntegrationTests;

/// <summary>The scripted day on a cluster of its own (its clock is scripted) with in-memory storage: KPIs from the ledger grain.</summary>
public sealed class KpiDayTests
{
    [Fact]
    public async Task KPIs_after_a_scripted_day_equal_the_figures_worked_out_by_hand()
    {
        var clock = ScriptedClock.Register(KpiDay.Start);
        var builder = new TestClusterBuilder(2);
        builder.Properties[ScriptedClock.ConfigurationKey] = clock.Id;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            await new KpiDay(cluster.GrainFactory, CityPackLoader.Load(ClusterFixture.PackFolder), clock).RunAsync();
            await KpiDay.AssertAllAsync(new KpiLedgerQueries(cluster.GrainFactory), clock.GetUtcNow());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseMemoryStorage();
            siloBuilder.Services.AddCityPack(ClusterFixture.PackFolder);
            siloBuilder.Services.AddSingleton<TimeProvider>(ScriptedClock.Find(siloBuilder.Configuration[ScriptedClock.ConfigurationKey]!));
            siloBuilder.Services.Configure<DeadlineScanOptions>(o => o.ScanSeconds = 1);
            siloBuilder.AddMemoryStreams(StreamNames.Provider);
        }
    }
}
