namespace CityBrain.Bench;

/// <summary>What a publisher reports about each event it sends: when it goes out, and what the receiver answered.</summary>
public interface IPublishLedger
{
    /// <summary>Call immediately before the bytes go out, so queueing inside the bench is not counted as platform latency.</summary>
    void MarkSending(ReplayEvent replayEvent);

    /// <summary>The receiver took this many events (for HTTP: the grains took them; for a broker: the broker stored them).</summary>
    void MarkAccepted(int count);

    /// <summary>The receiver refused the event or did not take it.</summary>
    void MarkRejected(ReplayEvent replayEvent);
}
