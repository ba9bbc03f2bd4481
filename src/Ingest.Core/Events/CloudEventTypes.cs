namespace CityBrain.Ingest.Events;

/// <summary>The CloudEvents <c>type</c> values CityBrain takes.</summary>
public static class CloudEventTypes
{
    public const string Detection = "city.camera.detection";
    public const string Reading = "city.sensor.reading";
    public const string Report = "city.report";
    public const string Recheck = "city.camera.recheck";
}
