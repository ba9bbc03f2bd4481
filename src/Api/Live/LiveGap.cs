namespace CityBrain.Api.Live;

/// <summary>
/// Told to a live client in the place of changes it did not get: its queue was full (it read too slowly), or this
/// node missed them on their way from another node. Counted before the client's filters, so some of them may not
/// have matched.
/// </summary>
/// <param name="Missed">How many changes were missed.</param>
/// <param name="Since">When the first of them was missed (UTC); the client re-reads what changed from then on.</param>
public sealed record LiveGap(long Missed, DateTimeOffset Since);
