using Microsoft.Extensions.Hosting;

namespace CityBrain.Persistence;

/// <summary>Applies pending migrations as the host starts, before the silo opens its tables.</summary>
public sealed class MigrateOnStart(MigrationRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
