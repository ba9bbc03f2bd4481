using System.Diagnostics;
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
    public static async Task MosquittoPubAsync(int port, string topic, string payload)
    {
        var info = new ProcessStartInfo("mosquitto_pub") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", topic, "-m", payload }) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("mosquitto_pub is not installed; the test command (scripts/test.sh) installs package mosquitto-clients", e);
        }

        using (process)
        {
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"mosquitto_pub exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
