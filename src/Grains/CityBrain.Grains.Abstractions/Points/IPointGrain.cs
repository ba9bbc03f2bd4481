using CityBrain.Events;

namespace CityBrain.Points;

/// <summary>
/// One camera, sensor or reporting channel. Key: the point id exactly as sent in CloudEvents <c>subject</c>.
/// Drops redelivered events by idempotency key over a bounded window, keeps last-seen and the latest reading
/// in memory, and forwards detections and reports to the spatial cell of their location.
/// Watches its own silence for silence scenarios (a timer while one runs).
/// Persisted: a provisional registration (a point missing from the city pack's registry), and which silence
/// watches it told it fell silent.
/// </summary>
[Alias("cb.IPointGrain")]
public interface IPointGrain : IGrainWithStringKey
{
    /// <summary>Take observations reported by this point, in order; one outcome per observation.</summary>
    [Alias("Report")]
    Task<ObservationOutcome[]> Report(Observation[] observations);

    /// <summary>The point, or null if it is neither registered nor has ever reported.</summary>
    [Alias("Get")]
    Task<PointView?> Get();

    /// <summary>Start watching this point's silence for the silence scenarios that count it (activating it if need be); nothing when none does.</summary>
    [Alias("WatchSilence")]
    Task WatchSilence();
}
