namespace CityBrain.Ingest.Events;

/// <summary>
/// Why an event was refused: the field at fault (a JSON path such as <c>data.lon</c>, or <c>$</c> for the whole
/// event) and the reason. When several fields are at fault together (an event without both coordinates),
/// <see cref="Fields"/> lists each of them with its own reason; <see cref="Field"/> and <see cref="Reason"/> are
/// always its first entry, so a consumer that shows one field still shows a true one.
/// </summary>
public sealed record EventError(string Field, string Reason)
{
    private readonly IReadOnlyList<EventFieldError> _others = [];

    /// <summary>The fields at fault after the first, each with its reason; empty when only <see cref="Field"/> is.</summary>
    public IReadOnlyList<EventFieldError> Others
    {
        get => _others;
        init => _others = value;
    }

    /// <summary>
    /// Every field at fault with its reason, in the order found: (<see cref="Field"/>, <see cref="Reason"/>) first,
    /// then <see cref="Others"/>. Never empty; a field appears once. An HTTP problem's <c>errors</c> map
    /// (field → reasons) is built from this list.
    /// </summary>
    public IReadOnlyList<EventFieldError> Fields => [new EventFieldError(Field, Reason), .. _others];

    /// <summary>A refusal naming each of <paramref name="fields"/> (at least one), the first as <see cref="Field"/>.</summary>
    public static EventError Of(IReadOnlyList<EventFieldError> fields)
    {
        ArgumentOutOfRangeException.ThrowIfZero(fields.Count);
        return new EventError(fields[0].Field, fields[0].Reason) { Others = fields.Skip(1).ToArray() };
    }

    public bool Equals(EventError? other) =>
        other is not null && Field == other.Field && Reason == other.Reason && _others.SequenceEqual(other._others);

    public override int GetHashCode() => HashCode.Combine(Field, Reason, _others.Count);

    public override string ToString() => string.Join("; ", Fields);
}
