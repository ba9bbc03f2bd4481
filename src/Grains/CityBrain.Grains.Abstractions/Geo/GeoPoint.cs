using System.Text.Json.Serialization;

namespace CityBrain.Geo;

/// <summary>
/// A position in CityBrain's one internal frame: WGS84 longitude and latitude in decimal degrees.
/// Coordinates in GCJ-02 or BD-09 are converted at the edge (city-pack load and ingest) and never reach this type.
/// </summary>
/// <param name="Longitude">WGS84 longitude in decimal degrees, east positive.</param>
/// <param name="Latitude">WGS84 latitude in decimal degrees, north positive.</param>
[GenerateSerializer, Immutable, Alias("cb.GeoPoint")]
public readonly record struct GeoPoint(
    [property: Id(0)] double Longitude,
    [property: Id(1)] double Latitude)
{
    /// <summary>True when both ordinates are finite and inside [-180, 180] × [-90, 90].</summary>
    [JsonIgnore]
    public bool IsValid =>
        double.IsFinite(Longitude) && double.IsFinite(Latitude) &&
        Longitude is >= -180 and <= 180 && Latitude is >= -90 and <= 90;

    /// <summary>The mean radius of the sphere <see cref="DistanceMetersTo"/> measures on, in metres.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Great-circle (haversine) distance in metres on the mean-radius sphere.</summary>
    public double DistanceMetersTo(GeoPoint other)
    {
        var lat1 = double.DegreesToRadians(Latitude);
        var lat2 = double.DegreesToRadians(other.Latitude);
        var dLat = lat2 - lat1;
        var dLon = double.DegreesToRadians(other.Longitude - Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// The point <paramref name="eastMeters"/> east and <paramref name="northMeters"/> north of this one, on the
    /// local flat approximation (good to well under a metre over the few hundred metres it is used for).
    /// </summary>
    public GeoPoint MovedBy(double eastMeters, double northMeters) =>
        new(Longitude + eastMeters / (111_320.0 * Math.Cos(double.DegreesToRadians(Latitude))), Latitude + northMeters / 110_574.0);

    /// <summary><c>(longitude, latitude)</c> in degrees to six decimals, invariant culture.</summary>
    public override string ToString() => FormattableString.Invariant($"({Longitude:0.######}, {Latitude:0.######})");
}
