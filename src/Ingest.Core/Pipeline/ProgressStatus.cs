namespace CityBrain.Ingest.Pipeline;

/// <summary>A transport's state for readiness.</summary>
/// <param name="Stuck">Messages wait and none has finished for at least the stuck threshold.</param>
/// <param name="Oldest">The message waiting longest, if any.</param>
/// <param name="StalledFor">Since the later of the last finished message and the oldest one's arrival.</param>
/// <param name="Waiting">Messages in flight now.</param>
/// <param name="NewlyStuck">First evaluation of this stall that found it stuck.</param>
public readonly record struct ProgressStatus(bool Stuck, WaitingMessage? Oldest, TimeSpan StalledFor, int Waiting, bool NewlyStuck);
