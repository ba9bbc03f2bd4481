using CityBrain.Events;

namespace CityBrain.Points;

/// <summary>The kind a point missing from the registry is given from its first event.</summary>
public static class PointKinds
{
    public static string OfFirst(ObservationKind kind) => kind switch
    {
        ObservationKind.Detection or ObservationKind.Recheck => "camera",
        ObservationKind.Reading => "sensor",
        _ => "channel",
    };
}
