using System.Collections.Frozen;
using System.Text.Json;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using CityBrain.Spatial;

namespace CityBrain.Routing;

/// <summary>
/// Reads and checks a pack's routing file. Every error names the file and the JSON path of the field at fault.
/// Shape:
/// <code>
/// {
///   "version": "2026-11",
///   "departments": { "SAN": "Sanitation", "POL": "Police" },
///   "default": { "lead": "SAN" },
///   "categories": { "noise_street": { "lead": "POL", "assisting": ["SAN"], "severity": "high" } },
///   "grid": { "level": "grid", "workers": { "&lt;region code&gt;": "worker-id" } }
/// }
/// </code>
/// Category names are matched after <see cref="CityBrain.Events.CategoryKey.Normalize"/> (case, spaces and
/// punctuation do not count), as incoming events are: <c>"Noise - Residential"</c> is <c>noise_residential</c>;
/// two names with one normal form are an error naming both. <c>default</c>, <c>categories</c> and
/// <c>grid</c> are optional; a worker may be given for a grid or for any region above it.
/// </summary>
public static class RoutingLoader
{
    public static CityRouting Load(string path, RegionIndex regions) => PackJsonFile.Load(path, (root, file) => Parse(root, file, regions));

    public static CityRouting Parse(JsonElement root, string file, RegionIndex regions)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Error(file, "$", "must be an object");
        var version = RequiredText(root, "version", file, "version");
        var departments = ReadDepartments(root, file);
        CategoryRoute? fallback = root.TryGetProperty("default", out var d) ? ReadRoute(d, file, "default", departments) : null;

        var categories = new Dictionary<string, CategoryRoute>(StringComparer.Ordinal);
        if (root.TryGetProperty("categories", out var c))
        {
            if (c.ValueKind != JsonValueKind.Object) throw Error(file, "categories", "must be an object of category → route");
            var names = new CategoryNames(file, "categories");
            foreach (var category in c.EnumerateObject())
            {
                categories[names.Add(category.Name)] = ReadRoute(category.Value, file, $"categories.{category.Name}", departments);
            }
        }

        int? gridDepth = null;
        var workers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("grid", out var grid))
        {
            if (grid.ValueKind != JsonValueKind.Object) throw Error(file, "grid", "must be an object with level and workers");
            var level = RequiredText(grid, "level", file, "grid.level");
            var index = IndexOf(regions.LevelNames, level);
            if (index < 0) throw Error(file, "grid.level", $"'{level}' is not a region level of the pack ({string.Join(", ", regions.LevelNames)})");
            gridDepth = index + 1;
            if (grid.TryGetProperty("workers", out var w))
            {
                if (w.ValueKind != JsonValueKind.Object) throw Error(file, "grid.workers", "must be an object of region code → worker id");
                foreach (var worker in w.EnumerateObject())
                {
                    var at = $"grid.workers.{worker.Name}";
                    if (regions.Find(worker.Name) is null) throw Error(file, at, $"'{worker.Name}' is not a region code of the pack");
                    if (worker.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(worker.Value.GetString())) throw Error(file, at, "must be a worker id (text)");
                    workers[worker.Name] = worker.Value.GetString()!.Trim();
                }
            }
        }

        return new CityRouting(version, departments, categories.ToFrozenDictionary(StringComparer.Ordinal), fallback, gridDepth, workers.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static FrozenDictionary<string, string> ReadDepartments(JsonElement root, string file)
    {
        if (!root.TryGetProperty("departments", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            throw Error(file, "departments", "required: an object of department code → name");
        }

        var departments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var department in element.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(department.Name)) throw Error(file, "departments", "a department code is empty");
            if (department.Value.ValueKind != JsonValueKind.String) throw Error(file, $"departments.{department.Name}", "must be the department's name (text)");
            departments[department.Name] = department.Value.GetString()!;
        }

        if (departments.Count == 0) throw Error(file, "departments", "at least one department is required");
        return departments.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static CategoryRoute ReadRoute(JsonElement element, string file, string at, FrozenDictionary<string, string> departments)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error(file, at, "must be an object with lead and optional assisting");
        var lead = RequiredText(element, "lead", file, $"{at}.lead");
        CheckDepartment(lead, file, $"{at}.lead", departments);
        var assisting = new List<string>();
        if (element.TryGetProperty("assisting", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array) throw Error(file, $"{at}.assisting", "must be an array of department codes");
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var where = $"{at}.assisting[{i++}]";
                if (item.ValueKind != JsonValueKind.String) throw Error(file, where, "must be a department code (text)");
                var code = item.GetString()!;
                CheckDepartment(code, file, where, departments);
                if (code == lead || assisting.Contains(code)) throw Error(file, where, $"'{code}' is already {(code == lead ? "the lead" : "listed")}");
                assisting.Add(code);
            }
        }

        var severity = Severity.Normal;
        if (element.TryGetProperty("severity", out var s))
        {
            if (s.ValueKind != JsonValueKind.String || !EnumNames.TryParse(s.GetString(), out severity))
            {
                throw Error(file, $"{at}.severity", $"must be one of {EnumNames.Lower<Severity>()}");
            }
        }

        return new CategoryRoute(lead, assisting, severity);
    }

    private static void CheckDepartment(string code, string file, string at, FrozenDictionary<string, string> departments)
    {
        if (!departments.ContainsKey(code)) throw Error(file, at, $"'{code}' is not a department listed in departments");
    }

    private static string RequiredText(JsonElement element, string property, string file, string at)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error(file, at, "required: text");
        }

        return value.GetString()!.Trim();
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    private static CityPackException Error(string file, string at, string reason) => PackJsonFile.Error(file, at, reason);
}
