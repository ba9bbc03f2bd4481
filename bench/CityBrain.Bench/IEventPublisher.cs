namespace CityBrain.Bench;

public interface IEventPublisher : IAsyncDisposable
{
    /// <summary>Where events go, for messages and the summary.</summary>
    string Target { get; }

    /// <summary>Largest slice worth handing over at once (an HTTP batch, or the MQTT in-flight window).</summary>
    int MaxSlice { get; }

    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends a slice; may return while publishes are still in flight.</summary>
    Task PublishAsync(IReadOnlyList<ReplayEvent> slice, IPublishLedger ledger, CancellationToken cancellationToken);

    /// <summary>Waits until every publish handed over so far has completed.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
