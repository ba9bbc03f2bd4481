using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.EndToEndTests;

/// <summary>Real MQTT publishers: an MQTTnet client, and the mosquitto_pub command line.</summary>
public static class Publishers
{
    public static async Task PublishAsync(int port, string topic, IEnumerable<string> payloads)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"e2e-{Guid.NewGuid():N}").Build());
        foreach (var payload in payloads)
        {
            var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            if (!result.IsSuccess) throw new InvalidOperationException($"publish to {topic} failed: {result.ReasonCode}");
        }

        await client.DisconnectAsync();
    }

    /// <summary>Publishes with the mosquitto_pub command as a user would, with no client id of its own.</summary>
    public static Task MosquittoPubAsync(int port, string topic, string payload) =>
        DebianTool.RunAsync("mosquitto_pub", "mosquitto-clients", ["-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", topic, "-m", payload], TimeSpan.FromSeconds(30));
}
