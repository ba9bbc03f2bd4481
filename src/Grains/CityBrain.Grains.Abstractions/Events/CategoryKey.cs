namespace CityBrain.Events;

/// <summary>
/// The one normalisation of category and metric names, applied alike to events at ingest and to the names in a
/// city pack's correlation, routing and SLA files and in scenarios, so <c>"Noise - Residential"</c> from a raw
/// feed meets <c>noise_residential</c> in a routing table. Letters are lower-cased (invariant culture); every run of
/// characters that are neither letters nor digits (spaces, punctuation, underscores) becomes one <c>_</c>, and none
/// is kept at either end. Letters and digits of any script stay, so <c>积水</c> stays <c>积水</c>.
/// Idempotent: a normalised key normalises to itself. Pure and thread-safe.
/// </summary>
public static class CategoryKey
{
    /// <summary>The normal form of <paramref name="name"/>; empty when it holds no letter or digit.</summary>
    public static string Normalize(string name)
    {
        if (IsNormal(name)) return name;
        return string.Create(NormalLength(name), name, static (span, source) =>
        {
            var at = 0;
            var pendingSeparator = false;
            foreach (var c in source)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    pendingSeparator = at > 0;
                    continue;
                }

                if (pendingSeparator) span[at++] = '_';
                pendingSeparator = false;
                span[at++] = char.ToLowerInvariant(c);
            }
        });
    }

    /// <summary>True when <paramref name="name"/> is already in normal form (no allocation on the common path).</summary>
    public static bool IsNormal(string name)
    {
        if (name.Length == 0) return true;
        if (name[0] == '_' || name[^1] == '_') return false;
        var previousSeparator = false;
        foreach (var c in name)
        {
            if (c == '_')
            {
                if (previousSeparator) return false;
                previousSeparator = true;
                continue;
            }

            if (!char.IsLetterOrDigit(c) || char.ToLowerInvariant(c) != c) return false;
            previousSeparator = false;
        }

        return true;
    }

    private static int NormalLength(string name)
    {
        var length = 0;
        var pendingSeparator = false;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                pendingSeparator = length > 0;
                continue;
            }

            if (pendingSeparator) length++;
            pendingSeparator = false;
            length++;
        }

        return length;
    }
}
