using CityBrain.Events;

namespace CityBrain.Points;

/// <summary>
/// One camera, sensor or reporting channel. Key: the point id exactly as sent in CloudEvents <c>subject</c>.
/// Drops redelivered events by idempotency key over a bounded window, keeps last-seen and the latest reading
/// in memory, and forwards detections and reports to the spatial cell of their location.
/// Persisted: only a provisional registration (a point missing from the city pack's registry), once.
/// </summary>
public interface IPointGrain : IGrainWithStringKey
{
    /// <summary>Take observations reported by this point, in order; one outcome per observation.</summary>
    Task<ObservationOutcome[]> Report(Observation[] observations);

    /// <summary>The point, or null if it is neither registered nor has ever reported.</summary>
    Task<PointView?> Get();
}
