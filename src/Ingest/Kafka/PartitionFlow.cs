using System.Collections.Concurrent;

namespace CityBrain.Ingest.Kafka;

/// <summary>
/// The records of one assigned partition between "handed to the grains" and "committed". Records finish out of
/// order; the committable offset only moves past a contiguous run of finished ones, so a commit never skips
/// a record still in flight. Touched by the consume thread only, except <see cref="MarkDone"/>.
/// </summary>
internal sealed class PartitionFlow(RedeliveryWindow redelivery)
{
    private readonly Queue<long> _handed = new();
    private readonly ConcurrentDictionary<long, byte> _done = new();

    /// <summary>Which records of this assignment may have been delivered to the group before.</summary>
    public RedeliveryWindow Redelivery { get; } = redelivery;

    /// <summary>
    /// The group has no committed offset for the partition and none has been committed since this assignment: one
    /// must be before the first record is handed (see <see cref="RedeliveryWindow.CommitBeforeHanding"/>).
    /// </summary>
    public bool NeedsFirstCommit { get; private set; } = redelivery.CommitBeforeHanding;

    /// <summary>The next offset to commit (the first not yet finished), or -1 if nothing finished since the last commit.</summary>
    public long Committable { get; private set; } = -1;

    public int DoneSinceCommit { get; private set; }

    public int InFlight => _handed.Count;

    public bool Paused { get; set; }

    public void Handed(long offset) => _handed.Enqueue(offset);

    public void MarkDone(long offset) => _done.TryAdd(offset, 0);

    /// <summary>The group now holds a committed offset for this partition.</summary>
    public void FirstCommitted() => NeedsFirstCommit = false;

    /// <summary>Advance over the finished head of the queue.</summary>
    public void Advance()
    {
        while (_handed.TryPeek(out var head) && _done.TryRemove(head, out _))
        {
            _handed.Dequeue();
            Committable = head + 1;
            DoneSinceCommit++;
        }
    }

    public void Committed()
    {
        Committable = -1;
        DoneSinceCommit = 0;
        NeedsFirstCommit = false;
    }
}
