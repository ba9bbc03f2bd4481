using System.Globalization;
using System.Text.Json;
using CityBrain.Geo;
using CityBrain.Spatial;

namespace CityBrain.Bench.Suite;

/// <summary>
/// Writes the suite's feeds for a <see cref="CityLayout"/>, deterministically from a seed, with the ground truth in
/// the event ids (<see cref="FeedEventId"/>). A feed is written slot by slot, one file line per event, in event
/// time order. Within a slot the happenings are pairwise further apart than three correlation radii (and a report
/// radius), and slots are two correlation windows apart, so a correct platform makes exactly one incident per
/// happening. A happening is seen by the cameras of one site, each detection within a tenth of its category's
/// radius and all within a quarter of its window. Citizen reports (which join an open incident of their category
/// within the report radius however old it is) go only to happenings with no earlier happening of their category
/// near their site. Files are streamed: a slot at a time is held in memory.
/// </summary>
public sealed class CityFeedWriter
{
    /// <summary>
    /// The detection categories of the feeds. None is one a built-in scenario takes over (crowd, parking,
    /// garbage, waterlogging, vending, congestion open incidents only through their scenario when it runs), so every
    /// detection opens or joins an incident by itself; smoke and fire also fires the built-in smoke scenario.
    /// </summary>
    public static readonly IReadOnlyList<string> DetectionCategories = ["smoke_fire", "road_damage", "fallen_tree", "illegal_dumping", "graffiti"];

    /// <summary>The CloudEvents type of the floor's events: parsed in full, then refused.</summary>
    public const string UnknownType = "city.suite.unknown";

    /// <summary>The metric every point sends in the start feed from a camera (its video stream's bit rate).</summary>
    public const string CameraMetric = "stream_kbps";

    /// <summary>Reports come in through the seats of the city's 12345 hotline, one reporting point each.</summary>
    public const int HotlineSeats = 64;

    /// <summary>Time of the first slot: in the past, as a replay's would be (SLA clocks run on the host's own clock).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private const int HappeningsPerSlot = 150;
    private const int ReadingOnlySlotEvents = 50_000;
    private const int MaxReportsPerHappening = 10;
    private const int PlacementAttemptsPerHappening = 20;
    private const double ReportEligibilityMarginMeters = 100;
    private const double StormSpreadMeters = 10;
    private static readonly TimeSpan StormStep = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ReadingStep = TimeSpan.FromMilliseconds(10);

    private readonly CityLayout _layout;
    private readonly int _seed;
    private readonly DateTimeOffset _start;
    private readonly string _crs;
    private readonly double _maxRadius;
    private readonly TimeSpan _maxWindow;
    private readonly double _separation;
    private readonly IReadOnlyList<CameraSite> _happeningSites;

    public CityFeedWriter(CityLayout layout, int seed, DateTimeOffset? start = null)
    {
        _layout = layout;
        _happeningSites = layout.HappeningSites;
        _seed = seed;
        _start = start ?? DefaultStart;
        _crs = layout.Pack.DefaultEventCrs.ToString().ToLowerInvariant();
        var rules = DetectionCategories.Select(layout.Pack.Correlation.For).ToArray();
        _maxRadius = rules.Max(r => r.RadiusMeters);
        _maxWindow = rules.Max(r => r.Window);
        var reportRadius = layout.Pack.Correlation.Reports?.RadiusMeters ?? 0;
        _separation = Math.Max((3 * _maxRadius) + 50, reportRadius + (1.2 * _maxRadius) + 50);
    }

