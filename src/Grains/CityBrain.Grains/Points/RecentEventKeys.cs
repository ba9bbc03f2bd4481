using CityBrain.Events;

namespace CityBrain.Points;

/// <summary>
/// The last <see cref="Capacity"/> event keys a point took, for dropping redeliveries. Bounded: a redelivery
/// older than that is caught by the incident's own evidence check instead. Not thread-safe.
/// </summary>
public sealed class RecentEventKeys(int capacity = RecentEventKeys.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    private readonly HashSet<EventKey> _set = new(capacity);
    private readonly Queue<EventKey> _order = new(capacity);

    public int Capacity { get; } = capacity;

    public bool Contains(EventKey key) => _set.Contains(key);

    public void Add(EventKey key)
    {
        if (!_set.Add(key)) return;
        _order.Enqueue(key);
        if (_order.Count > Capacity) _set.Remove(_order.Dequeue());
    }
}
