using CityBrain.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Ingest.Kafka;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Kafka:Enabled=true</c>: the consumer, the shared producer, incident egress and, with
    /// <c>Kafka:Embedded=true</c>, an in-process mock cluster with the configured topics.
    /// </summary>
    public static IServiceCollection AddCityBrainKafka(this IServiceCollection services, IConfiguration configuration)
    {
        BundledLibrdkafka.Register();
        var section = configuration.GetSection(KafkaOptions.Section);
        services.AddOptions<KafkaOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<KafkaOptions>() ?? new KafkaOptions();
        if (!settings.Enabled) return services;

        if (settings.Embedded)
        {
            services.AddSingleton(_ =>
            {
                var cluster = MockKafkaCluster.Start();
                var topics = settings.Topics.Where(t => !t.StartsWith('^')).Append(settings.DeadLetterTopic).Append(settings.IncidentsTopic).Append(settings.EventsTopic);
                foreach (var topic in topics.OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)) cluster.CreateTopic(topic, settings.EmbeddedPartitions);
                return cluster;
            });
            services.AddOptions<KafkaOptions>().PostConfigure<MockKafkaCluster>((o, cluster) => o.BootstrapServers = cluster.BootstrapServers);
        }

        services.AddSingleton<KafkaProducerHost>();
        if (!string.IsNullOrEmpty(settings.IncidentsTopic)) services.AddSingleton<IIncidentChangeListener, KafkaIncidentEgress>();
        services.AddHostedService<KafkaIngestService>();
        return services;
    }
}
