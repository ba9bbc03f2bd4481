using System.Net;
using System.Net.Sockets;
using CityBrain.Api;
using CityBrain.Ingest;
using CityBrain.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.IntegrationTests.Api;

/// <summary>
/// The embedded host (silo, ingest and API on the Chengdu pack, demo feed off) started inside the test process, for
/// HTTP behaviour that needs no process of its own: it starts in seconds and fails with a stack trace, where
/// <c>CityBrain.EndToEndTests</c>' HostProcess is for what only a real process shows (exit codes, crashes, memory,
/// sockets held). It is composed as <c>src/Silo/Program.cs</c> composes it; keep the two alike.
/// </summary>
public sealed class InProcessHost : IAsyncLifetime
{
    private readonly string[] _extraArgs;
    private WebApplication? _app;

    public InProcessHost()
        : this([])
    {
    }

    /// <param name="extraArgs">More command-line settings, for a host of a test's own (a shared fixture takes none).</param>
    internal InProcessHost(string[] extraArgs) => _extraArgs = extraArgs;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string[] args =
        [
            // Port 0: the server picks a free port when it binds, so no other process can take it first.
            "--Http:Url=http://127.0.0.1:0",
            $"--Pack={RepoPaths.Pack("chengdu")}",
            $"--Mqtt:Port={FreePort()}",
            "--Mqtt:Embedded=true",
            $"--Mqtt:ClientId=citybrain-inprocess-{Guid.NewGuid():N}",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            $"--Orleans:ClusterId=inprocess-{Guid.NewGuid():N}",
            "--Demo:Enabled=false",
            .. _extraArgs,
        ];
        var builder = WebApplication.CreateBuilder(SiloHostExtensions.BuilderOptions(args));
        builder.AddCityBrainSilo();
        builder.Services.AddCityBrainIngest(builder.Configuration);
        builder.Services.AddCityBrainApi();
        _app = builder.Build();
        _app.MapCityBrainApi();
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
