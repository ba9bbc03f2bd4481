namespace CityBrain.Events;

/// <summary>
/// Region codes from the city pack's root down to the lowest level that contains a location,
/// e.g. city → district → grid. Empty only for a location no region contains.
/// </summary>
[GenerateSerializer, Immutable, Alias("cb.RegionPath")]
public sealed record RegionPath([property: Id(0)] string[] Codes)
{
    public static readonly RegionPath Empty = new([]);

    /// <summary>The lowest (most specific) region code, or null when empty.</summary>
    public string? Leaf => Codes.Length == 0 ? null : Codes[^1];

    public bool Contains(string code) => Array.IndexOf(Codes, code) >= 0;

    public bool Equals(RegionPath? other) => other is not null && Codes.AsSpan().SequenceEqual(other.Codes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var code in Codes) hash.Add(code);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(" > ", Codes);
}
