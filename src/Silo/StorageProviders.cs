using System.Data.Common;
using System.Net;
using CityBrain.Regions;
using CityBrain.Incidents;
using CityBrain.Incidents.Kpis;
using CityBrain.Incidents.Sla;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Persistence;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityBrain.Silo;

/// <summary>
/// The one place that picks where state lives (<c>Storage:Provider</c>). Each mode registers its whole set here:
/// Orleans grain storage, clustering and reminders; the incident journals (written with each change), the journal
/// reader and the evidence ledger; the read side (with memory, listeners told after each change is stored) (incident and KPI queries, region feed); the SLA due-time index; dead letters; and, with
/// PostgreSQL, the schema migrations, the connection budget check, the state sweep and the duplicate sweep. Nothing
/// else in the host registers any of these, so no registration waits to see whether another came first.
/// </summary>
public static class StorageProviders
{
    /// <summary>The Npgsql ADO.NET provider invariant name the Orleans ADO.NET providers look up.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Orleans service id: stored state is keyed by it, so it never changes.</summary>
    public const string ServiceId = "citybrain";

    private const string NpgsqlNamespace = "Npgsql";

    /// <summary>The provider set <paramref name="storage"/> names. Call it before anything else adds Orleans or hosted services.</summary>
    public static IHostApplicationBuilder AddCityBrainStorage(this IHostApplicationBuilder builder, StorageOptions storage, SiloOptions silo) => storage.Provider switch
    {
        StorageProvider.Memory => builder.AddMemoryStorage(silo),
        StorageProvider.PostgreSql => builder.AddPostgreSqlStorage(storage, silo),
        _ => throw new ArgumentOutOfRangeException(nameof(storage), storage.Provider, $"{StorageOptions.Section}:{nameof(StorageOptions.Provider)} is {StorageProvider.Memory} or {StorageProvider.PostgreSql}"),
    };

