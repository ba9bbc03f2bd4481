namespace CityBrain.Spatial;

/// <summary>
/// How citizen reports (a 12345 hotline, an app) join what cameras and sensors already found: a report joins an
/// open incident of its own category or of one it <paramref name="Joins"/> within <paramref name="RadiusMeters"/>,
/// however long the incident has been open (citizens call about what is still there), as long as the report is
/// not from before the incident's window.
/// </summary>
/// <param name="Joins">Per report category, the other incident categories it may also join (never itself).</param>
public sealed record ReportRule(double RadiusMeters, IReadOnlyDictionary<string, string[]> Joins)
{
    private static readonly string[] None = [];

    public string[] AlsoJoins(string category) => Joins.GetValueOrDefault(category) ?? None;
}
