using System.Collections.Concurrent;
using CityBrain.Incidents;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>
/// Stands in for a crash between the journal's write and the grain state's: registered after the PostgreSQL
/// journal and armed for an incident and a kind of change, it fails that incident's next change of that kind once,
/// after PostgreSQL has taken it (row, audit, evidence), so the grain state is never written.
/// </summary>
public sealed class InterruptingJournal : IIncidentJournal
{
    private static readonly ConcurrentDictionary<(string Incident, string Kind), byte> Armed = new();

    public static void FailNext(string incidentId, string auditKind) => Armed[(incidentId, auditKind)] = 0;

    public Task RecordAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default)
    {
        if (change.Audit is { } audit && Armed.TryRemove((change.Incident.Id, audit.Kind), out _))
        {
            throw new InvalidOperationException($"injected crash after journalling the {audit.Kind} change of {change.Incident.Id}");
        }

        return Task.CompletedTask;
    }
}
