using CityBrain.Events;

namespace CityBrain.Incidents;

/// <summary>
/// The durable record of which incident an event was last recorded as evidence of. Asked only for redelivered
/// reports: after a crash, the incident that took the report may be one the deciding cell no longer knows (a
/// neighbour's, not persisted) or may have been merged into one beyond the report's correlation radius.
/// Without durable storage there is none to ask, as nothing survives a crash anyway.
/// </summary>
public interface IEvidenceLedger
{
    /// <summary>The incident the event was last recorded as evidence of, or null if it never was.</summary>
    Task<string?> FindHolderAsync(EventKey key, CancellationToken cancellationToken = default);
}
