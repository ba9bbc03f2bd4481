using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using CityBrain.Incidents;
using CityBrain.Incidents.Kpis;
using CityBrain.Incidents.Sla;
using Npgsql;

namespace CityBrain.Persistence;

public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL data source, schema migrations, and the incident journal, the evidence ledger and queries over the domain tables; with <paramref name="migrateOnStart"/>, pending
    /// migrations are applied by a hosted service registered here, so register this before the silo.
    /// </summary>
    public static IServiceCollection AddCityBrainPostgreSql(this IServiceCollection services, string connectionString, bool migrateOnStart)
    {
        // Orleans' ADO.NET providers find the driver by invariant name through DbProviderFactories.
        DbProviderFactories.RegisterFactory("Npgsql", NpgsqlFactory.Instance);
        services.AddSingleton(_ => PostgreSqlPool.CreateDataSource(connectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IIncidentJournal, PostgreSqlIncidentJournal>();
        services.AddSingleton<IIncidentJournalReader, PostgreSqlIncidentJournalReader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgreSqlStateSweep>();
        services.AddSingleton<IIncidentQueries, PostgreSqlIncidentQueries>();
        services.AddSingleton<IKpiQueries, PostgreSqlKpiQueries>();
        services.AddSingleton<IEvidenceLedger, PostgreSqlEvidenceLedger>();
        services.AddSingleton<IDuplicateCandidates, PostgreSqlDuplicateCandidates>();
        services.AddSingleton<IDueIncidents, PostgreSqlDueIncidents>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DuplicateSweepStartup>();
        if (migrateOnStart) services.AddHostedService<MigrateOnStart>();
        return services;
    }
}
