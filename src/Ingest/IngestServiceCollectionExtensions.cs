using CityBrain.Ingest.Demo;
using CityBrain.Ingest.Events;
using CityBrain.Ingest.Kafka;
using CityBrain.Ingest.Mqtt;
using CityBrain.Ingest.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Event normalisation, the batching pipeline, the MQTT subscriber, and (as configured) the embedded MQTT broker,
    /// the demo feed and Kafka. Needs a city pack (<c>AddCityPack</c>), an Orleans silo or client, and an
    /// <see cref="DeadLetters.IDeadLetterStore"/>, which the host's storage set brings (in memory or PostgreSQL).
    /// </summary>
    public static IServiceCollection AddCityBrainIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MqttOptions>().Bind(configuration.GetSection(MqttOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoFeedOptions>().Bind(configuration.GetSection(DemoFeedOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<EventNormalizer>();
        services.AddSingleton<IngestProgress>();
        services.AddSingleton<ObservationPipeline>();
        services.AddSingleton<IObservationSink>(sp => sp.GetRequiredService<ObservationPipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<ObservationPipeline>());
        services.AddSingleton<MessageGateway>();
        services.AddSingleton<IEventIntake, EventIntake>();
        services.AddSingleton<PoisonGuard>();

        // Order matters: the broker must listen before the subscriber and the demo feed connect to it.
        if (configuration.GetValue(MqttOptions.Section + ":" + nameof(MqttOptions.Embedded), true)) services.AddHostedService<EmbeddedMqttBroker>();
        services.AddHostedService<MqttIngestService>();
        if (configuration.GetValue(DemoFeedOptions.Section + ":" + nameof(DemoFeedOptions.Enabled), true)) services.AddHostedService<DemoFeedService>();
        services.AddCityBrainKafka(configuration);
        return services;
    }
}
