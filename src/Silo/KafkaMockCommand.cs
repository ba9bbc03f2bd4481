using CityBrain.Ingest.Kafka;

namespace CityBrain.Silo;

/// <summary>
/// <c>kafka mock</c>: run librdkafka's Kafka-protocol mock cluster on loopback until stopped, with the given
/// topics, and print its bootstrap address. For development and tests; deployments use Apache Kafka.
/// </summary>
public static class KafkaMockCommand
{
    private const string Usage = "usage: kafka mock [--brokers N] [--topics name:partitions[,name:partitions…]]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["kafka", "mock", .. var rest]) return Fail(Usage);
        var brokers = 1;
        var topics = new List<(string Name, int Partitions)>();
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--brokers" when i + 1 < rest.Length && int.TryParse(rest[i + 1], out var n) && n >= 1:
                    brokers = n;
                    i++;
                    break;
                case "--topics" when i + 1 < rest.Length:
                    foreach (var spec in rest[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var parts = spec.Split(':');
                        if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out var partitions) || partitions < 1)
                            return Fail($"kafka mock: topic '{spec}' is not name:partitions (e.g. city.events:6)\n{Usage}");
                        topics.Add((parts[0], partitions));
                    }

                    break;
                default:
                    return Fail($"kafka mock: unexpected argument '{rest[i]}'\n{Usage}");
            }
        }

        using var cluster = MockKafkaCluster.Start(brokers);
        foreach (var (name, partitions) in topics) cluster.CreateTopic(name, partitions);
        Console.WriteLine($"bootstrap: {cluster.BootstrapServers}");
        Console.Out.Flush();

        var stopped = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.TrySetResult(); });
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stopped.TrySetResult(); });
        await stopped.Task;
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
