using System.Net;
using System.Net.Sockets;
using CityBrain.Ingest;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace CityBrain.UnitTests;

/// <summary>The embedded broker ends offline persistent sessions when they expire, on a fake clock.</summary>
public sealed class EmbeddedMqttBrokerTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static EmbeddedMqttBroker Broker(int port, int capSeconds, FakeTimeProvider clock)
    {
        var ingest = Options.Create(new IngestOptions());
        return new EmbeddedMqttBroker(Options.Create(new MqttOptions { Port = port, EmbeddedSessionExpiryMaxSeconds = capSeconds }),
            new InMemoryDeadLetterStore(ingest, NullLogger<InMemoryDeadLetterStore>.Instance), ingest, clock, NullLogger<EmbeddedMqttBroker>.Instance);
    }

    /// <summary>Connects as a persistent MQTT 5 session; returns whether the broker still had it.</summary>
    private static async Task<bool> ConnectAndLeave(int port, string clientId, uint sessionExpirySeconds)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(false).WithSessionExpiryInterval(sessionExpirySeconds).Build());
        await client.SubscribeAsync("city/+/events");
        await client.DisconnectAsync();
        return result.IsSessionPresent;
    }

    private static async Task WaitUntilNoneWatched(EmbeddedMqttBroker broker, FakeTimeProvider clock)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (broker.OfflineSessionsWatched > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("phase 'expired session ended': still watched after 10 s");
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData(3600u, 120)]
    [InlineData(120u, 3600)]
    public async Task Offline_session_ends_when_its_own_expiry_or_the_cap_has_passed_whichever_is_first(uint clientExpirySeconds, int capSeconds)
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        var port = FreePort();
        var broker = Broker(port, capSeconds, clock);
        await broker.StartAsync(CancellationToken.None);
        try
        {
            var id = $"unit-{Guid.NewGuid():N}";
            Assert.False(await ConnectAndLeave(port, id, clientExpirySeconds));
            // The broker notices the disconnect just after the client has left.
            await Poll.UntilAsync("the broker notices the disconnect and watches the session", () => Task.FromResult(broker.OfflineSessionsWatched),
                watched => watched > 0, TimeSpan.FromSeconds(10), interval: TimeSpan.FromMilliseconds(10));

            await WaitUntilNoneWatched(broker, clock);
            Assert.InRange(clock.GetUtcNow() - start, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240));

            Assert.False(await ConnectAndLeave(port, id, clientExpirySeconds));
        }
        finally
        {
            await broker.StopAsync(CancellationToken.None);
            broker.Dispose();
        }
    }

    [Fact]
    public async Task Offline_session_within_its_expiry_is_kept_with_its_subscription()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var port = FreePort();
        var broker = Broker(port, 3600, clock);
        await broker.StartAsync(CancellationToken.None);
        try
        {
            var id = $"unit-{Guid.NewGuid():N}";
            await ConnectAndLeave(port, id, 3600);
            clock.Advance(TimeSpan.FromMinutes(30));
            Assert.True(await ConnectAndLeave(port, id, 3600));
        }
        finally
        {
            await broker.StopAsync(CancellationToken.None);
            broker.Dispose();
        }
    }
}
