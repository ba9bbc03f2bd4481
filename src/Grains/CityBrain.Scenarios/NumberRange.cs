namespace CityBrain.Scenarios;

/// <summary>Bounds on a number, each optional: <c>above</c> and <c>below</c> exclusive, <c>atLeast</c> and <c>atMost</c> inclusive.</summary>
public sealed record NumberRange(double? Above, double? AtLeast, double? Below, double? AtMost)
{
    public bool Contains(double value) =>
        (Above is not { } a || value > a) && (AtLeast is not { } l || value >= l) && (Below is not { } b || value < b) && (AtMost is not { } m || value <= m);
}
