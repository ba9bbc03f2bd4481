namespace CityBrain.Api.Live;

/// <summary>One item of a live client's queue: an item of the feed, or the gap where items were missed.</summary>
public readonly record struct LiveItem<T>(T? Item, LiveGap? Gap);
