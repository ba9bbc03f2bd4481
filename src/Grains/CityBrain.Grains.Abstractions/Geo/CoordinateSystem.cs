namespace CityBrain.Geo;

/// <summary>The coordinate reference systems a city pack file or an event may declare.</summary>
public enum CoordinateSystem
{
    /// <summary>WGS84 longitude/latitude (EPSG:4326, GPS). CityBrain's internal frame.</summary>
    Wgs84 = 0,

    /// <summary>GCJ-02, the obfuscated frame of Chinese web maps (AMap, Tencent, Google China).</summary>
    Gcj02 = 1,

    /// <summary>BD-09, Baidu's frame: GCJ-02 with a further offset.</summary>
    Bd09 = 2,
}
