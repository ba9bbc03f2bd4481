using System.Text.Json.Serialization;
using CityBrain.Ingest.Events;

namespace CityBrain.Api.Endpoints;

/// <summary>The outcome of one event of a posted batch.</summary>
/// <param name="Index">Its position in the batch, from 0: the array index, or the NDJSON line counting only non-blank lines.</param>
/// <param name="EventId">Its CloudEvents <c>id</c>, if it could be read.</param>
/// <param name="Status">One of <see cref="EventItemStatus"/>: <c>taken</c>, <c>duplicate</c>, <c>refused</c>, <c>not_taken</c>.</param>
/// <param name="Field">Refused: the field at fault (a JSON path, <c>$</c> for the whole event).</param>
/// <param name="Reason">Refused or not taken: why.</param>
/// <param name="Errors">Refused: every field at fault with its reason (the first is <paramref name="Field"/>).</param>
public sealed record EventItemResult(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EventId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<EventFieldError>? Errors);
