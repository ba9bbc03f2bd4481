namespace CityBrain.Ingest.Events;

/// <summary>
/// The bounds the normaliser puts on what a sender controls, in one place (docs/events.md lists them).
/// String lengths count UTF-16 code units (one per character for Latin and CJK text), inclusive.
/// Strings end up in grain state, region and KPI answers, the live stream and log lines, so none is unbounded.
/// </summary>
public static class EventLimits
{
    /// <summary>Longest <c>id</c>, <c>source</c> and <c>subject</c>; each needs at least one character.</summary>
    public const int KeyMaxLength = 256;

    /// <summary>Longest <c>data.category</c> or <c>data.metric</c> as sent (before <see cref="CityBrain.Events.CategoryKey"/> normalisation).</summary>
    public const int CategoryMaxLength = 128;

    /// <summary>Longest <c>data.unit</c>.</summary>
    public const int UnitMaxLength = 32;

    /// <summary>Longest <c>data.crs</c>.</summary>
    public const int CrsMaxLength = 16;

    /// <summary>Longest <c>data.description</c>.</summary>
    public const int DescriptionMaxLength = 4096;

    /// <summary>
    /// Largest magnitude of a reading's <c>data.value</c>: values lie in [-1e15, 1e15], far beyond any city sensor,
    /// so rates and sums over readings stay finite.
    /// </summary>
    public const double ReadingMaxMagnitude = 1e15;

    /// <summary>Deepest nesting of JSON objects and arrays in one event (the event object itself is level 1).</summary>
    public const int MaxDepth = 32;

    /// <summary>Longest piece of a sender's text quoted back in a refusal's reason; the rest is elided.</summary>
    public const int EchoMaxLength = 64;
}
