using CityBrain.Events;

namespace CityBrain.Ingest.Batches;

/// <summary>
/// Hands a posted batch to the grains a chunk at a time within one time budget, and never lets a grain fault
/// escape: a chunk that fails, or does not answer before the budget is spent, comes back untaken with the reason,
/// and the chunks after it are still tried while the budget lasts. What the grains said they took stays taken.
/// </summary>
public static class ChunkedSubmission
{
    /// <summary>Observations per grain call.</summary>
    public const int ChunkSize = 1000;

    private const int MaxFaultLength = 300;

    public const string ResendIsSafe = "resending is safe: events are idempotent by source+id";

    /// <summary>
    /// Submit <paramref name="observations"/> in chunks of <see cref="ChunkSize"/> through <paramref name="submit"/>.
    /// Returns one outcome or fault per observation, in order. Throws only when <paramref name="cancellationToken"/>
    /// is cancelled (the client went away).
    /// </summary>
    /// <param name="budget">Time for the whole batch, from the call; a chunk still unanswered when it is spent is untaken.</param>
    public static async Task<IngestResults> SubmitAsync(
        Observation[] observations, Func<Observation[], Task<IngestResults>> submit, TimeSpan budget, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcomes = new ObservationOutcome?[observations.Length];
        var faults = new string?[observations.Length];
        var transient = new bool[observations.Length];
        var started = clock.GetTimestamp();
        for (var start = 0; start < observations.Length; start += ChunkSize)
        {
            var length = Math.Min(ChunkSize, observations.Length - start);
            var remaining = budget - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                Fill(faults, start, length, $"not tried: the request's {budget.TotalSeconds:0.#} s were spent on the events before it; {ResendIsSafe}");
                transient.AsSpan(start, length).Fill(true);
                continue;
            }

            try
            {
                var results = await submit(observations.AsSpan(start, length).ToArray()).WaitAsync(remaining, clock, cancellationToken);
                results.Outcomes.AsSpan().CopyTo(outcomes.AsSpan(start, length));
                results.Transient.AsSpan().CopyTo(transient.AsSpan(start, length));
                for (var i = 0; i < length; i++)
                {
                    if (results.Outcomes[i] is null) faults[start + i] = $"the grains did not take it ({results.Faults[i] ?? "no reason given"}); {ResendIsSafe}";
                }
            }
            catch (TimeoutException)
            {
                Fill(faults, start, length, $"unknown: the grains did not answer in time; {ResendIsSafe}");
                transient.AsSpan(start, length).Fill(true);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var fault = $"{e.GetType().Name}: {e.Message}";
                if (fault.Length > MaxFaultLength) fault = fault[..MaxFaultLength] + "…";
                Fill(faults, start, length, $"the grains did not take it ({fault}); {ResendIsSafe}");
                transient.AsSpan(start, length).Fill(TransientFaults.IsTransient(e));
            }
        }

        return new IngestResults(outcomes, faults, transient);
    }

    private static void Fill(string?[] faults, int start, int length, string fault) => faults.AsSpan(start, length).Fill(fault);
}
