namespace CityBrain.Incidents.Sla;

/// <summary>
/// The due-time index of a silo with in-memory storage, told of every stored incident change. It holds only
/// incidents of this silo, which is all of them in the embedded single-silo host (and nothing survives a restart
/// there anyway). Thread-safe: listeners are called from many grains at once.
/// </summary>
public sealed class InMemoryDueIncidents : IIncidentChangeListener, IDueIncidents
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset DueAt, long Version)> _due = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _claimedUntil = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _queue = new();

    public Task OnStoredAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default)
    {
        var id = change.Incident.Id;
        lock (_lock)
        {
            if (_due.TryGetValue(id, out var known) && known.Version > change.Version) return Task.CompletedTask;
            _claimedUntil.Remove(id);
            if (change.Incident.NextDueAt is { } dueAt)
            {
                // Most changes (new evidence) leave the due time as it was: queue an entry only when it moves.
                var queued = _due.TryGetValue(id, out var previous) && previous.DueAt == dueAt;
                _due[id] = (dueAt, change.Version);
                if (!queued) _queue.Enqueue(id, dueAt);
            }
            else
            {
                _due.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var claimed = new List<string>();
        var leasedAgain = new List<(string, DateTimeOffset)>();
        lock (_lock)
        {
            while (claimed.Count < limit && _queue.TryPeek(out var id, out var dueAt) && dueAt <= now)
            {
                _queue.Dequeue();
                // Entries are never updated in place: one that no longer matches the incident's due time is stale.
                if (!_due.TryGetValue(id, out var current) || current.DueAt != dueAt) continue;
                if (_claimedUntil.TryGetValue(id, out var until) && until > now)
                {
                    leasedAgain.Add((id, dueAt));
                    continue;
                }

                _claimedUntil[id] = now + lease;
                claimed.Add(id);
                // Kept queued, so it is claimed again if the lease runs out without the incident recording a change.
                leasedAgain.Add((id, dueAt));
            }

            foreach (var (id, dueAt) in leasedAgain) _queue.Enqueue(id, dueAt);
        }

        return Task.FromResult<IReadOnlyList<string>>(claimed);
    }
}
