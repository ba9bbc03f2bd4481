namespace CityBrain.Ingest.DeadLetters;

/// <summary>Where refused messages go. Implementations are thread-safe.</summary>
public interface IDeadLetterStore
{
    ValueTask AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="page"/> is 1-based.</summary>
    ValueTask<DeadLetterPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default);
}

/// <summary>A page of dead letters. <see cref="Discarded"/> counts letters a bounded store has had to drop (logged when it happens).</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, int Page, int PageSize, long TotalItems, long Discarded);
