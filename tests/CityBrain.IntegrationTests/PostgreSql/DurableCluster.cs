using CityBrain.Persistence;
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
    private static readonly AsyncLocal<string> ConnectionString = new();
    private static string? _connectionString;

    public static async Task<TestCluster> StartAsync(TestDatabase database)
    {
        _connectionString = database.ConnectionString;
        var builder = new TestClusterBuilder(2);
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
            siloBuilder.Services.AddCityBrainPostgreSql(_connectionString!, migrateOnStart: false);
            siloBuilder.Services.AddCityPack(ClusterFixture.PackFolder);
            siloBuilder.UsePostgreSqlStorage();
            siloBuilder.AddMemoryStreams(StreamNames.Provider);
        }
    }
}
