namespace CityBrain.Incidents.Sla;

/// <summary>
/// The due-time index of SLA clocks: which incidents have a threshold due. Silos claim due incidents for a
/// short lease, so several silos scanning at once never fire the same incident twice in one pass, and a silo
/// that dies mid-pass leaves its claims to expire and be taken by another.
/// </summary>
public interface IDueIncidents
{
    /// <summary>Claim up to <paramref name="limit"/> incidents due at or before <paramref name="now"/>, most overdue first, for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default);
}
