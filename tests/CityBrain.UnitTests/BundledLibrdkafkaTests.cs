using System.Text.Json;
using CityBrain.Ingest.Kafka;

namespace CityBrain.UnitTests;

public sealed class BundledLibrdkafkaTests
{
    [Fact]
    public void Confluent_Kafka_runs_on_the_librdkafka_its_package_ships_not_a_system_one()
    {
        BundledLibrdkafka.Register();

        Assert.Equal(ShippedVersion(), Confluent.Kafka.Library.VersionString);
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.EndsWith("centos8-librdkafka.so", BundledLibrdkafka.PreferredPath);
        }
    }

    [Fact]
    public void Mock_cluster_serves_the_Kafka_protocol_on_a_loopback_port()
    {
        using var cluster = MockKafkaCluster.Start();
        cluster.CreateTopic("unit.topic", 3);

        Assert.Matches(@"^127\.0\.0\.1:\d+$", cluster.BootstrapServers);
        using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var topic = Assert.Single(admin.GetMetadata("unit.topic", TimeSpan.FromSeconds(10)).Topics);
        Assert.Equal(3, topic.Partitions.Count);
        var error = Assert.Throws<InvalidOperationException>(() => cluster.CreateTopic("unit.topic", 5));
        Assert.Contains("unit.topic", error.Message);
    }

    /// <summary>The librdkafka.redist version this build restored, from the test's own dependency manifest.</summary>
    private static string ShippedVersion()
    {
        var deps = Path.Combine(AppContext.BaseDirectory, "CityBrain.UnitTests.deps.json");
        using var manifest = JsonDocument.Parse(File.ReadAllText(deps));
        var library = manifest.RootElement.GetProperty("libraries").EnumerateObject().Single(l => l.Name.StartsWith("librdkafka.redist/", StringComparison.Ordinal));
        return library.Name["librdkafka.redist/".Length..];
    }
}
