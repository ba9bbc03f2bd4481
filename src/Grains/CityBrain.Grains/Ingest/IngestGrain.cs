using CityBrain.Events;
using CityBrain.Points;
using Orleans.Concurrency;

namespace CityBrain.Ingest;

/// <inheritdoc cref="IIngestGrain"/>
[StatelessWorker]
[GrainType("ingest")]
public sealed class IngestGrain : Grain, IIngestGrain
{
    public async Task<IngestReceipt> Submit(Observation[] observations)
    {
        if (observations.Length == 0) return IngestReceipt.None;
        var byPoint = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            if (!byPoint.TryGetValue(observation.PointId, out var list)) byPoint[observation.PointId] = list = [];
            list.Add(observation);
        }

        var results = await Task.WhenAll(byPoint.Select(p => GrainFactory.GetGrain<IPointGrain>(p.Key).Report(p.Value.ToArray())));
        var receipt = IngestReceipt.None;
        foreach (var outcomes in results)
        {
            foreach (var outcome in outcomes) receipt = receipt.Add(IngestReceipt.Of(outcome));
        }

        return receipt;
    }
}
