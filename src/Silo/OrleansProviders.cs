using System.Net;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityBrain.Silo;

/// <summary>The two provider sets a silo runs with. Nothing else in the host knows which one is in use.</summary>
public static class OrleansProviders
{
    /// <summary>The Npgsql ADO.NET provider invariant name the Orleans ADO.NET providers look up.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>One silo on localhost, everything in memory.</summary>
    public static ISiloBuilder UseEmbedded(this ISiloBuilder orleans, SiloOptions silo)
    {
        orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: ServiceId, clusterId: silo.ClusterId);
        orleans.AddMemoryGrainStorage(StorageNames.State);
        orleans.AddMemoryGrainStorage(StorageNames.PubSub);
        orleans.UseInMemoryReminderService();
        return orleans;
    }

    /// <summary>
    /// Membership, grain state, stream subscriptions and reminders in PostgreSQL: any number of silos with the
    /// same cluster id form one cluster, and a lost silo's grains reactivate elsewhere from stored state.
    /// Every provider uses the one <see cref="NpgsqlDataSource"/> of the process, so the whole silo shares one
    /// connection pool (its size is the connection string's <c>Maximum Pool Size</c>).
    /// </summary>
    public static ISiloBuilder UsePostgreSql(this ISiloBuilder orleans, SiloOptions silo)
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
        return orleans.UsePostgreSqlStorage();
    }

    /// <summary>Grain state, stream subscriptions and reminders in PostgreSQL, whatever the clustering.</summary>
    public static ISiloBuilder UsePostgreSqlStorage(this ISiloBuilder orleans)
    {
        // A grain whose database call fails answers its caller with Npgsql's exception. Orleans carries only the
        // exception types of the namespaces listed here; any other fails the response's serialization and reaches
        // the caller as "Could not find a codec for type Npgsql.PostgresException", which says nothing about the
        // database, so ingest on another silo could not tell a busy server (53300) from a bad message.
        orleans.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(NpgsqlNamespace));
        orleans.AddAdoNetGrainStorage(StorageNames.State, o => o.Configure<NpgsqlDataSource, Serializer>(PostgreSqlStorage));
        orleans.AddAdoNetGrainStorage(StorageNames.PubSub, o => o.Configure<NpgsqlDataSource, Serializer>(PostgreSqlStorage));
        orleans.UseAdoNetReminderService(o => o.Configure<NpgsqlDataSource>((options, dataSource) =>
        {
            options.Invariant = NpgsqlInvariant;
            options.DataSource = dataSource;
        }));
        return orleans;
    }

    /// <summary>
    /// Stored state is written with Orleans' own serializer: types are identified by their permanent
    /// <c>[Alias]</c> and fields by <c>[Id]</c>, so renaming a class or adding a field keeps old rows readable
    /// (the default JSON serializer would record CLR type names instead).
    /// </summary>
    private static void PostgreSqlStorage(AdoNetGrainStorageOptions options, NpgsqlDataSource dataSource, Serializer serializer)
    {
        options.Invariant = NpgsqlInvariant;
        options.DataSource = dataSource;
        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
    }

    private const string NpgsqlNamespace = "Npgsql";

    /// <summary>Orleans service id: stored state is keyed by it, so it never changes.</summary>
    public const string ServiceId = "citybrain";
}
