namespace CityBrain.Live;

/// <summary>A registered live feed: its id (stable while it lives) and where to send its batches.</summary>
[GenerateSerializer, Immutable, Alias("cb.LiveFeedEntry")]
public sealed record LiveFeedEntry([property: Id(0)] Guid Feed, [property: Id(1)] ILiveChangeObserver Observer);
