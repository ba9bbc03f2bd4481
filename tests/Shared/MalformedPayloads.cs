using System.Globalization;
using System.Text;

namespace CityBrain.Testing;

/// <summary>
/// A deterministic corpus of malformed CloudEvents payloads, each a (group, bytes) pair, made from valid
/// detection, reading and report templates at one place: truncations, bit flips in the event's structure, invalid
/// UTF-8 in keys and values, every field as every wrong JSON type, missing fields, extreme and non-finite numbers,
/// deep nesting, empty, whitespace and binary bodies, repeated keys, an oversize body, over-long strings, control
/// characters, and times that are not RFC 3339 or out of range. Every payload must be refused by the normaliser
/// (none is a valid event by accident: bit flips touch only structure, required keys and fixed values).
/// The same seed gives the same bytes. Plain C# with no test-framework dependency, for unit, HTTP, MQTT and Kafka
/// fuzz tests alike.
/// </summary>
public sealed class MalformedPayloads
{
    /// <summary>Size of <see cref="Oversize"/>'s payload unless told otherwise: 2 MiB, past the 1 MiB transport limits.</summary>
    public const int DefaultOversizeBytes = 2 * 1024 * 1024;

    /// <summary>The templates' event time: in the past, after every floor.</summary>
    public static readonly DateTimeOffset DefaultTime = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8));

    private const string Detection = "detection";
    private const string Reading = "reading";
    private const string Report = "report";
    private const string DataMarker = "@@DATA@@";
    private const string BadMarker = "@@BAD@@";

    private static readonly string[] Kinds = [Detection, Reading, Report];
    private static readonly HashSet<string> RequiredKeys = ["specversion", "id", "source", "type", "subject", "time", "data", "category", "metric", "value", "lon", "lat"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xE9],                   // Latin-1 é, as a 311 description sends it
        [0xC3],                   // first byte of a two-byte sequence, then ASCII
        [0xFF],                   // never valid
        [0x80],                   // a continuation byte alone
        [0xC0, 0xAF],             // overlong '/'
        [0xED, 0xA0, 0x80],       // an encoded surrogate (U+D800)
        [0xF4, 0x90, 0x80, 0x80], // beyond U+10FFFF
        [0xE2, 0x82],             // a three-byte sequence cut short, then ASCII
    ];

    private static readonly string[] ControlEscapes = [@"\u0000", @"\u0007", @"\b", @"\n", @"\r", @"\u001b", @"\u007f", @"\u0085", @"\u2028", @"\u2029"];

    private readonly string _lon;
    private readonly string _lat;
    private readonly string? _crs;
    private readonly string _time;
    private readonly int _seed;

    /// <param name="lon">Longitude of the templates, inside the target host's city, in <paramref name="crs"/>.</param>
    /// <param name="lat">Latitude of the templates.</param>
    /// <param name="crs">The templates' <c>data.crs</c> (wgs84, gcj02, bd09); null leaves it out.</param>
    /// <param name="seed">Seed of the bit flips and binary bodies.</param>
    /// <param name="time">The templates' event time; <see cref="DefaultTime"/> when null.</param>
    public MalformedPayloads(double lon, double lat, string? crs = null, int seed = 14, DateTimeOffset? time = null)
    {
        _lon = lon.ToString("R", CultureInfo.InvariantCulture);
        _lat = lat.ToString("R", CultureInfo.InvariantCulture);
        _crs = crs;
        _time = (time ?? DefaultTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        _seed = seed;
    }

    /// <summary>Templates at README's first event in Chengdu (GCJ-02, Jinjiang district), for hosts running the chengdu pack.</summary>
    public static MalformedPayloads Chengdu(int seed = 14) => new(104.080989, 30.657689, "gcj02", seed);

    /// <summary>One valid detection with the given <c>id</c> (source <c>fuzz</c>, point <c>fuzz-cam</c>), to send after a group and see it taken.</summary>
    public byte[] ValidEvent(string id) => Render(RootFields(Detection, id), DataFields(Detection));

    /// <summary>The valid template of each kind (detection, reading, report), for checking that the corpus starts from valid events.</summary>
    public IReadOnlyList<(string Kind, byte[] Payload)> Templates() => Kinds.Select(k => (k, Render(RootFields(k, $"fz-{k}"), DataFields(k)))).ToArray();

    /// <summary>A 311-style report whose description holds one Latin-1 byte (0xE9, 'é'), as a real feed sent it.</summary>
    public byte[] Latin1Report(string id = "fz-latin1")
    {
        var data = DataFields(Report);
        Set(data, "description", $"\"Caf{BadMarker} at the corner: noise all night\"");
        return Splice(Render(RootFields(Report, id), data), [0xE9]);
    }

    /// <summary>A report whose description makes the payload <paramref name="bytes"/> long (at least the template's size).</summary>
    public byte[] Oversize(int bytes = DefaultOversizeBytes)
    {
        var data = DataFields(Report);
        Set(data, "description", $"\"{BadMarker}\"");
        var template = Render(RootFields(Report, "fz-oversize"), data);
        var fill = new byte[Math.Max(0, bytes - (template.Length - Encoding.UTF8.GetByteCount(BadMarker)))];
        Array.Fill(fill, (byte)'a');
        return Splice(template, fill);
    }

    /// <summary>The whole corpus (over 1,000 payloads, one of them <see cref="DefaultOversizeBytes"/> long), in a fixed order.</summary>
    public IReadOnlyList<(string Group, byte[] Payload)> All()
    {
        var all = new List<(string Group, byte[] Payload)>();
        var random = new Random(_seed);
        Truncations(all);
        BitFlips(all, random);
        InvalidUtf8InValues(all);
        InvalidUtf8InKeys(all);
        all.Add(("latin1-report", Latin1Report()));
        WrongTypes(all);
        MissingFields(all);
        Numbers(all);
        Nesting(all);
        Bodies(all, random);
        Duplicates(all);
        all.Add(("oversize", Oversize()));
        LongStrings(all);
        ControlCharacters(all);
        Times(all);
        TypesAndVersions(all);
        SurrogateEscapes(all);
        return all;
    }

    private void Truncations(List<(string, byte[])> all)
    {
        foreach (var kind in Kinds)
        {
            var whole = Render(RootFields(kind, $"fz-trunc-{kind}"), DataFields(kind));
            for (var length = 0; length < whole.Length; length += 3) all.Add(("truncated", whole[..length]));
            all.Add(("truncated", whole[..^1]));
        }
    }

    private void BitFlips(List<(string, byte[])> all, Random random)
    {
        foreach (var kind in Kinds)
        {
            var sensitive = new List<int>();
            var whole = Render(RootFields(kind, $"fz-flip-{kind}"), DataFields(kind), sensitive);
            foreach (var at in sensitive)
            {
                var flipped = (byte[])whole.Clone();
                flipped[at] ^= (byte)(1 << random.Next(8));
                all.Add(("bit-flip", flipped));
            }
        }
    }

    private void InvalidUtf8InValues(List<(string, byte[])> all)
    {
        foreach (var kind in Kinds)
        {
            var root = RootFields(kind, $"fz-utf8-{kind}");
            var data = DataFields(kind);
            foreach (var (inData, key) in StringFields(root, data))
            {
                foreach (var bad in InvalidUtf8)
                {
                    var rootCopy = Copy(root);
                    var dataCopy = Copy(data);
                    var target = inData ? dataCopy : rootCopy;
                    var raw = Get(target, key);
                    Set(target, key, $"{raw[..2]}{BadMarker}{raw[2..]}");
                    all.Add(("invalid-utf8-value", Splice(Render(rootCopy, dataCopy), bad)));
                }
            }
        }
    }

    private void InvalidUtf8InKeys(List<(string, byte[])> all)
    {
        var root = RootFields(Detection, "fz-utf8-key");
        var data = DataFields(Detection);
        foreach (var inData in new[] { false, true })
        {
            var fields = inData ? data : root;
            for (var i = 0; i < fields.Count; i++)
            {
                foreach (var bad in InvalidUtf8.Take(3))
                {
                    var copy = Copy(fields);
                    copy[i] = ($"{copy[i].Key[..1]}{BadMarker}{copy[i].Key[1..]}", copy[i].Raw);
                    all.Add(("invalid-utf8-key", Splice(inData ? Render(root, copy) : Render(copy, data), bad)));
                }
            }
        }
    }

    private void WrongTypes(List<(string, byte[])> all)
    {
        string[] wrong = ["{\"x\":1}", "[1,2]", "42", "\"x\"", "true", "null"];
        foreach (var kind in Kinds)
        {
            var root = RootFields(kind, $"fz-type-{kind}");
            var data = DataFields(kind);
            foreach (var inData in new[] { false, true })
            {
                var fields = inData ? data : root;
                foreach (var (key, raw) in fields)
                {
                    if (!inData && key != "data" && kind != Detection) continue; // the envelope is the same for every kind
                    var expected = raw == DataMarker ? "{" : raw[..1];
                    var optional = !RequiredKeys.Contains(key);
                    foreach (var value in wrong)
                    {
                        if (SameKind(expected, value) || (optional && value == "null")) continue;
                        var copy = Copy(fields);
                        Set(copy, key, value);
                        all.Add(("wrong-type", inData ? Render(root, copy) : Render(copy, data)));
                    }
                }
            }
        }

        static bool SameKind(string expected, string value) =>
            expected == value[..1] || (char.IsAsciiDigit(expected[0]) || expected[0] == '-') && char.IsAsciiDigit(value[0]);
    }

    private void MissingFields(List<(string, byte[])> all)
    {
        foreach (var kind in Kinds)
        {
            var root = RootFields(kind, $"fz-missing-{kind}");
            var data = DataFields(kind);
            foreach (var key in root.Select(f => f.Key).Where(RequiredKeys.Contains))
            {
                all.Add(("missing-field", Render(root.Where(f => f.Key != key).ToList(), data)));
            }

            foreach (var key in data.Select(f => f.Key).Where(RequiredKeys.Contains))
            {
                all.Add(("missing-field", Render(root, data.Where(f => f.Key != key).ToList())));
            }

            all.Add(("missing-field", Render(root, data.Where(f => f.Key is not ("lon" or "lat")).ToList())));
        }

        foreach (var key in new[] { "id", "source", "subject" })
        {
            foreach (var blank in new[] { "\"\"", "\"   \"" })
            {
                var root = RootFields(Detection, "fz-blank");
                Set(root, key, blank);
                all.Add(("blank-key", Render(root, DataFields(Detection))));
            }
        }
    }

    private void Numbers(List<(string, byte[])> all)
    {
        var tooBig = "1" + new string('0', 400);
        var cases = new (string Kind, string Key, string[] Values)[]
        {
            (Detection, "lon", ["1e308", "-1e308", "1e-320", "1e400", "-1e400", "1e-400", tooBig, "181", "-180.0000001"]),
            (Detection, "lat", ["1e308", "-1e308", "1e-320", "1e400", "-1e400", "1e-400", tooBig, "90.0000001", "-91"]),
            (Detection, "confidence", ["1e308", "-1e308", "1e400", "-1e400", tooBig, "1.0000001", "-0.5"]),
            (Reading, "value", ["1e308", "-1e308", "1e400", "-1e400", tooBig, "1e16", "-1.5e15"]),
        };
        foreach (var (kind, key, values) in cases)
        {
            foreach (var value in values)
            {
                var data = DataFields(kind);
                Set(data, key, value);
                all.Add(("number-extreme", Render(RootFields(kind, "fz-number"), data)));
            }

            foreach (var value in new[] { "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "-Infinity", "\"1e400\"", "\"0.5\"" })
            {
                var data = DataFields(kind);
                Set(data, key, value);
                all.Add(("nan-infinity", Render(RootFields(kind, "fz-nan"), data)));
            }
        }
    }

    private void Nesting(List<(string, byte[])> all)
    {
        all.Add(("deep-nesting", Encoding.ASCII.GetBytes(new string('[', 10_000))));
        all.Add(("deep-nesting", Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000))));
        all.Add(("deep-nesting", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000))));
        foreach (var depth in new[] { 40, 1_000 })
        {
            var data = DataFields(Detection);
            data.Add(("bbox", new string('[', depth) + new string(']', depth)));
            all.Add(("deep-nesting", Render(RootFields(Detection, "fz-deep"), data)));
        }
    }

    private static void Bodies(List<(string, byte[])> all, Random random)
    {
        all.Add(("empty", []));
        foreach (var blank in new[] { " ", "\n", "\r\n", "\t \r\n  ", "\uFEFF", "\uFEFF  \n" }) all.Add(("whitespace", Encoding.UTF8.GetBytes(blank)));
        foreach (var notEvent in new[] { "[]", "[1]", "\"event\"", "42", "true", "null", "{}", "{\"data\":{}}" }) all.Add(("wrong-root", Encoding.UTF8.GetBytes(notEvent)));
        for (var i = 0; i < 60; i++)
        {
            var bytes = new byte[1 + random.Next(i < 50 ? 64 : 4096)];
            random.NextBytes(bytes);
            all.Add(("binary", bytes));
        }
    }

    private void Duplicates(List<(string, byte[])> all)
    {
        foreach (var kind in Kinds)
        {
            var root = RootFields(kind, $"fz-dup-{kind}");
            var data = DataFields(kind);
            foreach (var inData in new[] { false, true })
            {
                var fields = inData ? data : root;
                foreach (var (key, raw) in fields)
                {
                    if (!inData && kind != Detection) continue;
                    var copy = Copy(fields);
                    copy.Add((key, raw == DataMarker || raw.StartsWith('"') ? raw : "0"));
                    all.Add(("duplicate-key", inData ? Render(root, copy) : Render(copy, data)));
                }
            }
        }
    }

    private void LongStrings(List<(string, byte[])> all)
    {
        var cases = new (string Kind, bool InData, string Key, int Limit)[]
        {
            (Detection, false, "id", 256), (Detection, false, "source", 256), (Detection, false, "subject", 256),
            (Detection, true, "category", 128), (Reading, true, "metric", 128), (Reading, true, "unit", 32),
            (Detection, true, "crs", 16), (Report, true, "description", 4096),
            (Detection, false, "type", 0), (Detection, false, "specversion", 0), (Detection, false, "time", 0), (Detection, false, "datacontenttype", 0),
        };
        foreach (var (kind, inData, key, limit) in cases)
        {
            foreach (var length in limit > 0 ? new[] { limit + 1, 100_000 } : [100_000])
            {
                var root = RootFields(kind, "fz-long");
                var data = DataFields(kind);
                var value = $"\"{new string(key == "crs" ? 'w' : 'x', length)}\"";
                if (inData) SetOrAdd(data, key, value);
                else Set(root, key, value);
                all.Add(("long-string", Render(root, data)));
            }
        }
    }

    private void ControlCharacters(List<(string, byte[])> all)
    {
        var cases = new (string Kind, bool InData, string Key)[]
        {
            (Detection, false, "id"), (Detection, false, "source"), (Detection, false, "subject"),
            (Detection, true, "category"), (Reading, true, "metric"), (Reading, true, "unit"),
        };
        foreach (var (kind, inData, key) in cases)
        {
            foreach (var escape in ControlEscapes)
            {
                all.Add(("control-char", WithInfix(kind, inData, key, escape)));
            }

            // The same separators as raw UTF-8, which JSON allows unescaped.
            foreach (var raw in new[] { "\u0085", "\u2028", "\u2029" })
            {
                all.Add(("control-char", WithInfix(kind, inData, key, raw)));
            }
        }

        foreach (var escape in new[] { @"\u0000", @"\u0007", @"\b", @"\u001b", @"\u2028", @"\u0085" })
        {
            all.Add(("control-char", WithInfix(Report, true, "description", escape)));
        }
    }

    private void Times(List<(string, byte[])> all)
    {
        string[] outOfRange = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1989-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"];
        string[] notRfc3339 =
        [
            "11/23/2026", "Monday, 23 November 2026", "2026-11-23T08:00:00", "2026-11-23", "2026-11-23 08:00:00Z",
            "2026-11-23T25:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23T08:00:60Z",
            "2026-11-23T08:00:00.12345678Z", "2026-11-23T08:00:00.Z", "2026-11-23T08:00:00+24:00", "2026-11-23T08:00:00+0800",
            "2026-11-23T08:00Z", "", "1763884800", "yesterday", "2026-W48-1", "+02026-11-23T08:00:00Z", "2026-11-23T08:00:00Z ",
        ];
        foreach (var (group, times) in new[] { ("time-out-of-range", outOfRange), ("time-format", notRfc3339) })
        {
            foreach (var time in times)
            {
                var root = RootFields(Detection, "fz-time");
                Set(root, "time", $"\"{time}\"");
                all.Add((group, Render(root, DataFields(Detection))));
            }
        }
    }

    private void TypesAndVersions(List<(string, byte[])> all)
    {
        foreach (var (key, value) in new[]
                 {
                     ("type", "city.unknown"), ("type", ""), ("type", "CITY.CAMERA.DETECTION"), ("type", "city.camera.detection "),
                     ("specversion", "0.3"), ("specversion", "1"), ("specversion", "1.0 "), ("specversion", ""),
                     ("datacontenttype", "text/plain"), ("datacontenttype", "application/xml"),
                 })
        {
            var root = RootFields(Detection, "fz-type");
            Set(root, key, $"\"{value}\"");
            all.Add(("unknown-type-or-version", Render(root, DataFields(Detection))));
        }
    }

    private void SurrogateEscapes(List<(string, byte[])> all)
    {
        all.Add(("surrogate-escape", WithInfix(Detection, false, "id", @"\ud800")));
        all.Add(("surrogate-escape", WithInfix(Detection, true, "category", @"\udc00")));
        all.Add(("surrogate-escape", WithInfix(Report, true, "description", @"\ud83d")));
        all.Add(("surrogate-escape", WithInfix(Detection, false, "time", @"\ud800")));
        var root = RootFields(Detection, "fz-surrogate-key");
        root.Insert(0, (@"\ud800", "1"));
        all.Add(("surrogate-escape", Render(root, DataFields(Detection))));
        var data = DataFields(Detection);
        data.Insert(0, (@"x\udfff", "1"));
        all.Add(("surrogate-escape", Render(RootFields(Detection, "fz-surrogate-key"), data)));
        var lat = DataFields(Detection);
        Set(lat, "lat", "\"\\ud800\"");
        all.Add(("surrogate-escape", Render(RootFields(Detection, "fz-surrogate-number"), lat)));
    }

    /// <summary>The template of <paramref name="kind"/> with <paramref name="infix"/> (JSON text) inserted after the first character of string <paramref name="key"/>.</summary>
    private byte[] WithInfix(string kind, bool inData, string key, string infix)
    {
        var root = RootFields(kind, "fz-infix");
        var data = DataFields(kind);
        var fields = inData ? data : root;
        var raw = Get(fields, key);
        Set(fields, key, $"{raw[..2]}{infix}{raw[2..]}");
        return Render(root, data);
    }

    private List<(string Key, string Raw)> RootFields(string kind, string id)
    {
        List<(string Key, string Raw)> root =
        [
            ("specversion", "\"1.0\""),
            ("id", $"\"{id}\""),
            ("source", "\"fuzz\""),
            ("type", kind switch { Reading => "\"city.sensor.reading\"", Report => "\"city.report\"", _ => "\"city.camera.detection\"" }),
            ("subject", kind == Reading ? "\"fuzz-sensor\"" : "\"fuzz-cam\""),
            ("time", $"\"{_time}\""),
        ];
        if (kind == Detection) root.Add(("datacontenttype", "\"application/json\""));
        root.Add(("data", DataMarker));
        return root;
    }

    private List<(string Key, string Raw)> DataFields(string kind)
    {
        List<(string Key, string Raw)> data = kind switch
        {
            Reading => [("metric", "\"water_level_cm\""), ("value", "23.5"), ("unit", "\"cm\"")],
            Report => [("category", "\"garbage_overflow\""), ("description", "\"bins full at the market entrance\"")],
            _ => [("category", "\"smoke_fire\""), ("confidence", "0.9")],
        };
        data.Add(("lon", _lon));
        data.Add(("lat", _lat));
        if (_crs is not null) data.Add(("crs", $"\"{_crs}\""));
        return data;
    }

    /// <summary>
    /// Compact JSON of the envelope with <paramref name="data"/> where the envelope's <c>data</c> is the marker.
    /// <paramref name="sensitive"/>, when given, receives the offsets where one flipped bit always spoils the event:
    /// structure, quotes, required keys, and the fixed values of specversion and type.
    /// </summary>
    private static byte[] Render(List<(string Key, string Raw)> root, List<(string Key, string Raw)> data, List<int>? sensitive = null)
    {
        var json = new StringBuilder();
        WriteObject(json, root, data, sensitive);
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static void WriteObject(StringBuilder json, List<(string Key, string Raw)> fields, List<(string Key, string Raw)>? data, List<int>? sensitive)
    {
        Mark(json, "{", sensitive);
        for (var i = 0; i < fields.Count; i++)
        {
            var (key, raw) = fields[i];
            if (i > 0) Mark(json, ",", sensitive);
            Mark(json, "\"", sensitive);
            if (RequiredKeys.Contains(key)) Mark(json, key, sensitive);
            else json.Append(key);
            Mark(json, "\":", sensitive);
            if (raw == DataMarker && data is not null)
            {
                WriteObject(json, data, null, sensitive);
            }
            else if (key is "specversion" or "type" || raw.Length < 2 || raw[0] != '"')
            {
                if (key is "specversion" or "type") Mark(json, raw, sensitive);
                else json.Append(raw);
            }
            else
            {
                Mark(json, "\"", sensitive);
                json.Append(raw, 1, raw.Length - 2);
                Mark(json, "\"", sensitive);
            }
        }

        Mark(json, "}", sensitive);
    }

    private static void Mark(StringBuilder json, string text, List<int>? sensitive)
    {
        for (var i = 0; i < text.Length; i++) sensitive?.Add(json.Length + i);
        json.Append(text);
    }

    /// <summary>Replaces the one <see cref="BadMarker"/> in <paramref name="json"/> with <paramref name="bytes"/>.</summary>
    private static byte[] Splice(byte[] json, byte[] bytes)
    {
        var marker = Encoding.UTF8.GetBytes(BadMarker);
        var at = json.AsSpan().IndexOf(marker);
        return [.. json[..at], .. bytes, .. json[(at + marker.Length)..]];
    }

    private static IEnumerable<(bool InData, string Key)> StringFields(List<(string Key, string Raw)> root, List<(string Key, string Raw)> data) =>
        root.Where(f => f.Raw.StartsWith('"') && f.Raw.Length > 2).Select(f => (false, f.Key))
            .Concat(data.Where(f => f.Raw.StartsWith('"') && f.Raw.Length > 2).Select(f => (true, f.Key)));

    private static List<(string Key, string Raw)> Copy(List<(string Key, string Raw)> fields) => [.. fields];

    private static string Get(List<(string Key, string Raw)> fields, string key) => fields.First(f => f.Key == key).Raw;

    private static void Set(List<(string Key, string Raw)> fields, string key, string raw) => fields[fields.FindIndex(f => f.Key == key)] = (key, raw);

    private static void SetOrAdd(List<(string Key, string Raw)> fields, string key, string raw)
    {
        if (fields.Exists(f => f.Key == key)) Set(fields, key, raw);
        else fields.Add((key, raw));
    }
}
