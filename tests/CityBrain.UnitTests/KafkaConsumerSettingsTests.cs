using CityBrain.Ingest.Kafka;

namespace CityBrain.UnitTests;

public sealed class KafkaConsumerSettingsTests
{
    [Fact]
    public void A_fetch_waits_at_most_10_ms_at_the_broker_unless_Kafka_Client_says_otherwise()
    {
        Assert.Equal(10, KafkaIngestService.ConsumerSettings(new KafkaOptions { BootstrapServers = "127.0.0.1:9092" }).FetchWaitMaxMs);

        var configured = new KafkaOptions { BootstrapServers = "127.0.0.1:9092", Client = { ["fetch.wait.max.ms"] = "500" } };
        Assert.Equal(500, KafkaIngestService.ConsumerSettings(configured).FetchWaitMaxMs);
    }

    [Fact]
    public void The_session_timeout_default_and_the_group_settings_stay()
    {
        var settings = KafkaIngestService.ConsumerSettings(new KafkaOptions { BootstrapServers = "127.0.0.1:9092" });
        Assert.Equal((KafkaIngestService.DefaultSessionTimeoutMs, false), (settings.SessionTimeoutMs, settings.EnableAutoCommit));
    }
}
