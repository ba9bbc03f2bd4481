using CityBrain.Incidents;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// Publishes every incident change to <see cref="KafkaOptions.IncidentsTopic"/>, keyed by incident id so that
/// one incident's changes share a partition and keep their order. The incident grain calls it in order, once
/// per change and only after the change is stored; the call only enqueues, so no grain waits for the broker. When a case ends, the answers owed to
/// its citizen reporters follow the change on the same topic (<c>city.report.answered</c>), for the reporting
/// channels to pass on.
/// </summary>
public sealed class KafkaIncidentEgress(KafkaProducerHost producer, IOptions<KafkaOptions> options, TimeProvider clock) : IIncidentChangeListener
{
    private readonly string _topic = options.Value.IncidentsTopic!;

    public async Task OnStoredAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default)
    {
        await producer.Enqueue(_topic, change.Incident.Id, IncidentCloudEvents.Change(change, clock.GetUtcNow()), headers: null);
        foreach (var notice in change.Notices ?? [])
        {
            await producer.Enqueue(_topic, change.Incident.Id, IncidentCloudEvents.Notice(notice, change.Version), headers: null);
        }
    }
}
