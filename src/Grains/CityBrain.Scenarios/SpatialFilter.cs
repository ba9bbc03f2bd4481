using CityBrain.Events;
using CityBrain.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityBrain.Scenarios;

/// <summary>
/// Where an observation must be: inside any of some regions (codes at any level of the pack's tree), inside a
/// polygon, or within a distance of a geometry. Built once per definition, then tested from many threads
/// (prepared geometries are thread-safe for reading).
/// </summary>
public abstract class SpatialFilter
{
    public abstract bool Contains(GeoPoint location, RegionPath regions);

    /// <summary>Inside any of the regions: the observation's region path names one of them.</summary>
    public sealed class InRegions(IReadOnlyList<string> codes) : SpatialFilter
    {
        public IReadOnlyList<string> Codes { get; } = codes;

        public override bool Contains(GeoPoint location, RegionPath regions)
        {
            foreach (var code in regions.Codes)
            {
                for (var i = 0; i < Codes.Count; i++)
                {
                    if (string.Equals(Codes[i], code, StringComparison.Ordinal)) return true;
                }
            }

            return false;
        }
    }

    /// <summary>Inside (or on the border of) a WGS84 polygon or multipolygon.</summary>
    public sealed class InPolygon(Geometry polygon) : SpatialFilter
    {
        private readonly IPreparedGeometry _prepared = PreparedGeometryFactory.Prepare(polygon);
        private readonly GeometryFactory _factory = polygon.Factory;

        public override bool Contains(GeoPoint location, RegionPath regions) =>
            _prepared.Covers(_factory.CreatePoint(new Coordinate(location.Longitude, location.Latitude)));
    }

    /// <summary>
    /// Within <see cref="Meters"/> of a WGS84 geometry (a road's line, a school's point, a park's polygon). The
    /// geometry is projected once onto a flat plane in metres around its own centre (equirectangular; good to well
    /// under a percent over a city) and buffered there, so a test is one projection and one prepared lookup.
    /// </summary>
    public sealed class NearGeometry : SpatialFilter
    {
        private const double MetersPerDegreeLatitude = 110_574.0;
        private const double MetersPerDegreeLongitudeAtEquator = 111_320.0;
        private readonly double _originLongitude;
        private readonly double _originLatitude;
        private readonly double _metersPerDegreeLongitude;
        private readonly IPreparedGeometry _buffered;
        private readonly GeometryFactory _factory = new();

        public NearGeometry(Geometry geometry, double meters)
        {
            Meters = meters;
            var centre = geometry.EnvelopeInternal.Centre;
            _originLongitude = centre.X;
            _originLatitude = centre.Y;
            _metersPerDegreeLongitude = MetersPerDegreeLongitudeAtEquator * Math.Cos(double.DegreesToRadians(_originLatitude));
            var projected = geometry.Copy();
            projected.Apply(new ProjectToPlane(this));
            projected.GeometryChanged();
            _buffered = PreparedGeometryFactory.Prepare(projected.Buffer(meters));
        }

        public double Meters { get; }

        public override bool Contains(GeoPoint location, RegionPath regions) =>
            _buffered.Covers(_factory.CreatePoint(Project(location.Longitude, location.Latitude)));

        private Coordinate Project(double longitude, double latitude) =>
            new((longitude - _originLongitude) * _metersPerDegreeLongitude, (latitude - _originLatitude) * MetersPerDegreeLatitude);

        private sealed class ProjectToPlane(NearGeometry plane) : IEntireCoordinateSequenceFilter
        {
            public bool Done => false;

            public bool GeometryChanged => true;

            public void Filter(CoordinateSequence sequence)
            {
                for (var i = 0; i < sequence.Count; i++)
                {
                    var projected = plane.Project(sequence.GetX(i), sequence.GetY(i));
                    sequence.SetX(i, projected.X);
                    sequence.SetY(i, projected.Y);
                }
            }
        }
    }
}
