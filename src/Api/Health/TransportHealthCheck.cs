using CityBrain.Ingest;
using CityBrain.Ingest.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Api.Health;

/// <summary>
/// Readiness of one ingest transport: Unhealthy while it holds messages and has finished none for
/// <see cref="IngestOptions.StuckAfterSeconds"/>, with the message that has waited longest. Logged once per stall.
/// </summary>
public sealed class TransportHealthCheck(TransportProgress progress, IOptions<IngestOptions> options, ILogger<TransportHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var after = TimeSpan.FromSeconds(options.Value.StuckAfterSeconds);
        var status = progress.Evaluate(after);
        var data = new Dictionary<string, object> { ["waiting"] = status.Waiting };
        if (status.Oldest is { } oldest)
        {
            data["oldestOrigin"] = oldest.Origin;
            data["oldestSince"] = oldest.Since;
        }

        if (!status.Stuck) return Task.FromResult(HealthCheckResult.Healthy($"{progress.Name}: {status.Waiting} waiting", data));
        var description = $"{progress.Name} stuck: no message finished for {(int)status.StalledFor.TotalSeconds} s; the oldest waiting is {status.Oldest!.Value.Origin} (since {status.Oldest.Value.Since:O})";
        if (status.NewlyStuck) logger.LogError("Ingest transport {Description}", description);
        return Task.FromResult(HealthCheckResult.Unhealthy(description, data: data));
    }
}
