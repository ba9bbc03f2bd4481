namespace CityBrain.Incidents;

/// <summary>
/// Pairs of open incidents that may be one happening, found across the whole city from durable storage: the
/// safety net for duplicates that cells could not see, because the one-way messages that tell a cell of its
/// neighbours' incidents were lost in a crash. Without durable storage there is none (nothing survives a crash).
/// </summary>
public interface IDuplicateCandidates
{
    /// <summary>
    /// Open incidents whose evidence or status changed since <paramref name="changedSince"/>, each with every open incident of the same
    /// category within <paramref name="maxRadiusMeters"/> whose evidence span comes within
    /// <paramref name="maxWindow"/> of its own. The caller applies each category's exact rule.
    /// </summary>
    Task<IReadOnlyList<(IncidentSummary A, IncidentSummary B)>> FindAsync(DateTimeOffset changedSince, double maxRadiusMeters, TimeSpan maxWindow, CancellationToken cancellationToken = default);
}
