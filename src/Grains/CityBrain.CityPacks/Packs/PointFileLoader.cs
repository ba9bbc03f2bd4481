using System.Globalization;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace CityBrain.Packs;

/// <summary>
/// Reads a pack's point files into registered points, forgivingly: a bad entry is skipped and recorded with its
/// index, id and exact fault in a <see cref="PointLoadReport"/>, and only a file whose share of bad entries is
/// above the configured maximum stops the load. A file is either a JSON array of objects (or an object holding
/// one at <c>itemsPath</c>) read by property paths, or a GeoJSON FeatureCollection of Point features whose
/// coordinates come from the geometry and whose other fields are property paths inside <c>properties</c>.
/// </summary>
internal static class PointFileLoader
{
    private static readonly JsonDocumentOptions Json = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static (Dictionary<string, RegisteredPoint> Points, PointLoadReport Report) Load(
        string folder, IReadOnlyList<PointFileSettings> files, RegionIndex index, string at, double maxBadShare)
    {
        var points = new Dictionary<string, RegisteredPoint>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, (string File, int Index)>(StringComparer.Ordinal);
        var reports = new List<PointFileReport>();
        var byFault = new Dictionary<PointFault, int>();
        var listed = new List<BadPointEntry>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = new FileReader(files[i], $"{at}: points[{i}]", index, folder);
            var bad = new List<BadPointEntry>();
            var entries = 0;
            foreach (var item in file.Items())
            {
                var n = entries++;
                var outcome = file.Read(item, n);
                if (outcome.Fault is null && firstSeen.TryGetValue(outcome.Point!.Id, out var first))
                {
                    var where = first.File == file.Name ? $"entry {first.Index}" : $"entry {first.Index} of {first.File}";
                    outcome = new Outcome(null, file.Fault(n, outcome.Point.Id, PointFault.DuplicateId, file.IdField, outcome.Point.Id, $"point id '{outcome.Point.Id}' was already given to {where}"));
                }

                if (outcome.Fault is { } fault)
                {
                    bad.Add(fault);
                    continue;
                }

                var point = outcome.Point!;
                firstSeen[point.Id] = (file.Name, n);
                points[point.Id] = point;
            }

            foreach (var fault in bad) byFault[fault.Fault] = byFault.GetValueOrDefault(fault.Fault) + 1;
            listed.AddRange(bad.Take(PointLoadReport.MaxListed - listed.Count));
            reports.Add(new PointFileReport(file.Name, entries, entries - bad.Count, bad.Count));
            if (entries > 0 && (double)bad.Count / entries > maxBadShare) throw TooManyBad(file.Name, entries, bad, maxBadShare);
        }

