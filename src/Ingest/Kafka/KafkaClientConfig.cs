using Confluent.Kafka;

namespace CityBrain.Ingest.Kafka;

/// <summary>The settings every CityBrain Kafka client shares: the brokers and any extra librdkafka settings.</summary>
internal static class KafkaClientConfig
{
    public static T With<T>(T config, KafkaOptions options) where T : ClientConfig
    {
        config.BootstrapServers = options.BootstrapServers;
        foreach (var (key, value) in options.Client) config.Set(key, value);
        return config;
    }
}
