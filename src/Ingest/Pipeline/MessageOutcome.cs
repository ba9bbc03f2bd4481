using CityBrain.Events;
using CityBrain.Ingest.DeadLetters;

namespace CityBrain.Ingest.Pipeline;

/// <summary>What became of one message, with the observation taken or the dead letter kept.</summary>
public readonly record struct MessageOutcome(MessageDisposition Disposition, Observation? Observation, DeadLetter? DeadLetter);
