using CityBrain.Geo;

namespace CityBrain.Bench.Suite;

/// <summary>A place several cameras look at (an intersection, a square): what happens there, all of them see.</summary>
/// <param name="Centre">The watched spot, WGS84, inside the pack's regions.</param>
/// <param name="Cameras">Ids of the cameras watching it, each within <see cref="CityLayout.SiteRadiusMeters"/> of the centre.</param>
public sealed record CameraSite(GeoPoint Centre, IReadOnlyList<string> Cameras);
