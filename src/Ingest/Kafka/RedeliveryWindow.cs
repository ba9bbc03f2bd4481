namespace CityBrain.Ingest.Kafka;

/// <summary>
/// The records of a newly assigned partition that a previous owner in the group may have handed to the grains
/// without committing them: offsets in [<see cref="From"/>, <see cref="Until"/>). They go to the grains marked as
/// redelivered, which makes correlation ask every incident that could hold them (activating grains that may not
/// exist); every other record is known to be new to the group and goes unmarked.
/// </summary>
/// <remarks>
/// What bounds it:
/// <list type="bullet">
/// <item>No committed offset: no owner ever handed a record, because every owner commits the offset of its first
/// record before handing it (<see cref="CommitBeforeHanding"/>; Kafka fences the commit of a member that lost the
/// partition). Nothing is suspect.</item>
/// <item>A committed offset C: an owner hands at most its in-flight limit plus the done records it may hold before
/// committing past C, so nothing at or beyond C + window was handed and not committed.</item>
/// <item>Records appended after this assignment (at or beyond the high watermark read then) cannot have been fetched
/// by an owner that had already given the partition up.</item>
/// </list>
/// </remarks>
/// <param name="From">First suspect offset (inclusive).</param>
/// <param name="Until">First offset past the suspects (exclusive); at most <see cref="From"/>: none.</param>
/// <param name="CommitBeforeHanding">The group holds no offset for the partition: commit one before handing a record.</param>
internal readonly record struct RedeliveryWindow(long From, long Until, bool CommitBeforeHanding)
{
    /// <summary>Whether the record at <paramref name="offset"/> may have been handed by a previous owner.</summary>
    public bool Suspects(long offset) => offset >= From && offset < Until;

    /// <summary>Suspect offsets: how many records go to the grains marked as redelivered at most.</summary>
    public long Count => Math.Max(0, Until - From);

    /// <param name="committed">The group's committed offset for the partition; negative when it has none.</param>
    /// <param name="highWatermark">The partition's high watermark read at assignment (the next offset to be written); negative if unknown.</param>
    /// <param name="window">Records an owner may hand past its last commit: in-flight limit plus commit batch.</param>
    public static RedeliveryWindow At(long committed, long highWatermark, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        if (committed < 0) return new RedeliveryWindow(0, 0, CommitBeforeHanding: true);
        var until = committed + window;
        if (highWatermark >= 0) until = Math.Min(until, highWatermark);
        return new RedeliveryWindow(committed, Math.Max(committed, until), CommitBeforeHanding: false);
    }
}
