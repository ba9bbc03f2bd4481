namespace CityBrain.Packs;

/// <summary>Why an entry of a point file was skipped.</summary>
public enum PointFault
{
    /// <summary>Not an object (or, in a GeoJSON file, a geometry that is not a Point).</summary>
    Malformed,

    /// <summary>A required property (id, longitude, latitude, kind) is absent or empty.</summary>
    Missing,

    /// <summary>A required property is JSON <c>null</c>.</summary>
    Null,

    /// <summary>A coordinate is neither a number nor a numeric string (NaN and infinities included).</summary>
    NotANumber,

    /// <summary>A longitude outside [-180, 180] or a latitude outside [-90, 90].</summary>
    OutOfRange,

    /// <summary>Both coordinates are 0: a placeholder for "unknown", not a place in the city.</summary>
    ZeroZero,

    /// <summary>Longitude and latitude are swapped: read the other way round they lie in the city.</summary>
    Swapped,

    /// <summary>Farther from every region than the pack's snap tolerance (another city, a typing error).</summary>
    OutsideRegions,

    /// <summary>The id was already given to an earlier entry.</summary>
    DuplicateId,
}
