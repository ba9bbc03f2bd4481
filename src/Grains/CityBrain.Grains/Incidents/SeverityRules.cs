using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents;

/// <summary>
/// Severity rises with independent evidence: one level once three different points have reported it, one more
/// once two kinds of observation agree (a camera and a sensor, a sensor and a citizen). Repeats from one point
/// are not independent and raise nothing.
/// </summary>
public static class SeverityRules
{
    public const int PointsForOneLevel = 3;
    public const int KindsForOneLevel = 2;

    public static Severity Of(Severity baseSeverity, int distinctPoints, int distinctKinds)
    {
        var level = (int)baseSeverity + (distinctPoints >= PointsForOneLevel ? 1 : 0) + (distinctKinds >= KindsForOneLevel ? 1 : 0);
        return (Severity)Math.Min(level, (int)Severity.Critical);
    }
}
