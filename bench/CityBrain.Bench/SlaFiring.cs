namespace CityBrain.Bench;

/// <summary>
/// One SLA threshold as the audit trail recorded it: when it fired (the audit entry's time) and when it was due
/// (from the entry's detail). Both are UTC instants taken from the host's wall clock.
/// </summary>
public sealed record SlaFiring(string IncidentId, string Kind, DateTimeOffset FiredAt, DateTimeOffset DueAt)
{
    /// <summary>Audit kind of a yellow threshold (a share of the clock's time has passed).</summary>
    public const string WarningKind = "sla_warning";

    /// <summary>Audit kind of a red threshold (the deadline has passed).</summary>
    public const string BreachedKind = "sla_breached";

    /// <summary>How long after its due time the threshold fired; the requirement is within a minute.</summary>
    public TimeSpan Lateness => FiredAt - DueAt;
}
