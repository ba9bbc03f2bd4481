using System.Collections.Frozen;
using System.Text.Json;
using CityBrain.Packs;

namespace CityBrain.Incidents.Sla;

/// <summary>
/// Reads and checks a pack's SLA file; errors name the file and the JSON path. Shape (minutes may be fractions):
/// <code>
/// {
///   "warningFraction": 0.75,
///   "default":    { "acceptMinutes": 30, "dispatchMinutes": 60, "handleMinutes": 1440, "closeMinutes": 4320 },
///   "severities": { "critical": { "acceptMinutes": 5, "dispatchMinutes": 10 } },
///   "categories": { "smoke_fire": { "acceptMinutes": 2, "severities": { "critical": { "acceptMinutes": 1 } } } },
///   "autoVerify": { "default": { "quietMinutes": 60 }, "categories": { "illegal_parking": { "quietMinutes": 10 } } }
/// }
/// </code>
/// <c>autoVerify</c> (optional) lets a case in verification pass by itself after that long without new evidence.
/// Category names are matched after <see cref="CityBrain.Events.CategoryKey.Normalize"/>; two names with one
/// normal form in one object are an error naming both.
/// </summary>
public static class SlaPolicyLoader
{
    private static readonly string[] Clocks = ["acceptMinutes", "dispatchMinutes", "handleMinutes", "closeMinutes"];

    public static SlaPolicy Load(string path) => PackJsonFile.Load(path, Parse);

    public static SlaPolicy Parse(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Error(file, "$", "must be an object");
        var fraction = 0.75;
        if (root.TryGetProperty("warningFraction", out var f))
        {
            if (f.ValueKind != JsonValueKind.Number || !(f.GetDouble() is > 0 and < 1)) throw Error(file, "warningFraction", "must be a number between 0 and 1 (exclusive)");
            fraction = f.GetDouble();
        }

        var defaults = root.TryGetProperty("default", out var d) ? ReadBudgets(d, file, "default", allowSeverities: false) : SlaBudgets.Empty;
        var bySeverity = ReadSeverities(root, file, "severities");
        var byCategory = new Dictionary<string, SlaBudgets>(StringComparer.Ordinal);
        var byBoth = new Dictionary<(string, Severity), SlaBudgets>();
        if (root.TryGetProperty("categories", out var categories))
        {
            if (categories.ValueKind != JsonValueKind.Object) throw Error(file, "categories", "must be an object of category → deadlines");
            var names = new CategoryNames(file, "categories");
            foreach (var category in categories.EnumerateObject())
            {
                var at = $"categories.{category.Name}";
                var key = names.Add(category.Name);
                byCategory[key] = ReadBudgets(category.Value, file, at, allowSeverities: true);
                foreach (var (severity, budgets) in ReadSeverities(category.Value, file, $"{at}.severities")) byBoth[(key, severity)] = budgets;
            }
        }

        var (defaultQuiet, quietByCategory) = ReadAutoVerify(root, file);
        return new SlaPolicy(fraction, defaults, bySeverity, byCategory.ToFrozenDictionary(StringComparer.Ordinal), byBoth.ToFrozenDictionary(), defaultQuiet, quietByCategory);
    }

    private static (TimeSpan? Default, FrozenDictionary<string, TimeSpan> ByCategory) ReadAutoVerify(JsonElement root, string file)
    {
        var byCategory = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (!root.TryGetProperty("autoVerify", out var autoVerify)) return (null, byCategory.ToFrozenDictionary());
        if (autoVerify.ValueKind != JsonValueKind.Object) throw Error(file, "autoVerify", "must be an object with default and categories");
        foreach (var property in autoVerify.EnumerateObject())
        {
            if (property.Name is not ("default" or "categories")) throw Error(file, $"autoVerify.{property.Name}", "unknown setting; expected default or categories");
        }

        var defaultQuiet = autoVerify.TryGetProperty("default", out var d) ? Quiet(d, file, "autoVerify.default") : null;
        if (autoVerify.TryGetProperty("categories", out var categories))
        {
            if (categories.ValueKind != JsonValueKind.Object) throw Error(file, "autoVerify.categories", "must be an object of category → { quietMinutes }");
            var names = new CategoryNames(file, "autoVerify.categories");
            foreach (var category in categories.EnumerateObject())
            {
                var at = $"autoVerify.categories.{category.Name}";
                var key = names.Add(category.Name);
                byCategory[key] = Quiet(category.Value, file, at) ?? throw Error(file, $"{at}.quietMinutes", "required");
            }
        }

        return (defaultQuiet, byCategory.ToFrozenDictionary(StringComparer.Ordinal));

        static TimeSpan? Quiet(JsonElement element, string file, string at)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Error(file, at, "must be an object: { \"quietMinutes\": … }");
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name != "quietMinutes") throw Error(file, $"{at}.{property.Name}", "unknown setting; expected quietMinutes");
            }

            return Minutes(element, "quietMinutes", file, at);
        }
    }

    private static FrozenDictionary<Severity, SlaBudgets> ReadSeverities(JsonElement parent, string file, string at)
    {
        var result = new Dictionary<Severity, SlaBudgets>();
        if (!parent.TryGetProperty("severities", out var severities)) return result.ToFrozenDictionary();
        if (severities.ValueKind != JsonValueKind.Object) throw Error(file, at, "must be an object of severity → deadlines");
        foreach (var item in severities.EnumerateObject())
        {
            if (!EnumNames.TryParse<Severity>(item.Name, out var severity))
            {
                throw Error(file, $"{at}.{item.Name}", $"'{item.Name}' is not a severity ({EnumNames.Lower<Severity>()})");
            }

            result[severity] = ReadBudgets(item.Value, file, $"{at}.{item.Name}", allowSeverities: false);
        }

        return result.ToFrozenDictionary();
    }

    private static SlaBudgets ReadBudgets(JsonElement element, string file, string at, bool allowSeverities)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error(file, at, "must be an object of deadlines in minutes");
        foreach (var property in element.EnumerateObject())
        {
            if (!Clocks.Contains(property.Name) && !(allowSeverities && property.Name == "severities"))
            {
                throw Error(file, $"{at}.{property.Name}", $"unknown setting; expected {string.Join(", ", Clocks)}{(allowSeverities ? " or severities" : "")}");
            }
        }

        return new SlaBudgets(Minutes(element, "acceptMinutes", file, at), Minutes(element, "dispatchMinutes", file, at), Minutes(element, "handleMinutes", file, at), Minutes(element, "closeMinutes", file, at));
    }

    private static TimeSpan? Minutes(JsonElement element, string property, string file, string at)
    {
        if (!element.TryGetProperty(property, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !(value.GetDouble() > 0)) throw Error(file, $"{at}.{property}", "must be a number of minutes above 0");
        return TimeSpan.FromMinutes(value.GetDouble());
    }

    private static CityPackException Error(string file, string at, string reason) => PackJsonFile.Error(file, at, reason);
}
