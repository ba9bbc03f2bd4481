using CityBrain.Points;
using Orleans.Concurrency;

namespace CityBrain.Events;

/// <inheritdoc cref="IIngestGrain"/>
[StatelessWorker]
[GrainType("ingest")]
public sealed class IngestGrain : Grain, IIngestGrain
{
    private const int MaxFaultLength = 300;

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

    public async Task<IngestResults> SubmitEach(Observation[] observations)
    {
        var outcomes = new ObservationOutcome?[observations.Length];
        var faults = new string?[observations.Length];
        var transient = new bool[observations.Length];
        var byPoint = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < observations.Length; i++)
        {
            if (!byPoint.TryGetValue(observations[i].PointId, out var list)) byPoint[observations[i].PointId] = list = [];
            list.Add(i);
        }

        await Task.WhenAll(byPoint.Select(async p =>
        {
            try
            {
                var reported = await GrainFactory.GetGrain<IPointGrain>(p.Key).Report(p.Value.Select(i => observations[i]).ToArray());
                for (var j = 0; j < p.Value.Count; j++) outcomes[p.Value[j]] = reported[j];
            }
            catch (Exception e)
            {
                // One point's fault (a timeout, a poisoned cell) must not hide what the other points took.
                var fault = $"{e.GetType().Name}: {e.Message}";
                if (fault.Length > MaxFaultLength) fault = fault[..MaxFaultLength] + "…";
                var isTransient = TransientFaults.IsTransient(e);
                foreach (var i in p.Value)
                {
                    faults[i] = fault;
                    transient[i] = isTransient;
                }
            }
        }));
        return new IngestResults(outcomes, faults, transient);
    }
}
