namespace CityBrain.Silo;

/// <summary>
/// Composition of the one executable: the HTTP address, the city pack and the Orleans silo with its providers.
/// The embedded default needs no configuration at all: localhost clustering, in-memory storage and streams.
/// </summary>
public static class SiloHostExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string DefaultPack = "packs/chengdu";

    public static WebApplicationBuilder AddCityBrainSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.WebHost.UseUrls(configuration["Http:Url"] ?? DefaultUrl);
        builder.Services.AddCityPack(ResolvePack(configuration["Pack"] ?? DefaultPack));
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        var silo = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: "citybrain", clusterId: silo.ClusterId);
            orleans.AddMemoryGrainStorage(StorageNames.State);
            orleans.AddMemoryGrainStorage(StorageNames.PubSub);
            orleans.AddMemoryStreams(StreamNames.Provider);
        });
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
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
