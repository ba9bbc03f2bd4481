using System.Net;
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
    /// </summary>
    public static ISiloBuilder UsePostgreSql(this ISiloBuilder orleans, SiloOptions silo, string connectionString)
    {
        orleans.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = silo.ClusterId;
            o.ServiceId = ServiceId;
        });
        orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
        orleans.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        orleans.AddAdoNetGrainStorage(StorageNames.State, o => o.Configure<Serializer>((options, serializer) => PostgreSqlStorage(options, connectionString, serializer)));
        orleans.AddAdoNetGrainStorage(StorageNames.PubSub, o => o.Configure<Serializer>((options, serializer) => PostgreSqlStorage(options, connectionString, serializer)));
        orleans.UseAdoNetReminderService(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        return orleans;
    }

    /// <summary>
    /// Stored state is written with Orleans' own serializer: types are identified by their permanent
    /// <c>[Alias]</c> and fields by <c>[Id]</c>, so renaming a class or adding a field keeps old rows readable
    /// (the default JSON serializer would record CLR type names instead).
    /// </summary>
    private static void PostgreSqlStorage(AdoNetGrainStorageOptions options, string connectionString, Serializer serializer)
    {
        options.Invariant = NpgsqlInvariant;
        options.ConnectionString = connectionString;
        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
    }

    /// <summary>Orleans service id: stored state is keyed by it, so it never changes.</summary>
    public const string ServiceId = "citybrain";
}
