namespace CityBrain.Ingest.DeadLetters;

/// <summary>Where refused messages go. Implementations are thread-safe and keep at most <see cref="IngestOptions.DeadLetterPayloadPrefixBytes"/> of a payload.</summary>
public interface IDeadLetterStore
{
    ValueTask AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Newest first; <paramref name="page"/> is 1-based. Without <paramref name="withPayloads"/> the items carry an
    /// empty <see cref="DeadLetter.Payload"/> (size and hash are still there), so a page stays small.
    /// </summary>
    ValueTask<DeadLetterPage> ListAsync(int page, int pageSize, bool withPayloads, CancellationToken cancellationToken = default);

    /// <summary>One letter with its kept payload, or null if there is none with this id (or it was dropped).</summary>
    ValueTask<DeadLetter?> GetAsync(Guid id, CancellationToken cancellationToken = default);
}
