using CityBrain.Incidents;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace CityBrain.IntegrationTests;

/// <summary>One in-process test cluster (two silos) over the "Twin" test pack, shared by the collection.</summary>
public sealed class ClusterFixture : IDisposable
{
    // Silo configurators are created by type, so they find the pack folder here.
    internal static readonly string PackFolder = TestPacks.Twin(radiusMeters: 100, windowMinutes: 10, cellSizeMeters: 500);

    public ClusterFixture()
    {
        Pack = CityPackLoader.Load(PackFolder);
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        Cluster.Deploy();
    }

    public TestCluster Cluster { get; }

    public CityPack Pack { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public void Dispose() => Cluster.StopAllSilos();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            // The host's in-memory set; the test cluster brings its own clustering.
            siloBuilder.UseMemoryStorage();
            siloBuilder.Services.AddCityPack(PackFolder);
            siloBuilder.AddMemoryStreams(StreamNames.Provider);
            siloBuilder.Services.AddSingleton<IIncidentJournal, FailingMergeJournal>();
            // SLA tests wait for warnings three seconds before deadlines: scan more often than that.
            siloBuilder.Services.Configure<DeadlineScanOptions>(o => o.ScanSeconds = 1);
            // The two-silo tests check that work lands on both silos. Orleans' default since 9.2 places new grains by
            // resource use, and both silos of a test cluster share one process: on a loaded machine it can put every
            // new cell on one of them. Random placement is what a test of "both silos" can count on.
            siloBuilder.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.RandomPlacement>();
            siloBuilder.AddOutgoingGrainCallFilter<SlowShares>();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(StreamNames.Provider);
    }
}
