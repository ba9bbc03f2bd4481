namespace CityBrain.Ingest.DeadLetters;

/// <summary>A page of dead letters. <see cref="Discarded"/> counts letters a bounded store has had to drop (logged when it happens).</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, int Page, int PageSize, long TotalItems, long Discarded);
