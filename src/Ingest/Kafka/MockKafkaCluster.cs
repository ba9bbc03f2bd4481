using System.Runtime.InteropServices;
using System.Text;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// librdkafka's built-in mock cluster: a Kafka-protocol broker (produce, fetch, consumer groups, offsets) that
/// listens on real loopback TCP ports, inside this process and in memory. For development and tests only;
/// deployments use Apache Kafka. Every client talks to it as to any Kafka, through <see cref="BootstrapServers"/>.
/// </summary>
public sealed unsafe class MockKafkaCluster : IDisposable
{
    private const int ProducerType = 0;
    private const int ConfOk = 0;

    private readonly IntPtr _client;
    private IntPtr _cluster;

    private MockKafkaCluster(IntPtr client, IntPtr cluster)
    {
        _client = client;
        _cluster = cluster;
        BootstrapServers = Marshal.PtrToStringUTF8(Function<IntPtr, IntPtr>("rd_kafka_mock_cluster_bootstraps")(cluster))
                           ?? throw new InvalidOperationException("the mock cluster has no bootstrap address");
        // The default delay before a new consumer group's first rebalance is 3 s, which would dominate every start.
        ((delegate* unmanaged[Cdecl]<IntPtr, int, void>)Export("rd_kafka_mock_group_initial_rebalance_delay_ms"))(cluster, 0);
    }

    /// <summary>Comma-separated <c>host:port</c> list of the mock brokers.</summary>
    public string BootstrapServers { get; }

    public static MockKafkaCluster Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var errors = new byte[512];
        IntPtr client;
        fixed (byte* errstr = errors)
        {
            var conf = ((delegate* unmanaged[Cdecl]<IntPtr>)Export("rd_kafka_conf_new"))();
            SetConf(conf, "log_level", "3", errstr, errors.Length);
            client = ((delegate* unmanaged[Cdecl]<int, IntPtr, byte*, nuint, IntPtr>)Export("rd_kafka_new"))(ProducerType, conf, errstr, (nuint)errors.Length);
        }

        if (client == IntPtr.Zero) throw new InvalidOperationException($"librdkafka: {Message(errors)}");
        var cluster = ((delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)Export("rd_kafka_mock_cluster_new"))(client, brokers);
        if (cluster == IntPtr.Zero)
        {
            ((delegate* unmanaged[Cdecl]<IntPtr, void>)Export("rd_kafka_destroy"))(client);
            throw new InvalidOperationException("librdkafka could not start a mock cluster");
        }

        return new MockKafkaCluster(client, cluster);
    }

    /// <summary>Create a topic (an error if it exists with a different partition count).</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var utf8 = Encoding.UTF8.GetBytes(name + "\0");
        int error;
        fixed (byte* topic = utf8)
        {
            error = ((delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int>)Export("rd_kafka_mock_topic_create"))(_cluster, topic, partitions, 1);
        }

        if (error != 0) throw new InvalidOperationException($"mock cluster: creating topic '{name}' with {partitions} partitions failed: {new Confluent.Kafka.Error((Confluent.Kafka.ErrorCode)error).Reason}");
    }

    public void Dispose()
    {
        if (_cluster == IntPtr.Zero) return;
        ((delegate* unmanaged[Cdecl]<IntPtr, void>)Export("rd_kafka_mock_cluster_destroy"))(_cluster);
        ((delegate* unmanaged[Cdecl]<IntPtr, void>)Export("rd_kafka_destroy"))(_client);
        _cluster = IntPtr.Zero;
    }

    private static void SetConf(IntPtr conf, string name, string value, byte* errstr, int size)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        var v = Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* pn = n, pv = v)
        {
            var result = ((delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte*, nuint, int>)Export("rd_kafka_conf_set"))(conf, pn, pv, errstr, (nuint)size);
            if (result != ConfOk) throw new InvalidOperationException($"librdkafka: {name}={value}: {Marshal.PtrToStringUTF8((IntPtr)errstr)}");
        }
    }

    private static delegate* unmanaged[Cdecl]<TArg, TResult> Function<TArg, TResult>(string name) =>
        (delegate* unmanaged[Cdecl]<TArg, TResult>)Export(name);

    private static IntPtr Export(string name) => NativeLibrary.GetExport(BundledLibrdkafka.Handle, name);

    private static string Message(byte[] errors) => Encoding.UTF8.GetString(errors, 0, Math.Max(0, Array.IndexOf(errors, (byte)0)));
}
