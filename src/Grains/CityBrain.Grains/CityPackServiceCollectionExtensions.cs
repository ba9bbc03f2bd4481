using CityBrain.Incidents.Sla;
using CityBrain.Live;
using Orleans.Runtime;
using CityBrain.Packs;
using CityBrain.Scenarios;
using CityBrain.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityBrain;

public static class CityPackServiceCollectionExtensions
{
    /// <summary>Load the city pack in <paramref name="folder"/> once and share it with every grain and service of this silo.</summary>
    public static IServiceCollection AddCityPack(this IServiceCollection services, string folder) =>
        services.AddCityPack(_ => CityPackLoader.Load(folder));

    /// <summary>Share <paramref name="pack"/>, loaded already (so a broken pack stops the start before the host is built).</summary>
    public static IServiceCollection AddCityPack(this IServiceCollection services, CityPack pack) =>
        services.AddCityPack(_ => pack);

    private static IServiceCollection AddCityPack(this IServiceCollection services, Func<IServiceProvider, CityPack> load)
    {
        services.AddSingleton(sp =>
        {
            var pack = load(sp);
            LogPointReport(sp.GetRequiredService<ILoggerFactory>().CreateLogger<CityPack>(), pack);
            return pack;
        });
        services.AddSingleton<UnroutedCategories>();
        services.AddSingleton(sp => sp.GetRequiredService<CityPack>().Regions);
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<ScenarioOptions>();
        services.AddSingleton<ScenarioCompiler>();
        services.AddSingleton(sp => ScenarioHandlerTypes.Load(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScenarioOptions>>().Value.HandlerAssemblies));
        services.AddSingleton(sp => new ScenarioParser(sp.GetRequiredService<CityPack>(), sp.GetRequiredService<ScenarioHandlerTypes>()));
        services.AddSingleton(sp => new ScenarioBacktest(sp.GetRequiredService<CityPack>()));
        services.AddSingleton<ScenarioCatalogSource>();
        services.AddSingleton<IScenarioCatalogSource>(sp => sp.GetRequiredService<ScenarioCatalogSource>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ScenarioCatalogSource>());
        services.AddSingleton<ScenarioFiringRecorder>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ScenarioFiringRecorder>());
        services.AddOptions<DeadlineScanOptions>();
        services.AddSingleton<DeadlineScanner>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineScanner>());
        services.AddSingleton<LiveChangeRelay>();
        services.AddSingleton<ILiveChanges>(sp => sp.GetRequiredService<LiveChangeRelay>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LiveChangeRelay>());
        return services;
    }

    private static void LogPointReport(ILogger logger, CityPack pack)
    {
        var report = pack.PointReport;
        if (report.Bad == 0) logger.LogInformation("City pack {Pack}: {Summary}", pack.Name, report.Summary());
        else logger.LogWarning("City pack {Pack}: {Summary}", pack.Name, report.Summary());
    }
}
