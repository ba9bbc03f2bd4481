using System.Globalization;
using System.Text;
using System.Text.Json;
using CityBrain.Geo;
using CityBrain.Packs;
using CityBrain.Spatial;

namespace CityBrain.Bench;

/// <summary>
/// generate: a synthetic camera feed for any city pack whose ground truth is in the event ids. Each real-world
/// "happening" is seen by one point 1 to <c>--sightings</c> times (at most 6), within a quarter of its category's
/// correlation window and a tenth of its radius;
/// happenings that share a time slot are far apart, and slots are further apart in time than any correlation
/// window, so a correct run makes exactly one incident per happening. Event ids are <c>h{happening}-{n}</c>. Some events are sent again
/// unchanged a few lines later (a producer's retry), and malformed lines of several kinds are mixed in.
/// </summary>
public static class SyntheticFeed
{
    public const string Source = "citybrain-synthetic";

    public static readonly string[] ValueOptions = ["pack", "events", "sightings", "malformed", "resend-percent", "seed", "start", "output"];

    /// <summary>The detection categories of the feed, one per happening.</summary>
    public static readonly string[] Categories = ["smoke_fire", "crowd", "illegal_parking", "garbage_overflow", "waterlogging"];
    private const int MaxSightings = 6;
    private const int HappeningsPerSlot = 150;
    private const int PlacementAttemptsPerHappening = 20;
    private const int MinRegisteredCameras = 50;
    private const int SyntheticPoints = 1000;
    private const int ResendWithinLines = 50;
    private static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private sealed record FeedPoint(string Id, GeoPoint Location);

    public static int Run(CommandOptions options)
    {
        var pack = CityPackLoader.Load(options.Required("pack"));
        var eventCount = options.Int("events", 100_000, 1, 50_000_000);
        var maxSightings = options.Int("sightings", MaxSightings, 1, MaxSightings);
        var malformedCount = options.Int("malformed", 0, 0, 10_000_000);
        var resendPercent = options.Double("resend-percent", 1, 0);
        if (resendPercent > 50) throw new UsageException($"option '--resend-percent' must be at most 50 (got {resendPercent.ToString(CultureInfo.InvariantCulture)})");
        var random = new Random(options.Int("seed", 1, 0, int.MaxValue));
        var start = options.Optional("start") is { } startText
            ? DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : throw new UsageException($"option '--start' must be an RFC 3339 time (got '{startText}')")
            : DefaultStart;
        var output = options.Required("output");

        var points = FeedPoints(pack, random);
        var rules = Categories.Select(pack.Correlation.For).ToArray();
        var radius = rules.Max(r => r.RadiusMeters);
        var window = rules.Max(r => r.Window);
        var writer = new Writer(pack, random);

        var lines = new List<byte[]>(eventCount + malformedCount + (int)(eventCount * resendPercent / 100) + 16);
        var resends = new List<(int DueAt, byte[] Line)>();
        var happenings = 0;
        var slots = 0;
        var written = 0;
        while (written < eventCount)
        {
            var slotStart = start + (slots * 2 * window);
            var slotEvents = new List<(DateTimeOffset At, byte[] Line)>();
            foreach (var centre in PlaceHappenings(points, radius, random))
            {
                if (written >= eventCount) break;
                var category = Categories[random.Next(Categories.Length)];
                // The happening's own category sets how close its sightings are: spread by the widest window,
                // a category with a short one (crowd: 10 min in Chengdu) would make two incidents of one happening.
                var rule = pack.Correlation.For(category);
                var sightings = Math.Min(1 + random.Next(maxSightings), eventCount - written);
                var begins = slotStart + (random.NextDouble() * rule.Window / 4);
                for (var n = 1; n <= sightings; n++)
                {
                    var at = begins + (random.NextDouble() * rule.Window / 4);
                    var seenAt = Offset(centre.Location, random.NextDouble() * rule.RadiusMeters / 10, random);
                    slotEvents.Add((at, writer.Detection($"h{happenings}-{n}", centre.Id, category, seenAt, at)));
                }

                happenings++;
                written += sightings;
            }

            foreach (var (_, line) in slotEvents.OrderBy(e => e.At))
            {
                lines.Add(line);
                if (random.NextDouble() * 100 < resendPercent) resends.Add((lines.Count + random.Next(1, ResendWithinLines), line));
                for (var i = resends.Count - 1; i >= 0; i--)
                {
                    if (resends[i].DueAt > lines.Count) continue;
                    lines.Add(resends[i].Line);
                    resends.RemoveAt(i);
                }
            }

            slots++;
        }

        var resent = lines.Count - eventCount + resends.Count;
        lines.AddRange(resends.Select(r => r.Line));
        MixIn(lines, malformedCount, random);
        Write(output, lines);
        Console.WriteLine($"generate: {eventCount} events in {happenings} happenings over {slots} slots, {resent} sent twice, {malformedCount} malformed lines -> {output}");
        return ExitCodes.Success;
    }

    /// <summary>The pack's cameras inside the city, or, for a pack without enough of them, points spread over it.</summary>
    private static FeedPoint[] FeedPoints(CityPack pack, Random random)
    {
        var cameras = pack.Points.Values
            .Where(p => p.Kind == "camera" && p.Regions.Codes.Length > 0)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new FeedPoint(p.Id, p.Location))
            .ToArray();
        if (cameras.Length >= MinRegisteredCameras) return cameras;

