using CityBrain.Events;
using CityBrain.Ingest;
using CityBrain.Ingest.Pipeline;
using CityBrain.Geo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CityBrain.UnitTests;

/// <summary>
/// The batching pipeline answers each submitter by what the grains said of its own observation: a transient fault
/// (a silo being declared dead) is retried in place without disturbing the rest of the batch.
/// </summary>
public sealed class ObservationPipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static Observation Observation(string id, string point) => new(
        new EventKey("vca", id), point, ObservationKind.Detection, "smoke_fire", new GeoPoint(10.01, 50.01),
        new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), new RegionPath(["r1"]));

    /// <summary>Grains scripted per observation id: null takes it; otherwise the fault and whether it is transient.</summary>
    private sealed class ScriptedGrains(Func<string, int, (string Fault, bool Transient)?> script)
    {
        private readonly Dictionary<string, int> _tries = [];
        public int Calls;

        public Task<IngestResults> SubmitEach(Observation[] batch)
        {
            Interlocked.Increment(ref Calls);
            var outcomes = new ObservationOutcome?[batch.Length];
            var faults = new string?[batch.Length];
            var transient = new bool[batch.Length];
            lock (_tries)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    var id = batch[i].Key.Id;
                    _tries[id] = _tries.GetValueOrDefault(id) + 1;
                    if (script(id, _tries[id]) is { } fault) (faults[i], transient[i]) = fault;
                    else outcomes[i] = ObservationOutcome.OpenedIncident;
                }
            }

            return Task.FromResult(new IngestResults(outcomes, faults, transient));
        }

        public int Tries(string id)
        {
            lock (_tries) return _tries.GetValueOrDefault(id);
        }
    }

    private static Task Until(Func<bool> condition, TimeSpan deadline, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string awaited = "") =>
        Poll.UntilAsync(awaited, () => Task.FromResult(condition()), reached => reached, deadline, interval: TimeSpan.FromMilliseconds(10));

    private static async Task<ObservationPipeline> Started(Func<Observation[], Task<IngestResults>> submitEach, Func<Observation[], Task>? submit = null)
    {
        var pipeline = new ObservationPipeline(submitEach, submit ?? (_ => Task.CompletedTask),
            Options.Create(new IngestOptions { BatchSize = 16, Concurrency = 1 }), new IngestProgress(TimeProvider.System), TimeProvider.System,
            NullLogger<ObservationPipeline>.Instance);
        await pipeline.StartAsync(CancellationToken.None);
        return pipeline;
    }

    [Fact]
    public async Task An_observation_whose_silo_is_lost_is_retried_in_place_while_its_batch_mates_are_taken_at_once()
    {
        var silo = new TaskCompletionSource();
        var grains = new ScriptedGrains((id, _) => id == "lost" && !silo.Task.IsCompleted ? ("SiloUnavailableException: silo gone", true) : null);
        var pipeline = await Started(grains.SubmitEach);

        var lost = pipeline.SubmitAsync(Observation("lost", "p1"), CancellationToken.None);
        var others = Enumerable.Range(0, 10).Select(i => pipeline.SubmitAsync(Observation($"ok-{i}", $"p{i + 2}"), CancellationToken.None)).ToArray();

        await Task.WhenAll(others).WaitAsync(Deadline);
        await Until(() => grains.Tries("lost") >= 3, Deadline);
        Assert.False(lost.IsCompleted);

        silo.SetResult();
        await lost.WaitAsync(Deadline);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(1, grains.Tries($"ok-{i}")));
        await pipeline.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_retry_after_a_transient_fault_goes_as_a_redelivery_so_the_cell_checks_it_is_not_evidence_already()
    {
        var tries = new List<bool>();
        var pipeline = await Started(batch =>
        {
            lock (tries) tries.Add(batch[0].Redelivered);
            return Task.FromResult(tries.Count == 1
                ? new IngestResults([null], ["SiloUnavailableException: answer lost with the silo"], [true])
                : new IngestResults([ObservationOutcome.AttachedToIncident], [null], [false]));
        });

        await pipeline.SubmitAsync(Observation("a", "p1"), CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal([false, true], tries);
        await pipeline.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_fault_that_is_not_transient_fails_only_its_own_submitter()
    {
        var grains = new ScriptedGrains((id, _) => id == "bad" ? ("ArgumentOutOfRangeException: window", false) : null);
        var pipeline = await Started(grains.SubmitEach);

        var bad = pipeline.SubmitAsync(Observation("bad", "p1"), CancellationToken.None);
        var good = pipeline.SubmitAsync(Observation("good", "p2"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<ObservationNotTakenException>(() => bad.WaitAsync(Deadline));
        Assert.Equal("ArgumentOutOfRangeException: window", e.Message);
        await good.WaitAsync(Deadline);
        Assert.Equal(1, grains.Tries("bad"));
        await pipeline.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_whole_call_that_fails_transiently_is_retried_until_the_grains_answer()
    {
        var calls = 0;
        var pipeline = await Started(batch => ++calls <= 2
            ? Task.FromException<IngestResults>(new SiloUnavailableException("gateway gone"))
            : Task.FromResult(new IngestResults(batch.Select(_ => (ObservationOutcome?)ObservationOutcome.Recorded).ToArray(), new string?[batch.Length], new bool[batch.Length])));

        await pipeline.SubmitAsync(Observation("a", "p1"), CancellationToken.None).WaitAsync(Deadline);

        Assert.True(calls >= 3);
        await pipeline.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_submitter_that_gives_up_stops_its_retries()
    {
        var grains = new ScriptedGrains((_, _) => ("SiloUnavailableException: silo gone", true));
        var pipeline = await Started(grains.SubmitEach);
        using var giveUp = new CancellationTokenSource();

        var submitted = pipeline.SubmitAsync(Observation("a", "p1"), giveUp.Token);
        await Until(() => grains.Tries("a") >= 2, Deadline);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitted.WaitAsync(Deadline));
        var tries = grains.Tries("a");
        // At most one retry was already on its way back to the queue when the submitter gave up.
        await Task.Delay(ObservationPipeline.Backoff(10) * 2);
        Assert.InRange(grains.Tries("a"), tries, tries + 1);
        await pipeline.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Alone_a_transient_fault_is_retried_and_any_other_surfaces_as_the_grains_threw_it()
    {
        var calls = 0;
        var pipeline = await Started(_ => throw new InvalidOperationException("not used"), batch => ++calls switch
        {
            1 => Task.FromException(new TimeoutException("cell did not answer")),
            2 => Task.FromException(new ArgumentOutOfRangeException("window")),
            _ => Task.CompletedTask,
        });

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => pipeline.SubmitAloneAsync(Observation("a", "p1"), CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(2, calls);
        await pipeline.StopAsync(CancellationToken.None);
    }
}