    /// <summary>The embedded default: one silo on localhost, everything in memory; nothing survives a restart.</summary>
    public static IHostApplicationBuilder AddMemoryStorage(this IHostApplicationBuilder builder, SiloOptions silo)
    {
        builder.UseOrleans(orleans => orleans
            .UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: ServiceId, clusterId: silo.ClusterId)
            .UseMemoryStorage());
        return builder;
    }

    /// <summary>
    /// The in-memory set apart from clustering: what <see cref="AddMemoryStorage"/> runs on localhost clustering,
    /// and what a test cluster, which brings its own clustering, runs with.
    /// </summary>
    public static ISiloBuilder UseMemoryStorage(this ISiloBuilder orleans)
    {
        orleans.AddMemoryGrainStorage(StorageNames.State, o => o.Configure<Serializer>(MemoryGrainStorage));
        orleans.AddMemoryGrainStorage(StorageNames.PubSub, o => o.Configure<Serializer>(MemoryGrainStorage));
        orleans.UseInMemoryReminderService();

        var services = orleans.Services;
        // The read side is the district grains, told of every incident change.
        services.AddSingleton<IIncidentQueries, RegionIncidentQueries>();
        services.AddSingleton<IRegionFeed, RegionGrainFeed>();
        // Nothing is journalled: the incident's state is the record. The due-time index is this silo's memory and the
        // case facts live in one grain, both told of each change once it is stored.
        services.AddSingleton<InMemoryDueIncidents>();
        services.AddSingleton<IDueIncidents>(sp => sp.GetRequiredService<InMemoryDueIncidents>());
        services.AddSingleton<IIncidentChangeListener>(sp => sp.GetRequiredService<InMemoryDueIncidents>());
        services.AddSingleton<IKpiQueries, KpiLedgerQueries>();
        services.AddSingleton<IIncidentChangeListener, KpiLedgerListener>();
        services.AddSingleton<IDeadLetterStore, InMemoryDeadLetterStore>();
        return orleans;
    }

    /// <summary>
    /// A node of a durable cluster: membership, grain state, stream subscriptions, reminders, the read side and dead
    /// letters in PostgreSQL. Any number of silos with the same cluster id form one cluster, and a lost silo's grains
    /// reactivate elsewhere from stored state.
    /// </summary>
    public static IHostApplicationBuilder AddPostgreSqlStorage(this IHostApplicationBuilder builder, StorageOptions storage, SiloOptions silo)
    {
        // Hosted services start in the order they are added, and the silo's own is added by the first UseOrleans
        // (below): the schema is in place before Orleans reads its tables, and the connection budget check reads the
        // membership table before the silo joins, so a refused node never appears in it.
        if (storage.MigrateOnStart) builder.Services.AddHostedService<MigrateOnStart>();
        builder.Services.AddHostedService<ConnectionBudgetCheck>();
        builder.UseOrleans(orleans => orleans
            .UsePostgreSqlClustering(silo)
            .UsePostgreSqlStorage(storage.ConnectionString ?? throw new ArgumentException($"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)} is required", nameof(storage))));
        return builder;
    }

    /// <summary>
    /// The PostgreSQL set apart from clustering and the start-up checks: what <see cref="AddPostgreSqlStorage"/>
    /// runs on ADO.NET clustering, and what a test cluster, which brings its own clustering and schema, runs with.
    /// Every provider uses the one <see cref="NpgsqlDataSource"/> of the process, so the whole silo shares one
    /// connection pool (its size is the connection string's <c>Maximum Pool Size</c>).
    /// </summary>
    public static ISiloBuilder UsePostgreSqlStorage(this ISiloBuilder orleans, string connectionString)
    {
        // Orleans' ADO.NET providers find the driver by invariant name through DbProviderFactories.
        DbProviderFactories.RegisterFactory(NpgsqlInvariant, NpgsqlFactory.Instance);
        var services = orleans.Services;
        services.AddSingleton(_ => PostgreSqlPool.CreateDataSource(connectionString));
        services.AddSingleton<MigrationRunner>();

        // A grain whose database call fails answers its caller with Npgsql's exception. Orleans carries only the
        // exception types of the namespaces listed here; any other fails the response's serialization and reaches
        // the caller as "Could not find a codec for type Npgsql.PostgresException", which says nothing about the
        // database, so ingest on another silo could not tell a busy server (53300) from a bad message.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(NpgsqlNamespace));
        orleans.AddAdoNetGrainStorage(StorageNames.State, o => o.Configure<NpgsqlDataSource, Serializer>(PostgreSqlGrainStorage));
        orleans.AddAdoNetGrainStorage(StorageNames.PubSub, o => o.Configure<NpgsqlDataSource, Serializer>(PostgreSqlGrainStorage));
        orleans.UseAdoNetReminderService(o => o.Configure<NpgsqlDataSource>((options, dataSource) =>
        {
            options.Invariant = NpgsqlInvariant;
            options.DataSource = dataSource;
        }));

        // The incident journal (read model, audit) and the evidence ledger, written with each change; the reader
        // restores an incident whose state write the journal outlived.
        services.AddSingleton<IIncidentJournal, PostgreSqlIncidentJournal>();
        services.AddSingleton<IIncidentJournalReader, PostgreSqlIncidentJournalReader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgreSqlStateSweep>();
        services.AddSingleton<IIncidentQueries, PostgreSqlIncidentQueries>();
        services.AddSingleton<IKpiQueries, PostgreSqlKpiQueries>();
        services.AddSingleton<IEvidenceLedger, PostgreSqlEvidenceLedger>();
        services.AddSingleton<IDuplicateCandidates, PostgreSqlDuplicateCandidates>();
        services.AddSingleton<IDueIncidents, PostgreSqlDueIncidents>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DuplicateSweepStartup>();
        services.AddSingleton<IDeadLetterStore, PostgreSqlDeadLetterStore>();
        return orleans;
    }

    /// <summary>ADO.NET membership in PostgreSQL, on the endpoint and cluster id of <paramref name="silo"/>.</summary>
    private static ISiloBuilder UsePostgreSqlClustering(this ISiloBuilder orleans, SiloOptions silo)
    {
        orleans.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = silo.ClusterId;
            o.ServiceId = ServiceId;
        });
        orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
        // A node killed and restarted on the same endpoint declares its older generation dead as it joins; a node
        // that does not come back is declared dead by the others' probes after the configured detection time.
        orleans.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(silo.ProbeTimeoutSeconds);
            o.NumMissedProbesLimit = silo.MissedProbesLimit;
        });
        orleans.UseAdoNetClustering(o => o.Configure<NpgsqlDataSource>((options, dataSource) =>
        {
            options.Invariant = NpgsqlInvariant;
            options.DataSource = dataSource;
        }));
        return orleans;
    }

    /// <summary>
    /// In-memory state is kept in Orleans' binary form, as in PostgreSQL. Orleans' default for memory storage is
    /// Newtonsoft JSON of the whole state on every write: a quarter to a half of the CPU of an event that opens or
    /// attaches to an incident (issue 17). The copy is still a copy, so a grain never shares objects with its store.
    /// </summary>
    private static void MemoryGrainStorage(MemoryGrainStorageOptions options, Serializer serializer) =>
        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);

    /// <summary>
    /// Stored state is written with Orleans' own serializer: types are identified by their permanent
    /// <c>[Alias]</c> and fields by <c>[Id]</c>, so renaming a class or adding a field keeps old rows readable
    /// (the default JSON serializer would record CLR type names instead).
    /// </summary>
    private static void PostgreSqlGrainStorage(AdoNetGrainStorageOptions options, NpgsqlDataSource dataSource, Serializer serializer)
    {
        options.Invariant = NpgsqlInvariant;
        options.DataSource = dataSource;
        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
    }
}
