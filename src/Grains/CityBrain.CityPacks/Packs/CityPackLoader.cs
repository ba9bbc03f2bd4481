using System.Text.Json;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Incidents.Sla;
using CityBrain.Routing;
using CityBrain.Spatial;
using NetTopologySuite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;

namespace CityBrain.Packs;

/// <summary>
/// Loads a city pack folder (<c>citypack.json</c> plus the files it names) into a <see cref="CityPack"/>.
/// Every coordinate is converted to WGS84 here. Errors name the file and the field. A bad entry of a point file is
/// skipped and recorded in <see cref="CityPack.PointReport"/> (see <see cref="PointFileLoader"/>); category names are
/// read through <see cref="CategoryKey.Normalize"/>.
/// </summary>
public static class CityPackLoader
{
    public const string SettingsFileName = "citypack.json";

    private static readonly JsonSerializerOptions SettingsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    // Built once: options cache converters and metadata on first use and are read-only, so thread-safe, after it.
    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    /// <summary>Load with the default <see cref="CityPackOptions"/>.</summary>
    public static CityPack Load(string folder) => Load(folder, new CityPackOptions());

    /// <exception cref="CityPackException">The pack cannot be loaded; the message names the file and the field or setting.</exception>
    public static CityPack Load(string folder, CityPackOptions options)
    {
        if (!(options.MaxBadPointShare is >= 0 and <= 1))
        {
            throw new CityPackException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CityPackOptions.MaxBadPointShareKey}: {options.MaxBadPointShare} is not a share between 0 and 1"));
        }

        var settingsPath = Path.Combine(folder, SettingsFileName);
        if (!File.Exists(settingsPath)) throw new CityPackException($"{settingsPath}: not found; a city pack folder must hold {SettingsFileName}");
        CityPackSettings settings;
        try
        {
            settings = JsonSerializer.Deserialize<CityPackSettings>(File.ReadAllText(settingsPath), SettingsJson)
                       ?? throw new CityPackException($"{settingsPath}: empty");
        }
        catch (JsonException e)
        {
            throw new CityPackException($"{settingsPath}: {e.Path}: {e.Message}", e);
        }

        var at = SettingsFileName;
        var rootCode = Required(settings.Root?.Code, $"{at}: root.code");
        var root = new RegionNode(rootCode, settings.Root?.Name ?? rootCode, "city", 0, null, null);
        var timeZone = LoadTimeZone(settings.TimeZone, at);
        var correlation = LoadCorrelation(settings.Correlation ?? new CorrelationSettings(), at);

        if (settings.Layers is not { Count: > 0 }) throw new CityPackException($"{at}: layers: at least one region layer is required");
        var levels = new List<IReadOnlyList<RegionNode>>();
        var codes = new HashSet<string>(StringComparer.Ordinal) { rootCode };
        for (var i = 0; i < settings.Layers.Count; i++)
        {
            var layer = settings.Layers[i];
            var where = $"{at}: layers[{i}]";
            var level = Required(layer.Level, $"{where}.level");
            var parents = i == 0 ? null : levels[^1];
            IReadOnlyList<RegionNode> nodes;
            if (layer.Generate is not null)
            {
                if (layer.File is not null) throw new CityPackException($"{where}: give either file or generate, not both");
                if (parents is null) throw new CityPackException($"{where}.generate: a generated grid needs a layer above it to clip to");
                if (!(layer.Generate.CellSizeMeters >= 10)) throw new CityPackException($"{where}.generate.cellSizeMeters: must be at least 10");
                nodes = GridGenerator.Generate(parents, level, i + 1, layer.Generate.CellSizeMeters, Factory);
            }
            else
            {
                nodes = LoadLayer(folder, layer, where, level, i + 1, root, parents);
            }

            foreach (var node in nodes)
            {
                if (!codes.Add(node.Code)) throw new CityPackException($"{where}: region code '{node.Code}' is used twice");
                (node.ParentCode == rootCode ? root : parents!.First(p => p.Code == node.ParentCode)).AddChild(node);
            }

            levels.Add(nodes);
        }

        var index = new RegionIndex(root, levels, correlation.SnapToleranceMeters, Factory);
        var cells = new CellGrid(correlation.CellSizeMeters, index.Extent.Centre.Y);
        if (correlation.Rules.LargestRadiusMeters > cells.CellSizeMeters)
        {
            throw new CityPackException($"{at}: correlation.cellSizeMeters ({cells.CellSizeMeters}) must be at least the largest correlation radius ({correlation.Rules.LargestRadiusMeters}): a cell consults only its neighbours");
        }

