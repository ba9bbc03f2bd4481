using CityBrain.Events;

namespace CityBrain.Ingest.Pipeline;

/// <summary>Where the gateway hands observations: the batching <see cref="ObservationPipeline"/> (tests substitute their own).</summary>
public interface IObservationSink
{
    /// <summary>Queue one observation for a batch; completes when its point grain has taken it, fails if the grains could not.</summary>
    Task SubmitAsync(Observation observation, CancellationToken cancellationToken);

    /// <summary>
    /// Hand one observation to the grains in a batch of its own. A retry goes this way, so an observation that
    /// makes the grains throw cannot fail the innocent observations that shared its batch a second time.
    /// </summary>
    Task SubmitAloneAsync(Observation observation, CancellationToken cancellationToken);
}
