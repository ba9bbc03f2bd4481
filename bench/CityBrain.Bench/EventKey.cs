namespace CityBrain.Bench;

public readonly record struct EventKey(string Source, string Id);
