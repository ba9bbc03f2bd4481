namespace CityBrain.Events;

/// <summary>
/// The idempotency key of an event: CloudEvents <c>source</c> plus <c>id</c>.
/// Two deliveries with the same key are the same real-world report.
/// </summary>
[GenerateSerializer, Immutable, Alias("cb.EventKey")]
public readonly record struct EventKey(
    [property: Id(0)] string Source,
    [property: Id(1)] string Id)
{
    public override string ToString() => $"{Source}/{Id}";
}
