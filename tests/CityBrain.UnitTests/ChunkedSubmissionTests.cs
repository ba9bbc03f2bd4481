using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Ingest.Batches;

namespace CityBrain.UnitTests;

public sealed class ChunkedSubmissionTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(25);

    private static Observation[] Observations(int count) => Enumerable.Range(0, count)
        .Select(i => new Observation(new EventKey("test", $"e{i}"), $"p{i % 7}", ObservationKind.Detection, "crowd", new GeoPoint(104.07, 30.66), DateTimeOffset.UnixEpoch, new RegionPath(["510100"])))
        .ToArray();

    private static IngestResults AllTaken(Observation[] chunk) => new(chunk.Select(_ => (ObservationOutcome?)ObservationOutcome.OpenedIncident).ToArray(), new string?[chunk.Length], new bool[chunk.Length]);

    /// <summary>A clock that moves only when a test moves it.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public async Task A_batch_goes_to_the_grains_in_chunks_of_1000_in_order()
    {
        var chunks = new List<int>();
        var results = await ChunkedSubmission.SubmitAsync(Observations(2500), chunk =>
        {
            chunks.Add(chunk.Length);
            return Task.FromResult(AllTaken(chunk));
        }, Budget, TimeProvider.System, CancellationToken.None);

        Assert.Equal([1000, 1000, 500], chunks);
        Assert.All(results.Outcomes, o => Assert.Equal(ObservationOutcome.OpenedIncident, o));
        Assert.All(results.Faults, Assert.Null);
    }

    [Fact]
    public async Task A_failing_chunk_is_not_taken_with_the_fault_and_the_chunks_after_it_are_still_tried()
    {
        var call = 0;
        var results = await ChunkedSubmission.SubmitAsync(Observations(2500), chunk =>
            ++call == 2 ? Task.FromException<IngestResults>(new InvalidOperationException("silo gone")) : Task.FromResult(AllTaken(chunk)), Budget, TimeProvider.System, CancellationToken.None);

        Assert.Equal(3, call);
        Assert.All(results.Outcomes[..1000], o => Assert.NotNull(o));
        Assert.All(results.Outcomes[1000..2000], o => Assert.Null(o));
        Assert.All(results.Outcomes[2000..], o => Assert.NotNull(o));
        Assert.Equal("the grains did not take it (InvalidOperationException: silo gone); resending is safe: events are idempotent by source+id", results.Faults[1500]);
    }

    [Fact]
    public async Task A_point_the_grains_could_not_take_keeps_its_fault_and_the_rest_keep_their_outcomes()
    {
        var results = await ChunkedSubmission.SubmitAsync(Observations(3), chunk => Task.FromResult(new IngestResults(
            [ObservationOutcome.Duplicate, null, ObservationOutcome.Recorded], [null, "TimeoutException: cell did not answer", null], [false, true, false])), Budget, TimeProvider.System, CancellationToken.None);

        Assert.Equal([ObservationOutcome.Duplicate, null, ObservationOutcome.Recorded], results.Outcomes);
        Assert.Equal("the grains did not take it (TimeoutException: cell did not answer); resending is safe: events are idempotent by source+id", results.Faults[1]);
        Assert.Equal([false, true, false], results.Transient);
    }

    [Fact]
    public async Task Chunks_left_when_the_budget_is_spent_are_not_tried_and_say_so()
    {
        var clock = new SteppedClock();
        var calls = 0;
        var results = await ChunkedSubmission.SubmitAsync(Observations(2500), chunk =>
        {
            calls++;
            clock.Ticks += Budget.Ticks;
            return Task.FromResult(AllTaken(chunk));
        }, Budget, clock, CancellationToken.None);

        Assert.Equal(1, calls);
        Assert.All(results.Outcomes[..1000], o => Assert.NotNull(o));
        Assert.All(results.Outcomes[1000..], o => Assert.Null(o));
        Assert.Equal("not tried: the request's 25 s were spent on the events before it; resending is safe: events are idempotent by source+id", results.Faults[2499]);
    }

    [Fact]
    public async Task A_chunk_that_does_not_answer_within_the_budget_is_unknown_and_resendable()
    {
        var never = new TaskCompletionSource<IngestResults>();
        var results = await ChunkedSubmission.SubmitAsync(Observations(10), _ => never.Task, TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);

        Assert.All(results.Outcomes, o => Assert.Null(o));
        Assert.All(results.Faults, f => Assert.Equal("unknown: the grains did not answer in time; resending is safe: events are idempotent by source+id", f));
    }
}
