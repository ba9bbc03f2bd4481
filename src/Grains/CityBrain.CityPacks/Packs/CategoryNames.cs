using CityBrain.Events;

namespace CityBrain.Packs;

/// <summary>
/// The category names of one object in a pack file (routing categories, SLA categories, correlation rules…),
/// each read through <see cref="CategoryKey.Normalize"/>. Two names that normalise to one key are an error that
/// names both JSON paths: which of them the author meant cannot be guessed.
/// </summary>
internal sealed class CategoryNames(string file, string at)
{
    private readonly Dictionary<string, string> _nameByKey = new(StringComparer.Ordinal);

    /// <summary>The normalised key of <paramref name="name"/>.</summary>
    /// <exception cref="CityPackException">The name has no letter or digit, or an earlier name has the same key.</exception>
    public string Add(string name)
    {
        var key = CategoryKey.Normalize(name);
        if (key.Length == 0) throw new CityPackException($"{file}: {PathOf(name)}: a category name needs at least one letter or digit");
        if (_nameByKey.TryGetValue(key, out var earlier))
        {
            throw new CityPackException($"{file}: {PathOf(earlier)} and {PathOf(name)}: both are category '{key}' once normalised (case, spaces and punctuation do not count); give it once");
        }

        _nameByKey[key] = name;
        return key;
    }

    private string PathOf(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{at}.{name}" : $"{at}[\"{name}\"]";
}
