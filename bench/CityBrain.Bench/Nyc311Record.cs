namespace CityBrain.Bench;

/// <summary>The columns of one NYC 311 export row that the benchmark uses.</summary>
/// <param name="Coordinates">Null when Latitude/Longitude are empty or not numbers; such rows must be dead-lettered.</param>
public sealed record Nyc311Record(
    int Line,
    string UniqueKey,
    DateTimeOffset Created,
    string Agency,
    string ComplaintType,
    string Descriptor,
    string CommunityBoard,
    (double Lat, double Lon)? Coordinates);
