namespace CityBrain;

/// <summary>Grain storage provider names.</summary>
public static class StorageNames
{
    /// <summary>Incidents, cells, districts and provisional points.</summary>
    public const string State = "citybrain";

    /// <summary>Orleans' stream pub-sub registry (the name Orleans looks for).</summary>
    public const string PubSub = "PubSubStore";
}
