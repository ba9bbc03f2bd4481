using System.Collections.Concurrent;
using CityBrain.Packs;
using Microsoft.Extensions.Logging;

namespace CityBrain.Routing;

/// <summary>
/// Counts, per silo, the incidents whose category the pack's routing table does not list (they fall to its
/// default, or are not routed at all), so a pack author sees what the table lacks; the first incident of each
/// such category is logged once. Bounded: at most <see cref="MaxCategories"/> names of at most
/// <see cref="MaxNameLength"/> characters are kept, and every other one counts in <see cref="UnroutedSnapshot.Other"/>.
/// Counts start at zero when the silo starts. Thread-safe; recording a category already seen allocates nothing.
/// A pack without a routing file routes nothing, so nothing is counted for it.
/// </summary>
public sealed class UnroutedCategories(CityPack pack, ILogger<UnroutedCategories> logger)
{
    public const int MaxCategories = 1000;

    public const int MaxNameLength = 200;

    private readonly ConcurrentDictionary<string, Counter> _byCategory = new(StringComparer.Ordinal);
    private long _names;
    private long _other;

    private sealed class Counter
    {
        public long Count;
    }

    /// <summary>Count one incident of <paramref name="category"/> (a normalised category key) that the table does not list.</summary>
    public void Record(string category)
    {
        if (ReferenceEquals(pack.Routing, CityRouting.None)) return;
        if (_byCategory.TryGetValue(category, out var counter))
        {
            Interlocked.Increment(ref counter.Count);
            return;
        }

        if (category.Length > MaxNameLength || Interlocked.Increment(ref _names) > MaxCategories)
        {
            Interlocked.Increment(ref _other);
            return;
        }

        var added = new Counter();
        var current = _byCategory.GetOrAdd(category, added);
        Interlocked.Increment(ref current.Count);
        if (!ReferenceEquals(current, added))
        {
            // Another thread added it first: give back the name slot this one took.
            Interlocked.Decrement(ref _names);
            return;
        }

        var routing = pack.Routing;
        logger.LogWarning(
            "Category {Category} is not in routing table {RoutingVersion} of pack {Pack}: its incidents go to {Fallback}; add it to the routing file's categories (GET /api/pack counts such incidents)",
            category, routing.Version, pack.Name, routing.Default is { } d ? $"the default department {d.Lead}" : "no department (the table has no default)");
    }

    /// <summary>The counts so far, most frequent first.</summary>
    public UnroutedSnapshot Snapshot() =>
        new(_byCategory.Select(c => new UnroutedCategory(c.Key, Interlocked.Read(ref c.Value.Count))).OrderByDescending(c => c.Incidents).ThenBy(c => c.Category, StringComparer.Ordinal).ToArray(),
            Interlocked.Read(ref _other));
}