        var extent = pack.Regions.Extent;
        var spread = new List<FeedPoint>(SyntheticPoints);
        for (var attempt = 0; spread.Count < SyntheticPoints && attempt < SyntheticPoints * 100; attempt++)
        {
            var candidate = new GeoPoint(extent.MinX + (random.NextDouble() * extent.Width), extent.MinY + (random.NextDouble() * extent.Height));
            if (pack.Regions.Locate(candidate) is { SnappedMeters: null }) spread.Add(new FeedPoint($"synthetic-point-{spread.Count}", candidate));
        }

        return spread.Count > 0 ? [.. spread] : throw new BenchException($"pack '{pack.Name}' has no cameras and no point inside its regions could be found");
    }

    /// <summary>Up to <see cref="HappeningsPerSlot"/> points, pairwise further apart than three correlation radii.</summary>
    private static List<FeedPoint> PlaceHappenings(FeedPoint[] points, double radius, Random random)
    {
        var separation = (3 * radius) + 50;
        var placed = new List<FeedPoint>(HappeningsPerSlot);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; placed.Count < HappeningsPerSlot && attempt < HappeningsPerSlot * PlacementAttemptsPerHappening; attempt++)
        {
            var point = points[random.Next(points.Length)];
            if (used.Contains(point.Id) || placed.Any(p => p.Location.DistanceMetersTo(point.Location) < separation)) continue;
            used.Add(point.Id);
            placed.Add(point);
        }

        return placed;
    }

    private static void MixIn(List<byte[]> lines, int malformedCount, Random random)
    {
        var total = lines.Count + malformedCount;
        var positions = new HashSet<int>();
        while (positions.Count < malformedCount) positions.Add(random.Next(total));
        var mixed = new List<byte[]>(total);
        var next = 0;
        var bad = 0;
        for (var i = 0; i < total; i++) mixed.Add(positions.Contains(i) ? Malformed(bad++) : lines[next++]);
        lines.Clear();
        lines.AddRange(mixed);
    }

    /// <summary>A different fault in turn, each line distinct so every one can be found among the dead letters.</summary>
    private static byte[] Malformed(int n) => (n % 6) switch
    {
        0 => Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","id":"bad-{{{n}}}","source":"{{{Source}}}","type":"""),
        1 => Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","source":"{{{Source}}}","type":"city.camera.detection","subject":"bad-{{{n}}}","time":"2026-01-05T00:00:00Z","data":{"category":"crowd","lon":0,"lat":0}}"""),
        2 => Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","id":"bad-{{{n}}}","source":"{{{Source}}}","type":"city.camera.detection","subject":"p","time":"2026-01-05T00:00:00Z","data":{"category":"crowd","lon":10,"lat":123.4}}"""),
        3 => Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","id":"bad-{{{n}}}","source":"{{{Source}}}","type":"city.camera.detection","subject":"p","time":"yesterday","data":{"category":"crowd","lon":10,"lat":50}}"""),
        4 => Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","id":"bad-{{{n}}}","source":"{{{Source}}}","type":"city.unknown","subject":"p","time":"2026-01-05T00:00:00Z","data":{}}"""),
        _ => [0xFF, 0xFE, .. Encoding.ASCII.GetBytes($"bad-{n}")],
    };

    private static void Write(string output, List<byte[]> lines)
    {
        AtomicFile.Write(output, stream =>
        {
            foreach (var line in lines)
            {
                stream.Write(line);
                stream.WriteByte((byte)'\n');
            }
        });
    }

    private static GeoPoint Offset(GeoPoint origin, double meters, Random random)
    {
        var bearing = random.NextDouble() * 2 * Math.PI;
        return origin.MovedBy(meters * Math.Sin(bearing), meters * Math.Cos(bearing));
    }

    /// <summary>CloudEvents JSON in the pack's event CRS, as a real feed would send it.</summary>
    private sealed class Writer(CityPack pack, Random random)
    {
        private readonly MemoryStream _buffer = new();
        private readonly string _crs = pack.DefaultEventCrs.ToString().ToLowerInvariant();

        public byte[] Detection(string id, string pointId, string category, GeoPoint seenAt, DateTimeOffset at)
        {
            var location = CrsConverter.FromWgs84(seenAt, pack.DefaultEventCrs);
            _buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(_buffer))
            {
                json.WriteStartObject();
                json.WriteString("specversion", "1.0");
                json.WriteString("id", id);
                json.WriteString("source", Source);
                json.WriteString("type", "city.camera.detection");
                json.WriteString("subject", pointId);
                json.WriteString("time", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteString("datacontenttype", "application/json");
                json.WriteStartObject("data");
                json.WriteString("category", category);
                json.WriteNumber("confidence", Math.Round(0.6 + (random.NextDouble() * 0.39), 2));
                json.WriteNumber("lon", Math.Round(location.Longitude, 7));
                json.WriteNumber("lat", Math.Round(location.Latitude, 7));
                json.WriteString("crs", _crs);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            return _buffer.ToArray();
        }
    }
}
