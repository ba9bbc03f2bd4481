using CityBrain.Events;

namespace CityBrain.Points;

/// <summary>
/// The last <see cref="Capacity"/> event keys a point took, for dropping redeliveries. Bounded: a redelivery
/// older than that is caught by the incident's own evidence check instead. Not thread-safe.
/// </summary>
/// <remarks>
/// The collections start empty and grow with the keys a point has taken, up to the bound: a city registers
/// 160,000 points and most send a reading now and then, so a window sized for the worst case on every
/// activation (about 60 KB) was most of the host's memory.
/// </remarks>
public sealed class RecentEventKeys(int capacity = RecentEventKeys.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    private readonly HashSet<EventKey> _set = [];
    private readonly Queue<EventKey> _order = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "at least one key");

    /// <summary>Keys held now: at most <see cref="Capacity"/>.</summary>
    public int Count => _order.Count;

    public bool Contains(EventKey key) => _set.Contains(key);

    public void Add(EventKey key)
    {
        if (!_set.Add(key)) return;
        _order.Enqueue(key);
        if (_order.Count > Capacity) _set.Remove(_order.Dequeue());
    }
}
