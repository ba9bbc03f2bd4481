using CityBrain.Events;

namespace CityBrain.Ingest.Events;

/// <summary>Why an event was refused: the field at fault (a JSON path such as <c>data.lon</c>) and the reason.</summary>
public sealed record EventError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}

/// <summary>Either a normalised observation or the error that refused the event (with what could be read of its key).</summary>
public readonly record struct NormalizeResult(Observation? Observation, EventError? Error, string? EventId, string? Source)
{
    public static NormalizeResult Ok(Observation observation) => new(observation, null, observation.Key.Id, observation.Key.Source);

    public static NormalizeResult Fail(string field, string reason, string? eventId, string? source) => new(null, new EventError(field, reason), eventId, source);
}
