using CityBrain.Ingest.Events;

namespace CityBrain.Ingest.Batches;

/// <summary>A posted body cut into events, or why it could not be.</summary>
/// <param name="Items">Each event's exact bytes, in order; at most the number asked for.</param>
/// <param name="Count">Events in the body, all of them counted even past those kept.</param>
/// <param name="Single">The body was one JSON object, not an array or NDJSON: answered as a single event.</param>
/// <param name="Error">Why the body as a whole was refused (field <c>$</c>), or null.</param>
public sealed record EventBatchSplit(IReadOnlyList<ReadOnlyMemory<byte>> Items, int Count, bool Single, EventError? Error)
{
    public static EventBatchSplit Refused(string reason) => new([], 0, false, new EventError("$", reason));
}
