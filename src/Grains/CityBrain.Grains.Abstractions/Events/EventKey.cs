namespace CityBrain.Events;

/// <summary>
/// The idempotency key of an event: CloudEvents <c>source</c> plus <c>id</c>.
/// Two deliveries with the same key are the same real-world report.
/// </summary>
/// <param name="Source">CloudEvents <c>source</c>: the sending system, e.g. a camera platform or a hotline channel.</param>
/// <param name="Id">CloudEvents <c>id</c>: unique within <paramref name="Source"/>.</param>
[GenerateSerializer, Immutable, Alias("cb.EventKey")]
public readonly record struct EventKey(
    [property: Id(0)] string Source,
    [property: Id(1)] string Id)
{
    /// <summary><c>{source}/{id}</c>, for logs and messages.</summary>
    public override string ToString() => $"{Source}/{Id}";
}
