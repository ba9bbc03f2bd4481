using CityBrain.Districts;
using CityBrain.Incidents;
using CityBrain.Incidents.Kpis;
using CityBrain.Incidents.Sla;
using Orleans.Runtime;
using CityBrain.Packs;
using CityBrain.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain;

public static class CityPackServiceCollectionExtensions
{
    /// <summary>Load the city pack in <paramref name="folder"/> once and share it with every grain and service of this silo.</summary>
    public static IServiceCollection AddCityPack(this IServiceCollection services, string folder)
    {
        services.AddSingleton(_ => CityPackLoader.Load(folder));
        services.AddSingleton(sp => sp.GetRequiredService<CityPack>().Regions);
        services.AddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(IIncidentQueries)))
        {
            // Without PostgreSQL the read side is the district grains, told of every incident change.
            services.AddSingleton<IIncidentQueries, DistrictIncidentQueries>();
            services.AddSingleton<IRegionFeed, DistrictGrainFeed>();
        }
        if (!services.Any(d => d.ServiceType == typeof(IDueIncidents)))
        {
            // Without PostgreSQL the due-time index is this silo's memory, fed by the incident journal.
            services.AddSingleton<InMemoryDueIncidents>();
            services.AddSingleton<IDueIncidents>(sp => sp.GetRequiredService<InMemoryDueIncidents>());
            services.AddSingleton<IIncidentJournal>(sp => sp.GetRequiredService<InMemoryDueIncidents>());
        }

        if (!services.Any(d => d.ServiceType == typeof(IKpiQueries)))
        {
            // Without PostgreSQL the case facts live in one grain, fed by the incident journal.
            services.AddSingleton<IKpiQueries, KpiLedgerQueries>();
            services.AddSingleton<IIncidentJournal, KpiLedgerJournal>();
        }

        services.AddOptions<ScenarioOptions>();
        services.AddSingleton<ScenarioCompiler>();
        services.AddSingleton(sp => ScenarioHandlerTypes.Load(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScenarioOptions>>().Value.HandlerAssemblies));
        services.AddSingleton(sp => new ScenarioParser(sp.GetRequiredService<CityPack>(), sp.GetRequiredService<ScenarioHandlerTypes>()));
        services.AddSingleton(sp => new ScenarioBacktest(sp.GetRequiredService<CityPack>()));
        services.AddSingleton<ScenarioCatalogSource>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ScenarioCatalogSource>());
        services.AddSingleton<ScenarioFiringRecorder>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ScenarioFiringRecorder>());
        services.AddOptions<DeadlineScanOptions>();
        services.AddSingleton<DeadlineScanner>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineScanner>());
        return services;
    }
}
