namespace CityBrain.EndToEndTests;

/// <summary>One embedded host on the Chengdu demo pack (in-process MQTT broker), shared by a collection.</summary>
public sealed class ChengduHostFixture : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync("chengdu");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