    /// <summary>A feed of <paramref name="count"/> events made as <paramref name="mix"/> says.</summary>
    public FeedFile Write(string path, FeedMix mix, int count, int salt = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(Seed(1, salt, count));
        var sensors = new Cycle<SuitePoint>(_layout.Sensors, random);
        var reportHistory = new Dictionary<string, List<GeoPoint>>(StringComparer.Ordinal);
        var counts = new Counts();
        var reportDebt = 0.0;
        var happening = 0;
        using var output = new EventOutput(path, _crs, _layout.Pack.DefaultEventCrs, firstNumber: 0);
        for (var slot = 0; counts.Events < count; slot++)
        {
            var slotStart = _start + (slot * 2 * _maxWindow);
            var remaining = count - counts.Events;
            var planned = new List<PlannedEvent>();
            var detections = 0;
            var reports = 0;
            if (mix.DetectionShare > 0)
            {
                var detectionTarget = Math.Max(1, (int)Math.Round(Math.Min(remaining, SlotEvents(mix)) * mix.DetectionShare));
                foreach (var site in PlaceSites(random))
                {
                    if (detections >= detectionTarget) break;
                    var category = DetectionCategories[random.Next(DetectionCategories.Count)];
                    var rule = _layout.Pack.Correlation.For(category);
                    var sightings = Math.Min(random.Next(mix.MinSightings, mix.MaxSightings + 1), detectionTarget - detections);
                    var begins = slotStart + (random.NextDouble() * rule.Window / 4);
                    for (var n = 0; n < sightings; n++)
                    {
                        var camera = site.Cameras[random.Next(site.Cameras.Count)];
                        var confidence = Math.Round(0.6 + (random.NextDouble() * 0.39), 2);
                        planned.Add(new PlannedEvent(begins + (random.NextDouble() * rule.Window / 4), FeedEventKind.Detection, happening, camera, category,
                            confidence, Offset(site.Centre, random.NextDouble() * rule.RadiusMeters / 10, random), null, planned.Count));
                    }

                    detections += sightings;
                    if (mix.ReportShare > 0)
                    {
                        reportDebt += sightings * mix.ReportShare / mix.DetectionShare;
                        var owed = Math.Min(Math.Min((int)reportDebt, MaxReportsPerHappening), remaining - detections - reports);
                        if (owed > 0 && MayTakeReports(reportHistory, category, site.Centre))
                        {
                            for (var n = 0; n < owed; n++)
                            {
                                var seat = string.Create(CultureInfo.InvariantCulture, $"12345-seat-{1 + random.Next(HotlineSeats):D2}");
                                planned.Add(new PlannedEvent(begins + (random.NextDouble() * rule.Window / 4), FeedEventKind.Report, happening, seat, category,
                                    0, Offset(site.Centre, random.NextDouble() * rule.RadiusMeters / 10, random), null, planned.Count));
                            }

                            reports += owed;
                            reportDebt -= owed;
                        }
                    }

                    Remember(reportHistory, category, site.Centre);
                    happening++;
                }
            }

            // Readings keep the shares whatever number of happenings the slot could hold.
            var readings = mix.DetectionShare > 0
                ? Math.Min(remaining - detections - reports, (int)Math.Round(detections * mix.ReadingShare / mix.DetectionShare))
                : Math.Min(remaining, ReadingOnlySlotEvents);
            var readingSpan = _maxWindow / 2;
            for (var n = 0; n < readings; n++)
            {
                var sensor = sensors.Next();
                var metric = SensorMetrics.Get(sensor.Metric!);
                var crossing = metric.CrossingLow is not null && random.NextDouble() < mix.CrossingShare;
                var value = crossing
                    ? metric.CrossingLow!.Value + (random.NextDouble() * (metric.CrossingHigh!.Value - metric.CrossingLow.Value))
                    : metric.NormalLow + (random.NextDouble() * (metric.NormalHigh - metric.NormalLow));
                planned.Add(new PlannedEvent(slotStart + (random.NextDouble() * readingSpan), crossing ? FeedEventKind.Crossing : FeedEventKind.Reading, null,
                    sensor.Id, metric.Name, Math.Round(value, 1), sensor.Location, metric.Unit, planned.Count));
            }

            if (planned.Count == 0) throw new BenchException($"the layout of {_layout.Pack.Name} has no site for a happening or no sensor for a reading");
            planned.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));
            foreach (var e in planned) counts.Add(output.Write(e));
        }

        output.Complete();
        return counts.File(path, 0, happening);
    }

    /// <summary>
    /// Detections of one happening at <paramref name="site"/> (smoke, confidence below the built-in smoke scenario's
    /// 0.8, so every one is one piece of evidence), numbered from <paramref name="firstNumber"/>: one feed of a storm
    /// that may span several files, each continuing the numbers and times of the one before.
    /// </summary>
    public FeedFile Storm(string path, CameraSite site, int happening, long firstNumber, int count)
    {
        var random = new Random(Seed(2, happening, (int)firstNumber));
        var rule = _layout.Pack.Correlation.For("smoke_fire");
        var counts = new Counts();
        using var output = new EventOutput(path, _crs, _layout.Pack.DefaultEventCrs, firstNumber);
        for (var n = 0; n < count; n++)
        {
            var at = _start + ((firstNumber + n) * StormStep);
            var camera = site.Cameras[random.Next(site.Cameras.Count)];
            counts.Add(output.Write(new PlannedEvent(at, FeedEventKind.Detection, happening, camera, "smoke_fire", Math.Round(0.5 + (random.NextDouble() * 0.29), 2),
                Offset(site.Centre, random.NextDouble() * Math.Min(StormSpreadMeters, rule.RadiusMeters / 10), random), null, n)));
        }

        output.Complete();
        return counts.File(path, firstNumber, 1);
    }

    /// <summary>One reading from every point of the layout, in random order: sensors their metric, cameras their stream's bit rate.</summary>
    public FeedFile Start(string path)
    {
        var random = new Random(Seed(3, 0, 0));
        var order = _layout.Points.ToArray();
        random.Shuffle(order);
        var counts = new Counts();
        using var output = new EventOutput(path, _crs, _layout.Pack.DefaultEventCrs, firstNumber: 0);
        for (var n = 0; n < order.Length; n++)
        {
            var point = order[n];
            var metric = point.Metric is { } name ? SensorMetrics.Get(name) : null;
            var value = metric is null ? 2000 + (random.NextDouble() * 6000) : metric.NormalLow + (random.NextDouble() * (metric.NormalHigh - metric.NormalLow));
            counts.Add(output.Write(new PlannedEvent(_start + (n * ReadingStep), FeedEventKind.Reading, null, point.Id, metric?.Name ?? CameraMetric,
                Math.Round(value, 1), point.Location, metric?.Unit ?? "kbps", n)));
        }

        output.Complete();
        return counts.File(path, 0, 0);
    }

    /// <summary>Events of a type CityBrain does not know, shaped like readings so the parse costs what a reading's does.</summary>
    public FeedFile Floor(string path, int count)
    {
        var random = new Random(Seed(4, 0, count));
        var sensors = new Cycle<SuitePoint>(_layout.Sensors, random);
        var counts = new Counts();
        using var output = new EventOutput(path, _crs, _layout.Pack.DefaultEventCrs, firstNumber: 0);
        for (var n = 0; n < count; n++)
        {
            var sensor = sensors.Next();
            var metric = SensorMetrics.Get(sensor.Metric!);
            counts.Add(output.Write(new PlannedEvent(_start + (n * ReadingStep), FeedEventKind.Unknown, null, sensor.Id, metric.Name,
                Math.Round(metric.NormalLow + (random.NextDouble() * (metric.NormalHigh - metric.NormalLow)), 1), sensor.Location, metric.Unit, n)));
        }

        output.Complete();
        return counts.File(path, 0, 0);
    }

    /// <summary>A seed per feed that does not change between runs (<see cref="HashCode"/> does, per process).</summary>
    private int Seed(int feed, int salt, int size)
    {
        unchecked
        {
            var h = (_seed * 1_000_003) ^ (feed * 7_919);
            h = (h * 31) + salt;
            h = (h * 31) + size;
            return h & int.MaxValue;
        }
    }

    private static int SlotEvents(FeedMix mix) => mix.MaxSightings <= 1
        ? HappeningsPerSlot
        : (int)Math.Ceiling(HappeningsPerSlot * (mix.MinSightings + mix.MaxSightings) / 2.0 / mix.DetectionShare);

    /// <summary>Up to <see cref="HappeningsPerSlot"/> sites (never a storm site), pairwise at least the separation apart.</summary>
    private List<CameraSite> PlaceSites(Random random)
    {
        var sites = _happeningSites;
        var placed = new List<CameraSite>(HappeningsPerSlot);
        for (var attempt = 0; placed.Count < HappeningsPerSlot && attempt < HappeningsPerSlot * PlacementAttemptsPerHappening; attempt++)
        {
            var site = sites[random.Next(sites.Count)];
            if (placed.Exists(p => ReferenceEquals(p, site) || p.Centre.DistanceMetersTo(site.Centre) < _separation)) continue;
            placed.Add(site);
        }

        return placed;
    }

    /// <summary>
    /// A report joins any open incident of its category within the report radius, however old: only a happening with
    /// no earlier one of its category near its site may have reports, or they would join the older incident.
    /// </summary>
    private bool MayTakeReports(Dictionary<string, List<GeoPoint>> history, string category, GeoPoint site)
    {
        if (!history.TryGetValue(category, out var earlier)) return true;
        var reach = (_layout.Pack.Correlation.Reports?.RadiusMeters ?? 0) + (_maxRadius / 5) + ReportEligibilityMarginMeters;
        return !earlier.Exists(p => p.DistanceMetersTo(site) <= reach);
    }

    private static void Remember(Dictionary<string, List<GeoPoint>> history, string category, GeoPoint site)
    {
        if (!history.TryGetValue(category, out var list)) history[category] = list = [];
        list.Add(site);
    }

    private static GeoPoint Offset(GeoPoint origin, double meters, Random random)
    {
        var bearing = random.NextDouble() * 2 * Math.PI;
        return origin.MovedBy(meters * Math.Sin(bearing), meters * Math.Cos(bearing));
    }

    /// <summary>One event before it has its number (its place in the file is known only once its slot is sorted).</summary>
    private readonly record struct PlannedEvent(
        DateTimeOffset At, FeedEventKind Kind, int? Happening, string Subject, string Topic, double Value, GeoPoint Location, string? Unit, int Order);

    /// <summary>Items in a random order, each once before any comes again.</summary>
    private sealed class Cycle<T>(IReadOnlyList<T> items, Random random)
    {
        private readonly T[] _order = Shuffled(items, random);
        private int _next;

        public T Next()
        {
            if (_order.Length == 0) throw new BenchException("the layout has no sensors");
            var item = _order[_next];
            _next = (_next + 1) % _order.Length;
            return item;
        }

        private static T[] Shuffled(IReadOnlyList<T> items, Random random)
        {
            var order = items.ToArray();
            random.Shuffle(order);
            return order;
        }
    }

    private sealed class Counts
    {
        private int _detections;
        private int _reports;
        private int _readings;
        private int _crossings;
        private int _unknown;

        public int Events { get; private set; }

        public void Add(PlannedEvent e)
        {
            Events++;
            switch (e.Kind)
            {
                case FeedEventKind.Detection: _detections++; break;
                case FeedEventKind.Report: _reports++; break;
                case FeedEventKind.Reading: _readings++; break;
                case FeedEventKind.Crossing: _readings++; _crossings++; break;
                default: _unknown++; break;
            }
        }

        public FeedFile File(string path, long firstNumber, int happenings) =>
            new(path, firstNumber, Events, _detections, _reports, _readings, _crossings, _unknown, happenings);
    }

    /// <summary>Numbers the events in file order and writes each as one line of CloudEvents JSON in the pack's event CRS.</summary>
    private sealed class EventOutput : IDisposable
    {
        private readonly FileStream _file;
        private readonly Utf8JsonWriter _json;
        private readonly string _path;
        private readonly string _crsName;
        private readonly CoordinateSystem _crs;
        private long _next;
        private bool _complete;

        public EventOutput(string path, string crsName, CoordinateSystem crs, long firstNumber)
        {
            _path = path;
            _crsName = crsName;
            _crs = crs;
            _next = firstNumber;
            _file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            _json = new Utf8JsonWriter(_file);
        }

        public PlannedEvent Write(PlannedEvent e)
        {
            var number = _next++;
            var location = CrsConverter.FromWgs84(e.Location, _crs);
            _json.Reset(_file);
            _json.WriteStartObject();
            _json.WriteString("specversion", "1.0");
            _json.WriteString("id", FeedEventId.Format(number, e.Kind, e.Happening));
            _json.WriteString("source", FeedEventId.Source);
            _json.WriteString("type", e.Kind switch
            {
                FeedEventKind.Detection => "city.camera.detection",
                FeedEventKind.Report => "city.report",
                FeedEventKind.Unknown => UnknownType,
                _ => "city.sensor.reading",
            });
            _json.WriteString("subject", e.Subject);
            _json.WriteString("time", e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            _json.WriteString("datacontenttype", "application/json");
            _json.WriteStartObject("data");
            switch (e.Kind)
            {
                case FeedEventKind.Detection:
                    _json.WriteString("category", e.Topic);
                    _json.WriteNumber("confidence", e.Value);
                    break;
                case FeedEventKind.Report:
                    _json.WriteString("category", e.Topic);
                    _json.WriteString("description", $"citizen report via the 12345 hotline: {e.Topic.Replace('_', ' ')}");
                    break;
                default:
                    _json.WriteString("metric", e.Topic);
                    _json.WriteNumber("value", e.Value);
                    if (e.Unit is not null) _json.WriteString("unit", e.Unit);
                    break;
            }

            _json.WriteNumber("lon", Math.Round(location.Longitude, 7));
            _json.WriteNumber("lat", Math.Round(location.Latitude, 7));
            _json.WriteString("crs", _crsName);
            _json.WriteEndObject();
            _json.WriteEndObject();
            _json.Flush();
            _file.WriteByte((byte)'\n');
            return e;
        }

        /// <summary>Every event is written: the file takes its name when disposed.</summary>
        public void Complete() => _complete = true;

        /// <summary>A feed not completed is deleted, never left half-written under its name.</summary>
        public void Dispose()
        {
            _json.Dispose();
            _file.Dispose();
            if (_complete) File.Move(_path + ".tmp", _path, overwrite: true);
            else File.Delete(_path + ".tmp");
        }
    }
}
