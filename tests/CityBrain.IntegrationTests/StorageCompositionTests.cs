using CityBrain.Api;
using CityBrain.Regions;
using CityBrain.Incidents;
using CityBrain.Incidents.Kpis;
using CityBrain.Incidents.Sla;
using CityBrain.Ingest;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Kafka;
using CityBrain.Persistence;
using CityBrain.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace CityBrain.IntegrationTests;

/// <summary>
/// <c>Storage:Provider</c> picks one whole set of providers (<see cref="StorageProviders"/>). The host is composed as
/// <c>Program.cs</c> composes it and built, never started: no silo runs and no connection to PostgreSQL is opened
/// (the connection string names a port where nothing listens), so what each domain service resolves to is what the
/// composition alone decides.
/// </summary>
public sealed class StorageCompositionTests
{
    private const string UnusedDatabase = "Host=127.0.0.1;Port=1;Database=never_opened;Username=nobody";

    [Fact]
    public async Task Memory_resolves_every_store_to_memory_and_the_district_grains()
    {
        await using var host = Compose("Memory");
        var services = host.Services;

        Assert.IsType<InMemoryDeadLetterStore>(services.GetRequiredService<IDeadLetterStore>());
        Assert.IsType<RegionIncidentQueries>(services.GetRequiredService<IIncidentQueries>());
        Assert.IsType<KpiLedgerQueries>(services.GetRequiredService<IKpiQueries>());
        var due = Assert.IsType<InMemoryDueIncidents>(services.GetRequiredService<IDueIncidents>());
        // Nothing is journalled; the due-time index is told of the changes it answers for: one instance in both roles.
        Assert.Empty(services.GetServices<IIncidentJournal>());
        Assert.Equal([typeof(InMemoryDueIncidents), typeof(KpiLedgerListener)], Types(services.GetServices<IIncidentChangeListener>()));
        Assert.Same(due, services.GetServices<IIncidentChangeListener>().First());
        Assert.Equal([typeof(RegionGrainFeed)], Types(services.GetServices<IRegionFeed>()));
        Assert.Empty(services.GetServices<IIncidentJournalReader>());
        Assert.Empty(services.GetServices<IEvidenceLedger>());
        Assert.Null(services.GetService<IDuplicateCandidates>());
        Assert.Null(services.GetService<NpgsqlDataSource>());

        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State));
        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.PubSub));
        // Orleans' own default for memory storage is Newtonsoft JSON of the whole state on every write.
        var memoryOptions = services.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>();
        Assert.IsType<OrleansGrainStorageSerializer>(memoryOptions.Get(StorageNames.State).GrainStorageSerializer);
        Assert.IsType<OrleansGrainStorageSerializer>(memoryOptions.Get(StorageNames.PubSub).GrainStorageSerializer);
        // Orleans keeps its reminder and membership tables internal: they are told apart by name.
        Assert.Equal("InMemoryReminderTable", services.GetRequiredService<IReminderTable>().GetType().Name);
        Assert.DoesNotContain(services.GetServices<IMembershipTable>(), t => t.GetType().Name.StartsWith("AdoNet", StringComparison.Ordinal));

        Assert.DoesNotContain(typeof(MigrateOnStart), HostedServiceTypes(host));
        Assert.DoesNotContain(typeof(ConnectionBudgetCheck), HostedServiceTypes(host));
        Assert.DoesNotContain(typeof(PostgreSqlStateSweep), SiloParticipantTypes(host));
        Assert.DoesNotContain(typeof(DuplicateSweepStartup), SiloParticipantTypes(host));
        AssertOneRegistrationEach(host);
    }

    [Fact]
    public async Task PostgreSql_resolves_every_store_to_PostgreSQL_and_checks_the_database_before_the_silo_starts()
    {
        await using var host = Compose("PostgreSql");
        var services = host.Services;

        Assert.Contains("never_opened", services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.IsType<PostgreSqlDeadLetterStore>(services.GetRequiredService<IDeadLetterStore>());
        Assert.IsType<PostgreSqlIncidentQueries>(services.GetRequiredService<IIncidentQueries>());
        Assert.IsType<PostgreSqlKpiQueries>(services.GetRequiredService<IKpiQueries>());
        Assert.IsType<PostgreSqlDueIncidents>(services.GetRequiredService<IDueIncidents>());
        Assert.IsType<PostgreSqlDuplicateCandidates>(services.GetRequiredService<IDuplicateCandidates>());
        Assert.Equal([typeof(PostgreSqlIncidentJournal)], Types(services.GetServices<IIncidentJournal>()));
        Assert.Empty(services.GetServices<IIncidentChangeListener>());
        Assert.Equal([typeof(PostgreSqlIncidentJournalReader)], Types(services.GetServices<IIncidentJournalReader>()));
        Assert.Equal([typeof(PostgreSqlEvidenceLedger)], Types(services.GetServices<IEvidenceLedger>()));
        Assert.Empty(services.GetServices<IRegionFeed>());

        Assert.IsType<AdoNetGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State));
        Assert.IsType<AdoNetGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.PubSub));
        Assert.Equal("AdoNetReminderTable", services.GetRequiredService<IReminderTable>().GetType().Name);
        Assert.Contains(services.GetServices<IMembershipTable>(), t => t.GetType().Name == "AdoNetClusteringTable");

        // Hosted services start in order: the schema, then the connection budget, then the silo.
        var hosted = HostedServiceTypes(host);
        var silo = hosted.FindIndex(t => t.Name == "SiloHostedService");
        Assert.True(silo >= 0, "the silo's hosted service is registered");
        Assert.InRange(hosted.IndexOf(typeof(MigrateOnStart)), 0, silo - 1);
        Assert.InRange(hosted.IndexOf(typeof(ConnectionBudgetCheck)), hosted.IndexOf(typeof(MigrateOnStart)) + 1, silo - 1);
        Assert.Contains(typeof(PostgreSqlStateSweep), SiloParticipantTypes(host));
        Assert.Contains(typeof(DuplicateSweepStartup), SiloParticipantTypes(host));
        AssertOneRegistrationEach(host);
    }

    [Fact]
    public async Task PostgreSql_without_migrate_on_start_leaves_the_schema_to_db_migrate()
    {
        await using var host = Compose("PostgreSql", "--Storage:MigrateOnStart=false");

        Assert.DoesNotContain(typeof(MigrateOnStart), HostedServiceTypes(host));
        Assert.Contains(typeof(ConnectionBudgetCheck), HostedServiceTypes(host));
    }

    [Theory]
    [InlineData("Memory")]
    [InlineData("PostgreSql")]
    public async Task Kafka_egress_is_told_after_the_change_is_stored_not_journalled_with_it(string provider)
    {
        // Descriptors only: resolving the egress would build a producer for a broker that is not there.
        await using var host = Compose(provider, "--Kafka:Enabled=true", "--Kafka:BootstrapServers=127.0.0.1:1");

        Assert.Contains(typeof(KafkaIncidentEgress), host.Descriptors.Where(d => d.ServiceType == typeof(IIncidentChangeListener)).Select(ImplementationType));
        Assert.DoesNotContain(typeof(KafkaIncidentEgress), host.Descriptors.Where(d => d.ServiceType == typeof(IIncidentJournal)).Select(ImplementationType));
    }

    /// <summary>The host as <c>Program.cs</c> composes it, built and not started.</summary>
    private static ComposedHost Compose(string provider, params string[] more)
    {
        string[] args =
        [
            $"--Storage:Provider={provider}",
            $"--Storage:ConnectionString={UnusedDatabase}",
            $"--Pack={ClusterFixture.PackFolder}",
            .. more,
        ];
        var builder = WebApplication.CreateBuilder(SiloHostExtensions.BuilderOptions(args));
        builder.AddCityBrainSilo();
        builder.Services.AddCityBrainIngest(builder.Configuration);
        builder.Services.AddCityBrainApi();
        var descriptors = builder.Services.ToList();
        return new ComposedHost(builder.Build(), descriptors);
    }

    /// <summary>Each single-valued store has exactly one registration, so none is chosen by registration order.</summary>
    private static void AssertOneRegistrationEach(ComposedHost host)
    {
        foreach (var service in new[] { typeof(IDeadLetterStore), typeof(IIncidentQueries), typeof(IKpiQueries), typeof(IDueIncidents), typeof(IReminderTable) })
        {
            Assert.True(host.Descriptors.Count(d => d.ServiceType == service && !d.IsKeyedService) == 1, $"{service.Name} is registered once");
        }
    }

    private static List<Type> HostedServiceTypes(ComposedHost host) =>
        host.Descriptors.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService).Select(ImplementationType).ToList();

    private static List<Type> SiloParticipantTypes(ComposedHost host) =>
        host.Descriptors.Where(d => d.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && !d.IsKeyedService).Select(ImplementationType).ToList();

    // A factory registration names no type; its place in the list still counts for the order.
    private static Type ImplementationType(ServiceDescriptor d) => d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? typeof(object);

    private static Type[] Types<T>(IEnumerable<T> services) => services.Select(s => s!.GetType()).ToArray();

    private sealed class ComposedHost(WebApplication app, IReadOnlyList<ServiceDescriptor> descriptors) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;

        public IReadOnlyList<ServiceDescriptor> Descriptors { get; } = descriptors;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
