using CityBrain.Events;

namespace CityBrain.Ingest.Events;

/// <summary>
/// Either a normalised observation or the error that refused the event, with its key when the event's <c>id</c> and
/// <c>source</c> could be read and are within their limits (so a refusal never carries an oversize or control-laden key).
/// </summary>
public readonly record struct NormalizeResult(Observation? Observation, EventError? Error, string? EventId, string? Source)
{
    public static NormalizeResult Ok(Observation observation) => new(observation, null, observation.Key.Id, observation.Key.Source);

    public static NormalizeResult Fail(string field, string reason, string? eventId, string? source) => new(null, new EventError(field, reason), eventId, source);

    public static NormalizeResult Fail(EventError error, string? eventId, string? source) => new(null, error, eventId, source);
}
