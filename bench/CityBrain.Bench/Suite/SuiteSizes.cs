namespace CityBrain.Bench.Suite;

/// <summary>How big each run of the suite is.</summary>
/// <param name="Points">Registered points of the pack copy.</param>
/// <param name="FloorEvents">Events of an unknown type, per transport.</param>
/// <param name="ReadingEvents">Readings of the readings run.</param>
/// <param name="OpenEvents">Detections of the opens run, each its own happening.</param>
/// <param name="AttachLevels">Evidence the storm incident holds before each measured batch.</param>
/// <param name="AttachBatch">Detections of each measured batch of the storm.</param>
/// <param name="MixedEvents">Events of each mixed run (Kafka, MQTT, HTTP, 1 and 1,000 scenarios).</param>
/// <param name="PostgresEvents">Events of the mixed run on PostgreSQL (the first of the mixed feed).</param>
/// <param name="LatencyRate">Events per second of the latency run.</param>
/// <param name="LatencyEvents">Events of the latency run (the first of the mixed feed).</param>
/// <param name="PointSample">Points whose event count each check reads.</param>
/// <param name="PhaseTimeout">Longest a feed may take to be taken, or a host to start, before the run fails.</param>
public sealed record SuiteSizes(
    int Points, int FloorEvents, int ReadingEvents, int OpenEvents, IReadOnlyList<int> AttachLevels, int AttachBatch,
    int MixedEvents, int PostgresEvents, double LatencyRate, int LatencyEvents, int PointSample, TimeSpan PhaseTimeout)
{
    /// <summary>Chengdu's 160,000 video and sensor points.</summary>
    public const int CityPoints = 160_000;

    /// <summary>The full run: about 30 to 45 minutes on the 2-core benchmark machine, depending on the host.</summary>
    public static readonly SuiteSizes Full = new(
        CityPoints, FloorEvents: 20_000, ReadingEvents: 200_000, OpenEvents: 30_000, AttachLevels: [1, 1_000, 100_000], AttachBatch: 5_000,
        MixedEvents: 300_000, PostgresEvents: 100_000, LatencyRate: 10_000, LatencyEvents: 300_000, PointSample: 1_000, PhaseTimeout: TimeSpan.FromMinutes(30));

    /// <summary><c>--quick</c>: every run on the same 160,000-point pack with fewer events, in under 5 minutes.</summary>
    public static readonly SuiteSizes Quick = new(
        CityPoints, FloorEvents: 5_000, ReadingEvents: 20_000, OpenEvents: 3_000, AttachLevels: [1, 1_000, 10_000], AttachBatch: 1_000,
        MixedEvents: 20_000, PostgresEvents: 10_000, LatencyRate: 10_000, LatencyEvents: 20_000, PointSample: 200, PhaseTimeout: TimeSpan.FromMinutes(3));

    /// <summary>Every feed <paramref name="events"/> long (<c>--events</c>), for a short try; the storm's levels are capped by it.</summary>
    public SuiteSizes WithEvents(int events) => this with
    {
        FloorEvents = events,
        ReadingEvents = events,
        OpenEvents = events,
        AttachLevels = AttachLevels.Select(l => Math.Min(l, events)).Distinct().ToArray(),
        AttachBatch = Math.Min(AttachBatch, events),
        MixedEvents = events,
        PostgresEvents = events,
        LatencyEvents = events,
    };
}
