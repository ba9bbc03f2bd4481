using System.Globalization;
using System.Text.Json;

namespace CityBrain.Bench.Suite;

/// <summary>
/// What a correct platform must show after a suite feed went in, read back from the feed's own lines: which
/// happening each detection and report is of, which events should make a built-in scenario fire (and into which
/// happening's incident the firing goes), how many distinct events each point sent, and how many lines were of
/// an unknown type.
/// </summary>
public sealed class FeedTruth
{
    /// <summary>The built-in smoke scenario fires on a smoke detection at this confidence or above.</summary>
    public const double SmokeScenarioConfidence = 0.8;

    /// <summary>Detection and report id to its happening.</summary>
    public Dictionary<string, int> HappeningOf { get; } = new(StringComparer.Ordinal);

    /// <summary>Events a built-in scenario opens or joins an incident on (trigger id to its happening, if any).</summary>
    public Dictionary<string, int?> Firings { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct events per point (CloudEvents subject).</summary>
    public Dictionary<string, int> EventsPerPoint { get; } = new(StringComparer.Ordinal);

    public int Unknown { get; private set; }

    public int Events { get; private set; }

    /// <summary>Reads the first lines (as many as its limit) of each feed; <paramref name="builtInsLive"/>: the host runs the built-in scenarios.</summary>
    public static FeedTruth Read(IEnumerable<(FeedFile Feed, int Limit)> feeds, bool builtInsLive)
    {
        var truth = new FeedTruth();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (feed, limit) in feeds)
        {
            foreach (var e in FeedReader.Read(feed.Path, limit))
            {
                truth.Add(e.Payload, builtInsLive, seen);
            }
        }

        return truth;
    }

    private void Add(byte[] line, bool builtInsLive, HashSet<string> seen)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var id = root.StringProperty("id");
        var subject = root.StringProperty("subject");
        if (id is null || !FeedEventId.TryParse(id, out _, out var kind, out var happening)) throw new BenchException($"not a suite event: {System.Text.Encoding.UTF8.GetString(line)}");
        Events++;
        // Every line of an unknown type is a dead letter of its own, even one sent again; nothing else counts twice.
        if (kind == FeedEventKind.Unknown) Unknown++;
        if (!seen.Add(id)) return;
        if (subject is not null) EventsPerPoint[subject] = EventsPerPoint.GetValueOrDefault(subject) + 1;
        var data = root.Property("data") ?? default;
        switch (kind)
        {
            case FeedEventKind.Detection or FeedEventKind.Report:
                HappeningOf[id] = happening!.Value;
                if (builtInsLive && kind == FeedEventKind.Detection && data.StringProperty("category") == "smoke_fire"
                    && Number(data, "confidence") >= SmokeScenarioConfidence)
                {
                    Firings[id] = happening;
                }

                break;
            case FeedEventKind.Crossing:
                if (builtInsLive && data.StringProperty("metric") is { } metric && SensorMetrics.All.FirstOrDefault(m => m.Name == metric) is { } m
                    && m.Fires(Number(data, "value")))
                {
                    Firings[id] = null;
                }

                break;
        }
    }

    private static double Number(JsonElement data, string name) =>
        data.StringProperty(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