        var (points, pointReport) = PointFileLoader.Load(folder, settings.Points ?? [], index, at, options.MaxBadPointShare);
        var (defaultCrs, sourceCrs) = LoadEventCrs(settings.Events, at);
        var sla = settings.Sla is null ? SlaPolicy.None : SlaPolicyLoader.Load(Path.Combine(folder, settings.Sla));
        var routing = settings.Routing is null ? CityRouting.None : RoutingLoader.Load(Path.Combine(folder, settings.Routing), index);
        return new CityPack
        {
            Name = settings.Name ?? root.Name,
            Folder = Path.GetFullPath(folder),
            TimeZone = timeZone,
            Regions = index,
            Points = points,
            PointReport = pointReport,
            Correlation = correlation.Rules,
            Cells = cells,
            DefaultEventCrs = defaultCrs,
            SourceCrs = sourceCrs,
            Routing = routing,
            Sla = sla,
        };
    }

    private static List<RegionNode> LoadLayer(string folder, LayerSettings layer, string where, string level, int depth, RegionNode root, IReadOnlyList<RegionNode>? parents)
    {
        var file = Required(layer.File, $"{where}.file");
        var codeProperty = Required(layer.CodeProperty, $"{where}.codeProperty");
        var crs = ParseCrs(layer.Crs, $"{where}.crs");
        var path = Path.Combine(folder, file);
        var features = ReadFeatures(path);
        var parentFinder = parents is null || layer.ParentCodeProperty is not null ? null : new ParentFinder(parents);
        var parentCodes = parents?.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var nodes = new List<RegionNode>(features.Count);
        for (var f = 0; f < features.Count; f++)
        {
            var feature = features[f];
            var what = $"{file}: features[{f}]";
            if (feature.Geometry is not (Polygon or MultiPolygon)) throw new CityPackException($"{what}.geometry: must be a Polygon or MultiPolygon, not {feature.Geometry?.GeometryType ?? "null"}");
            var code = JsonPaths.AsText(JsonPaths.Resolve(feature.Attributes, codeProperty));
            if (string.IsNullOrWhiteSpace(code)) throw new CityPackException($"{what}.properties.{codeProperty}: missing; it holds the region code (layer '{level}')");
            var name = layer.NameProperty is null ? code : JsonPaths.AsText(JsonPaths.Resolve(feature.Attributes, layer.NameProperty)) ?? code;
            var geometry = ToWgs84(feature.Geometry, crs);
            string parentCode;
            if (parents is null)
            {
                parentCode = root.Code;
            }
            else if (layer.ParentCodeProperty is not null)
            {
                parentCode = JsonPaths.AsText(JsonPaths.Resolve(feature.Attributes, layer.ParentCodeProperty))
                             ?? throw new CityPackException($"{what}.properties.{layer.ParentCodeProperty}: missing; it holds the parent region code");
                if (!parentCodes!.Contains(parentCode)) throw new CityPackException($"{what}.properties.{layer.ParentCodeProperty}: '{parentCode}' is not a code of the layer above");
            }
            else
            {
                parentCode = parentFinder!.ParentOf(geometry)?.Code
                             ?? throw new CityPackException($"{what}: region '{code}' lies in no region of the layer above; give parentCodeProperty");
            }

            nodes.Add(new RegionNode(code.Trim(), name, level, depth, parentCode, geometry));
        }

        return nodes;
    }

    internal static List<IFeature> ReadFeatures(string path)
    {
        if (!File.Exists(path)) throw new CityPackException($"{path}: not found");
        try
        {
            using var stream = File.OpenRead(path);
            var collection = JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJsonOptions)
                             ?? throw new CityPackException($"{path}: not a GeoJSON FeatureCollection");
            return collection.ToList();
        }
        catch (JsonException e)
        {
            throw new CityPackException($"{path}: {e.Path}: not valid GeoJSON: {e.Message}", e);
        }
    }

    private static Geometry ToWgs84(Geometry geometry, CoordinateSystem crs)
    {
        var copy = geometry.Copy();
        if (crs != CoordinateSystem.Wgs84)
        {
            copy.Apply(new CrsFilter(crs));
        }

        copy.SRID = 4326;
        // Converted or hand-drawn rings can self-touch; a zero buffer repairs them without moving the border.
        return copy.IsValid ? copy : copy.Buffer(0);
    }

    private sealed class CrsFilter(CoordinateSystem from) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var p = CrsConverter.ToWgs84(new GeoPoint(seq.GetX(i), seq.GetY(i)), from);
                seq.SetX(i, p.Longitude);
                seq.SetY(i, p.Latitude);
            }
        }
    }

    /// <summary>Finds the unit of the level above that holds a polygon: by an interior point, else by largest overlap.</summary>
    private sealed class ParentFinder
    {
        private readonly STRtree<(RegionNode Node, IPreparedGeometry Prepared)> _tree = new();

        public ParentFinder(IReadOnlyList<RegionNode> parents)
        {
            foreach (var p in parents) _tree.Insert(p.Geometry!.EnvelopeInternal, (p, PreparedGeometryFactory.Prepare(p.Geometry)));
            _tree.Build();
        }

        public RegionNode? ParentOf(Geometry child)
        {
            var interior = child.InteriorPoint;
            var candidates = _tree.Query(child.EnvelopeInternal);
            foreach (var (node, prepared) in candidates)
            {
                if (prepared.Covers(interior)) return node;
            }

            return candidates.Where(c => c.Prepared.Intersects(child))
                .OrderByDescending(c => c.Node.Geometry!.Intersection(child).Area)
                .Select(c => c.Node).FirstOrDefault();
        }
    }

    private sealed record LoadedCorrelation(CorrelationRules Rules, double CellSizeMeters, double SnapToleranceMeters);

    private static LoadedCorrelation LoadCorrelation(CorrelationSettings settings, string at)
    {
        var defaults = Rule(settings.Default ?? new CorrelationRuleSettings { RadiusMeters = 100, WindowMinutes = 30 }, $"{at}: correlation.default");
        var byCategory = new Dictionary<string, CorrelationRule>(StringComparer.Ordinal);
        var names = new CategoryNames(SettingsFileName, "correlation.categories");
        foreach (var (category, rule) in settings.Categories ?? [])
        {
            byCategory[names.Add(category)] = Rule(rule, $"{at}: correlation.categories.{category}");
        }

        if (!(settings.CellSizeMeters >= 10)) throw new CityPackException($"{at}: correlation.cellSizeMeters: must be at least 10");
        if (!(settings.SnapToleranceMeters >= 0)) throw new CityPackException($"{at}: correlation.snapToleranceMeters: must not be negative");
        var alwaysOpen = settings.AlwaysOpen ?? [];
        for (var i = 0; i < alwaysOpen.Length; i++)
        {
            if (alwaysOpen[i] is null || CategoryKey.Normalize(alwaysOpen[i]).Length == 0) throw new CityPackException($"{at}: correlation.alwaysOpen[{i}]: must be a category name with a letter or digit");
        }

        return new LoadedCorrelation(new CorrelationRules(defaults, byCategory, Reports(settings.Reports, $"{at}: correlation.reports"), alwaysOpen), settings.CellSizeMeters, settings.SnapToleranceMeters);

        static ReportRule? Reports(ReportCorrelationSettings? s, string where)
        {
            if (s is null) return null;
            if (!(s.RadiusMeters > 0)) throw new CityPackException($"{where}.radiusMeters: must be greater than 0");
            var joins = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var names = new CategoryNames(SettingsFileName, "correlation.reports.joins");
            foreach (var (category, others) in s.Joins ?? [])
            {
                if (others is null || others.Any(o => string.IsNullOrWhiteSpace(o) || CategoryKey.Normalize(o).Length == 0)) throw new CityPackException($"{where}.joins.{category}: a list of incident categories, none empty");
                var key = names.Add(category);
                // A report always joins its own category; listing it again would only make it searched twice.
                joins[key] = others.Select(CategoryKey.Normalize).Where(o => o != key).Distinct().ToArray();
            }

            return new ReportRule(s.RadiusMeters, joins);
        }

        static CorrelationRule Rule(CorrelationRuleSettings s, string where)
        {
            if (!(s.RadiusMeters > 0)) throw new CityPackException($"{where}.radiusMeters: must be greater than 0");
            if (!(s.WindowMinutes > 0)) throw new CityPackException($"{where}.windowMinutes: must be greater than 0");
            return new CorrelationRule(s.RadiusMeters, TimeSpan.FromMinutes(s.WindowMinutes));
        }
    }

    private static (CoordinateSystem Default, Dictionary<string, CoordinateSystem> BySource) LoadEventCrs(EventSettings? settings, string at)
    {
        var defaultCrs = settings?.DefaultCrs is null ? CoordinateSystem.Wgs84 : ParseCrs(settings.DefaultCrs, $"{at}: events.defaultCrs");
        var bySource = new Dictionary<string, CoordinateSystem>(StringComparer.Ordinal);
        foreach (var (source, crs) in settings?.SourceCrs ?? [])
        {
            bySource[source] = ParseCrs(crs, $"{at}: events.sourceCrs.{source}");
        }

        return (defaultCrs, bySource);
    }

    private static TimeZoneInfo LoadTimeZone(string? id, string at)
    {
        if (id is null) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new CityPackException($"{at}: timeZone: '{id}' is not a known IANA time zone");
        }
    }

    internal static CoordinateSystem ParseCrs(string? text, string where)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new CityPackException($"{where}: missing; give the CRS of the coordinates, one of {SupportedCrs}");
        return CrsConverter.TryParse(text, out var crs) ? crs : throw new CityPackException($"{where}: '{text}' is not a supported CRS; use one of {SupportedCrs}");
    }

    private const string SupportedCrs = "wgs84, gcj02, bd09";

    internal static string Required(string? value, string where) =>
        string.IsNullOrWhiteSpace(value) ? throw new CityPackException($"{where}: required") : value.Trim();
}
