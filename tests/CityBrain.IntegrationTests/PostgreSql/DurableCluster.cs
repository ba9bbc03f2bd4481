using Microsoft.Extensions.DependencyInjection;
using CityBrain.Silo;
using Orleans.TestingHost;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>
/// A two-silo test cluster whose state lives in a PostgreSQL database, configured by the host's own provider
/// composition. Clusters built one after the other on the same database share a service id, so a later one
/// sees what an earlier one stored, as after a restart.
/// </summary>
public static class DurableCluster
{
    // Passed through each cluster's own configuration: tests of different classes run in parallel.
    private const string ConnectionStringKey = "CityBrainTestConnectionString";

    /// <param name="clock">The silos' wall clock when the test scripts time; the system clock when null.</param>
    public static async Task<TestCluster> StartAsync(TestDatabase database, ScriptedClock? clock = null)
    {
        var builder = new TestClusterBuilder(2);
        builder.Properties[ConnectionStringKey] = database.ConnectionString;
        if (clock is not null) builder.Properties[ScriptedClock.ConfigurationKey] = clock.Id;
        builder.Options.ServiceId = $"citybrain-{database.Name}";
        builder.Options.ClusterId = $"test-{Guid.NewGuid():N}";
        builder.AddSiloBuilderConfigurator<Configurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionStringKey] ?? throw new InvalidOperationException($"{ConnectionStringKey} missing from the test cluster's configuration");
            // The host's PostgreSQL set; the test cluster brings its own clustering, and the test database its schema.
            siloBuilder.UsePostgreSqlStorage(connectionString);
            // After the PostgreSQL journal, so that an armed failure comes once that journal has written.
            siloBuilder.Services.AddSingleton<CityBrain.Incidents.IIncidentJournal, InterruptingJournal>();
            siloBuilder.Services.AddCityPack(ClusterFixture.PackFolder);
            if (siloBuilder.Configuration[ScriptedClock.ConfigurationKey] is { } clockId) siloBuilder.Services.AddSingleton<TimeProvider>(ScriptedClock.Find(clockId));
            siloBuilder.Services.Configure<CityBrain.Incidents.Sla.DeadlineScanOptions>(o => o.ScanSeconds = 1);
            siloBuilder.AddMemoryStreams(StreamNames.Provider);
        }
    }
}
