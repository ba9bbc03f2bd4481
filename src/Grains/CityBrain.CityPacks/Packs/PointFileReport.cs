namespace CityBrain.Packs;

/// <summary>What loading one point file gave: entries read, points registered, entries skipped.</summary>
public sealed record PointFileReport(string File, int Entries, int Loaded, int Bad);