        return (points, new PointLoadReport(maxBadShare, reports, byFault, listed));
    }

    private static CityPackException TooManyBad(string file, int entries, List<BadPointEntry> bad, double maxBadShare)
    {
        var faults = string.Join(", ", bad.GroupBy(b => b.Fault).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        var examples = string.Join("; ", bad.Take(5));
        return new CityPackException(string.Create(CultureInfo.InvariantCulture,
            $"{file}: {bad.Count} of {entries} point entries are bad ({100.0 * bad.Count / entries:0.##}%), more than {CityPackOptions.MaxBadPointShareKey} ({maxBadShare:0.###}) allows; by fault: {faults}; first: {examples}"));
    }

    private readonly record struct Outcome(RegisteredPoint? Point, BadPointEntry? Fault);

    /// <summary>One point file and its settings, checked; reads its entries one at a time.</summary>
    private sealed class FileReader
    {
        private readonly PointFileSettings _spec;
        private readonly RegionIndex _index;
        private readonly CoordinateSystem _crs;
        private readonly string? _idProperty;
        private readonly string? _lonProperty;
        private readonly string? _latProperty;
        private readonly string _path;
        private bool _geoJson;

        public FileReader(PointFileSettings spec, string where, RegionIndex index, string folder)
        {
            _spec = spec;
            _index = index;
            Name = CityPackLoader.Required(spec.File, $"{where}.file");
            _crs = CityPackLoader.ParseCrs(spec.Crs, $"{where}.crs");
            if (spec.Kind is null && spec.KindProperty is null) throw new CityPackException($"{where}: give kind (one kind for the file) or kindProperty");
            _idProperty = Path(spec.IdProperty, $"{where}.idProperty");
            _lonProperty = Path(spec.LongitudeProperty, $"{where}.longitudeProperty");
            _latProperty = Path(spec.LatitudeProperty, $"{where}.latitudeProperty");
            Path(spec.KindProperty, $"{where}.kindProperty");
            Path(spec.NameProperty, $"{where}.nameProperty");
            _path = System.IO.Path.Combine(folder, Name);
            Where = where;
        }

        public string Name { get; }

        private string Where { get; }

        public string IdField => _geoJson ? _idProperty is null ? "id" : $"properties.{_idProperty}" : _idProperty!;

        private static string? Path(string? path, string where)
        {
            if (path is null) return null;
            if (string.IsNullOrWhiteSpace(path)) throw new CityPackException($"{where}: empty; give a property path such as location.coordinates[1]");
            return JsonPaths.Check(path) is { } error ? throw new CityPackException($"{where}: '{path}': {error}") : path.Trim();
        }

        /// <summary>The entries, valid until the next one is asked for (the document is released at the end).</summary>
        public IEnumerable<JsonElement> Items()
        {
            if (!File.Exists(_path)) throw new CityPackException($"{_path}: not found");
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllBytes(_path), Json);
            }
            catch (JsonException e)
            {
                throw new CityPackException($"{_path}: not valid JSON: {e.Message}", e);
            }

            using (document)
            {
                var items = string.IsNullOrEmpty(_spec.ItemsPath) ? document.RootElement : JsonPaths.Resolve(document.RootElement, _spec.ItemsPath);
                if (items is { ValueKind: JsonValueKind.Object } collection && collection.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "FeatureCollection")
                {
                    if (!collection.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array) throw new CityPackException($"{Name}: features: a GeoJSON FeatureCollection needs a features array");
                    _geoJson = true;
                    items = features;
                }
                else
                {
                    if (_idProperty is null) throw new CityPackException($"{Where}.idProperty: required");
                    if (_lonProperty is null) throw new CityPackException($"{Where}.longitudeProperty: required (or give a GeoJSON FeatureCollection of Points)");
                    if (_latProperty is null) throw new CityPackException($"{Where}.latitudeProperty: required (or give a GeoJSON FeatureCollection of Points)");
                }

                if (items is not { ValueKind: JsonValueKind.Array } array)
                {
                    throw new CityPackException($"{Name}: {(string.IsNullOrEmpty(_spec.ItemsPath) ? "the file" : _spec.ItemsPath)} must be a JSON array of points or a GeoJSON FeatureCollection");
                }

                foreach (var item in array.EnumerateArray()) yield return item;
            }
        }

        public BadPointEntry Fault(int n, string? id, PointFault fault, string field, string? value, string detail) =>
            new(Name, n, id, fault, field, value, detail);

        public Outcome Read(JsonElement item, int n)
        {
            if (item.ValueKind != JsonValueKind.Object) return Bad(n, null, PointFault.Malformed, "", Shorten(item.GetRawText()), $"an entry must be an object, not {item.ValueKind.ToString().ToLowerInvariant()}");
            var properties = _geoJson ? item.TryGetProperty("properties", out var p) ? p : default : item;
            var prefix = _geoJson ? "properties." : "";

            var idField = IdField;
            var idValue = _geoJson && _idProperty is null ? item.TryGetProperty("id", out var featureId) ? featureId : (JsonElement?)null : Find(properties, _idProperty!);
            if (Text(idValue, idField) is { Fault: { } idFault } idResult) return Bad(n, null, idFault, idField, idResult.Value, idResult.Detail);
            var id = JsonPaths.AsText(idValue)!.Trim();

            var location = ReadLocation(item, properties, prefix);
            if (location.Fault is { } fault) return Bad(n, id, fault, location.Field, location.Value, location.Detail);
            var (lon, lat) = (location.Longitude, location.Latitude);
            if (lon == 0 && lat == 0) return Bad(n, id, PointFault.ZeroZero, location.Field, "0, 0", "longitude and latitude are both 0: a placeholder, not a place in the city");

            var raw = new GeoPoint(lon, lat);
            if (raw.IsValid && Locate(raw) is { } found) return Good(id, found.Location, found.Path, properties, prefix, n);
            var swapped = new GeoPoint(lat, lon);
            if (swapped.IsValid && Locate(swapped) is { } swap)
            {
                return Bad(n, id, PointFault.Swapped, location.Field, Invariant($"{lon}, {lat}"),
                    Invariant($"longitude {lon} and latitude {lat} look swapped: read the other way round they lie in region {swap.Path.Codes[^1]}"));
            }

            if (!(lon is >= -180 and <= 180)) return Bad(n, id, PointFault.OutOfRange, location.LongitudeField, Invariant($"{lon}"), Invariant($"longitude {lon} is outside [-180, 180]"));
            if (!(lat is >= -90 and <= 90)) return Bad(n, id, PointFault.OutOfRange, location.LatitudeField, Invariant($"{lat}"), Invariant($"latitude {lat} is outside [-90, 90]"));
            var km = NearestRegionMeters(CrsConverter.ToWgs84(raw, _crs)) / 1000;
            return Bad(n, id, PointFault.OutsideRegions, location.Field, Invariant($"{lon}, {lat}"), Invariant($"({lon}, {lat}) is outside every region by {km:0.#} km"));
        }

        private Outcome Good(string id, GeoPoint location, RegionPath regions, JsonElement properties, string prefix, int n)
        {
            string kind;
            if (_spec.KindProperty is null)
            {
                kind = _spec.Kind!;
            }
            else
            {
                var value = Find(properties, _spec.KindProperty);
                var text = JsonPaths.AsText(value);
                if (string.IsNullOrWhiteSpace(text))
                {
                    if (_spec.Kind is null) return Bad(n, id, value is { ValueKind: JsonValueKind.Null } ? PointFault.Null : PointFault.Missing, prefix + _spec.KindProperty, null, $"{prefix}{_spec.KindProperty}: the point's kind is {(value is null ? "missing" : "empty")}");
                    text = _spec.Kind;
                }

                kind = text.Trim();
            }

            var name = _spec.NameProperty is null ? null : JsonPaths.AsText(Find(properties, _spec.NameProperty));
            return new Outcome(new RegisteredPoint(id, kind, name, location, regions), null);
        }

        private (GeoPoint Location, RegionPath Path)? Locate(GeoPoint raw)
        {
            var location = CrsConverter.ToWgs84(raw, _crs);
            return _index.Locate(location) is { } lookup ? (location, lookup.Path) : null;
        }

        private sealed record Location(double Longitude, double Latitude, string LongitudeField, string LatitudeField, PointFault? Fault = null, string Field = "", string? Value = null, string Detail = "");

        private Location ReadLocation(JsonElement item, JsonElement properties, string prefix)
        {
            if (_geoJson && item.TryGetProperty("geometry", out var geometry) && geometry.ValueKind != JsonValueKind.Null)
            {
                const string lonField = "geometry.coordinates[0]", latField = "geometry.coordinates[1]";
                if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    return new Location(0, 0, lonField, latField, PointFault.Malformed, "geometry", Shorten(geometry.GetRawText()), "geometry: not a GeoJSON geometry object");
                }

                if (type.GetString() != "Point") return new Location(0, 0, lonField, latField, PointFault.Malformed, "geometry.type", type.GetString(), $"geometry: a {type.GetString()}, not a Point");
                if (!geometry.TryGetProperty("coordinates", out var coordinates)) return new Location(0, 0, lonField, latField, PointFault.Missing, "geometry.coordinates", null, "geometry.coordinates: missing");
                if (coordinates.ValueKind != JsonValueKind.Array) return new Location(0, 0, lonField, latField, coordinates.ValueKind == JsonValueKind.Null ? PointFault.Null : PointFault.Malformed, "geometry.coordinates", Shorten(coordinates.GetRawText()), "geometry.coordinates: must be an array [longitude, latitude]");
                return Coordinates(coordinates.GetArrayLength() > 0 ? coordinates[0] : null, coordinates.GetArrayLength() > 1 ? coordinates[1] : null, lonField, latField);
            }

            if (_lonProperty is null || _latProperty is null)
            {
                var missing = !_geoJson || !item.TryGetProperty("geometry", out _);
                return new Location(0, 0, "geometry", "geometry", missing ? PointFault.Missing : PointFault.Null, "geometry", null, $"geometry: {(missing ? "missing" : "null")}, and no longitudeProperty and latitudeProperty to fall back on");
            }

            return Coordinates(Find(properties, _lonProperty), Find(properties, _latProperty), prefix + _lonProperty, prefix + _latProperty);
        }

        private static Location Coordinates(JsonElement? lonValue, JsonElement? latValue, string lonField, string latField)
        {
            if (Number(lonValue, lonField, "longitude") is { Fault: { } lonFault } lon) return new Location(0, 0, lonField, latField, lonFault, lonField, lon.Value, lon.Detail);
            if (Number(latValue, latField, "latitude") is { Fault: { } latFault } lat) return new Location(0, 0, lonField, latField, latFault, latField, lat.Value, lat.Detail);
            return new Location(JsonPaths.AsFiniteNumber(lonValue!.Value)!.Value, JsonPaths.AsFiniteNumber(latValue!.Value)!.Value, lonField, latField, Field: $"{lonField}, {latField}");
        }

        private readonly record struct Check(PointFault? Fault, string? Value, string Detail);

        private static Check Number(JsonElement? value, string field, string what) => value switch
        {
            null => new Check(PointFault.Missing, null, $"{field}: the {what} is missing"),
            { ValueKind: JsonValueKind.Null } => new Check(PointFault.Null, null, $"{field}: the {what} is null"),
            { ValueKind: JsonValueKind.String } v when string.IsNullOrWhiteSpace(v.GetString()) => new Check(PointFault.Missing, v.GetString(), $"{field}: the {what} is empty"),
            { } v when JsonPaths.AsFiniteNumber(v) is null => new Check(PointFault.NotANumber, Shorten(JsonPaths.AsText(v) ?? ""), $"{field}: the {what} {Shorten(v.GetRawText())} is not a number"),
            _ => new Check(null, null, ""),
        };

        private static Check Text(JsonElement? value, string field) => value switch
        {
            null => new Check(PointFault.Missing, null, $"{field}: the point id is missing"),
            { ValueKind: JsonValueKind.Null } => new Check(PointFault.Null, null, $"{field}: the point id is null"),
            { ValueKind: JsonValueKind.String } v when string.IsNullOrWhiteSpace(v.GetString()) => new Check(PointFault.Missing, v.GetString(), $"{field}: the point id is empty"),
            { ValueKind: JsonValueKind.String or JsonValueKind.Number } => new Check(null, null, ""),
            { } v => new Check(PointFault.Malformed, Shorten(v.GetRawText()), $"{field}: the point id must be text or a number, not {v.ValueKind.ToString().ToLowerInvariant()}"),
        };

        private static JsonElement? Find(JsonElement properties, string path) =>
            properties.ValueKind == JsonValueKind.Object ? JsonPaths.Resolve(properties, path) : null;

        private Outcome Bad(int n, string? id, PointFault fault, string field, string? value, string detail) =>
            new(null, Fault(n, id, fault, field, value, detail));

        /// <summary>Distance from a WGS84 location to the nearest first-level region, in metres.</summary>
        private double NearestRegionMeters(GeoPoint location)
        {
            var point = new Point(location.Longitude, location.Latitude);
            var best = double.MaxValue;
            foreach (var region in _index.Root.Children)
            {
                if (region.Geometry is null) continue;
                var nearest = DistanceOp.NearestPoints(region.Geometry, point)[0];
                best = Math.Min(best, location.DistanceMetersTo(new GeoPoint(nearest.X, nearest.Y)));
            }

            return best;
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        /// <summary>Values go into logs and API answers: a 1 MB string stays a short one.</summary>
        private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
    }
}
