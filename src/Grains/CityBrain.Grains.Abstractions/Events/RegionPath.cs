namespace CityBrain.Events;

/// <summary>
/// Region codes from the city pack's root down to the lowest level that contains a location,
/// e.g. city → district → grid. Empty only for a location no region contains.
/// </summary>
/// <param name="Codes">The region codes, root first; compared element by element.</param>
[GenerateSerializer, Immutable, Alias("cb.RegionPath")]
public sealed record RegionPath([property: Id(0)] string[] Codes)
{
    /// <summary>The path of a location no region contains.</summary>
    public static readonly RegionPath Empty = new([]);

    /// <summary>The lowest (most specific) region code, or null when empty.</summary>
    public string? Leaf => Codes.Length == 0 ? null : Codes[^1];

    /// <summary>Whether <paramref name="code"/> is one of the codes, at any level (ordinal comparison).</summary>
    public bool Contains(string code) => Array.IndexOf(Codes, code) >= 0;

    /// <summary>Equal when both hold the same codes in the same order.</summary>
    public bool Equals(RegionPath? other) => other is not null && Codes.AsSpan().SequenceEqual(other.Codes);

    /// <summary>A hash of the codes in order, consistent with <see cref="Equals(RegionPath)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var code in Codes) hash.Add(code);
        return hash.ToHashCode();
    }

    /// <summary>The codes joined with <c> &gt; </c>, root first.</summary>
    public override string ToString() => string.Join(" > ", Codes);
}
