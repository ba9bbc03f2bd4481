using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Scenarios;

namespace CityBrain.Silo;

/// <summary>
/// Composition of the one executable: the HTTP address, the city pack, storage and the Orleans silo with its
/// providers. The embedded default needs no configuration at all: localhost clustering, in-memory storage and
/// streams. With <c>Storage:Provider=PostgreSql</c> the same process becomes a node of a durable cluster.
/// </summary>
public static class SiloHostExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string DefaultPack = "packs/chengdu";

    /// <summary>The setting naming the city pack folder.</summary>
    public const string PackKey = "Pack";
    public const string DefaultBuiltInScenarios = "packs/scenarios";

    /// <summary>
    /// The host reads its settings from beside the executable (<c>appsettings.json</c> is copied there), not from
    /// the working directory, so <c>dotnet src/Silo/bin/…/CityBrain.Silo.dll</c> from the repository root reads
    /// them as <c>dotnet run</c> does.
    /// </summary>
    public static WebApplicationOptions BuilderOptions(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    public static WebApplicationBuilder AddCityBrainSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.WebHost.UseUrls(configuration["Http:Url"] ?? DefaultUrl);
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        var silo = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        // First: the storage set brings the silo's start-up checks, which must run before the silo starts.
        builder.AddCityBrainStorage(StorageSettings(configuration), silo);

        builder.Services.AddCityPack(LoadPack(configuration));
        builder.Services.AddOptions<ScenarioOptions>().Bind(configuration.GetSection(ScenarioOptions.Section))
            .PostConfigure(o => o.BuiltInFolder = string.IsNullOrWhiteSpace(o.BuiltInFolder) ? ResolvePack(DefaultBuiltInScenarios) : ResolvePack(o.BuiltInFolder))
            .Validate(o => o.RefreshSeconds > 0, "Scenarios:RefreshSeconds must be above 0")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DeadlineScanOptions>().Bind(configuration.GetSection("Sla"))
            .Validate(o => o.ScanSeconds > 0 && o.BatchSize > 0 && o.Concurrency > 0 && o.LeaseSeconds > o.ScanSeconds,
                "Sla: ScanSeconds, BatchSize and Concurrency must be above 0, and LeaseSeconds above ScanSeconds")
            .ValidateOnStart();

        // Scenario notices travel on memory streams (incident changes go through the live relay instead). A pulling agent
        // polls its queue on a timer, 100 ms by default, which a notice then waits on average half of; two queues
        // polled every 20 ms cost the same number of polls as Orleans' eight every 100 ms.
        builder.UseOrleans(orleans => orleans.AddMemoryStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigurePartitioning(2);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20)));
        }));
        // One MQTT session per node: stable across restarts, distinct between the nodes of a cluster.
        builder.Services.PostConfigure<CityBrain.Ingest.Mqtt.MqttOptions>(o => o.ClientId ??= $"citybrain-{Environment.MachineName}-{silo.SiloPort}");
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>Storage settings, validated now: the providers are chosen before the host is built.</summary>
    public static StorageOptions StorageSettings(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(storage, new(storage), errors, validateAllProperties: true))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), errors.Select(e => e.ErrorMessage ?? "invalid"));
        }

        return storage;
    }

    /// <summary>
    /// The city pack, loaded now: a broken one stops the start before anything listens, with a
    /// <see cref="CityPackException"/> that names the folder, the file and the setting.
    /// </summary>
    public static CityPack LoadPack(IConfiguration configuration)
    {
        var options = new CityPackOptions();
        try
        {
            configuration.GetSection(CityPackOptions.Section).Bind(options);
        }
        catch (InvalidOperationException)
        {
            throw new CityPackException($"{CityPackOptions.MaxBadPointShareKey}: '{configuration[CityPackOptions.MaxBadPointShareKey]}' is not a number; give a share between 0 and 1, e.g. {CityPackOptions.DefaultMaxBadPointShare}");
        }

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true))
        {
            throw new CityPackException(string.Join("; ", errors.Select(e => e.ErrorMessage)));
        }

        var setting = configuration[PackKey] ?? DefaultPack;
        var folder = ResolvePack(setting);
        if (!Directory.Exists(folder))
        {
            throw new CityPackException($"{PackKey}: city pack folder '{setting}' not found (looked in {Path.GetFullPath(setting)} and {folder})");
        }

        try
        {
            return CityPackLoader.Load(folder, options);
        }
        catch (CityPackException e)
        {
            throw new CityPackException($"city pack {folder} (setting {PackKey}): {e.Message}", e);
        }
    }

    /// <summary>A relative pack path is looked up from the working directory, then beside the executable.</summary>
    public static string ResolvePack(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var fromWorkingDirectory = Path.GetFullPath(path);
        if (Directory.Exists(fromWorkingDirectory)) return fromWorkingDirectory;
        return Path.Combine(AppContext.BaseDirectory, path);
    }
}
