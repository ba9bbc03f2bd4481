namespace CityBrain.Incidents;

/// <summary>
/// Durable records of incident changes kept outside grain state: a read model for queries, the audit log and
/// the evidence ledger. The incident writes each change here before its own state, and every write is an
/// idempotent upsert, so a change retried after a crash is recorded once. Whatever only needs to hear of a change
/// (egress, live feeds, an in-memory read side) is an <see cref="IIncidentChangeListener"/> instead, told after the
/// state is stored, so it never hears of a change that a failed state write took back.
/// </summary>
public interface IIncidentJournal
{
    /// <summary>Store <paramref name="change"/>; storing the same change again records it once.</summary>
    Task RecordAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default);
}
