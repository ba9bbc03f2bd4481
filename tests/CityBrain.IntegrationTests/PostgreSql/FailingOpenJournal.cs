using System.Collections.Concurrent;
using CityBrain.Incidents;

namespace CityBrain.IntegrationTests.PostgreSql;

/// <summary>
/// Stands in for a crash between the journal's write and the grain state's: registered after the PostgreSQL
/// journal and armed for an incident, it fails that incident's next "opened" record once, after PostgreSQL has
/// taken the row, the audit and the evidence, so the grain state is never written.
/// </summary>
public sealed class FailingOpenJournal : IIncidentJournal
{
    private static readonly ConcurrentDictionary<string, byte> Armed = new(StringComparer.Ordinal);

    public static void FailNextOpeningOf(string incidentId) => Armed[incidentId] = 0;

    public Task RecordAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default)
    {
        if (change.Audit?.Kind == "opened" && Armed.TryRemove(change.Incident.Id, out _))
        {
            throw new InvalidOperationException($"injected crash after journalling the opening of {change.Incident.Id}");
        }

        return Task.CompletedTask;
    }
}
