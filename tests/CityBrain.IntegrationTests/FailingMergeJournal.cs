using System.Collections.Concurrent;
using CityBrain.Incidents;

namespace CityBrain.IntegrationTests;

/// <summary>
/// Stands in for a crash between a merge's two writes: armed for an incident, it fails that incident's next
/// "merged" record once, after the survivor has already absorbed the evidence.
/// </summary>
public sealed class FailingMergeJournal : IIncidentJournal
{
    private static readonly ConcurrentDictionary<string, byte> Armed = new(StringComparer.Ordinal);

    public static void FailNextMergeOf(string incidentId) => Armed[incidentId] = 0;

    public Task RecordAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default)
    {
        if (change.Audit?.Kind == "merged" && Armed.TryRemove(change.Incident.Id, out _))
        {
            throw new InvalidOperationException($"injected failure recording the merge of {change.Incident.Id}");
        }

        return Task.CompletedTask;
    }
}
