using System.Globalization;

namespace CityBrain.Bench.Suite;

/// <summary>
/// The ground truth of a suite feed, in its event ids: <c>s{line}-{kind}</c>, with <c>-h{happening}</c> for the
/// detections and reports of a happening. The line is the event's 0-based position in its feed file (unique in the
/// feed, so latencies are kept in an array by it); the kind is <c>d</c> detection, <c>r</c> report, <c>v</c>
/// reading, <c>x</c> crossing reading, <c>u</c> unknown type. E.g. <c>s1041-d-h7</c>, <c>s1042-v</c>.
/// </summary>
public static class FeedEventId
{
    /// <summary>The CloudEvents <c>source</c> of every suite event.</summary>
    public const string Source = "citybrain-suite";

    public static string Format(long line, FeedEventKind kind, int? happening = null) =>
        happening is { } h
            ? string.Create(CultureInfo.InvariantCulture, $"s{line}-{Code(kind)}-h{h}")
            : string.Create(CultureInfo.InvariantCulture, $"s{line}-{Code(kind)}");

    /// <summary>Reads an id written by <see cref="Format"/>; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> id, out long line, out FeedEventKind kind, out int? happening)
    {
        line = 0;
        kind = default;
        happening = null;
        if (id.Length < 4 || id[0] != 's') return false;
        var dash = id.IndexOf('-');
        if (dash < 2 || dash + 2 > id.Length || !long.TryParse(id[1..dash], NumberStyles.None, CultureInfo.InvariantCulture, out line)) return false;
        if (!TryKind(id[dash + 1], out kind)) return false;
        var rest = id[(dash + 2)..];
        var withHappening = kind is FeedEventKind.Detection or FeedEventKind.Report;
        if (!withHappening) return rest.IsEmpty;
        if (rest.Length < 3 || !rest.StartsWith("-h") || !int.TryParse(rest[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var h)) return false;
        happening = h;
        return true;
    }

    private static char Code(FeedEventKind kind) => kind switch
    {
        FeedEventKind.Detection => 'd',
        FeedEventKind.Report => 'r',
        FeedEventKind.Reading => 'v',
        FeedEventKind.Crossing => 'x',
        _ => 'u',
    };

    private static bool TryKind(char code, out FeedEventKind kind)
    {
        kind = code switch
        {
            'd' => FeedEventKind.Detection,
            'r' => FeedEventKind.Report,
            'v' => FeedEventKind.Reading,
            'x' => FeedEventKind.Crossing,
            'u' => FeedEventKind.Unknown,
            _ => (FeedEventKind)(-1),
        };
        return Enum.IsDefined(kind);
    }
}
