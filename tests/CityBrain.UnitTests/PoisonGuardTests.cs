using System.Security.Cryptography;
using System.Text;
using CityBrain.Events;
using CityBrain.Ingest;
using CityBrain.Ingest.DeadLetters;
using CityBrain.Ingest.Events;
using CityBrain.Ingest.Pipeline;
using CityBrain.Packs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;

namespace CityBrain.UnitTests;

public sealed class PoisonGuardTests
{
    private static readonly CityPack Twin = CityPackLoader.Load(TestPacks.Twin());

    private static string Detection(string id) => CloudEventBuilder.Detection("smoke_fire").Id(id).Source("vca").Subject("cam-a")
        .Time(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)).At(10.01, 50.01).ToJson();

    /// <summary>A sink that runs a script per call: batched or alone, and the attempt number (1-based).</summary>
    private sealed class ScriptedSink(Func<bool, int, Exception?> fault) : IObservationSink
    {
        private int _calls;
        public List<(Observation Observation, bool Alone)> Taken { get; } = [];
        public int Calls => _calls;

        public Task SubmitAsync(Observation observation, CancellationToken cancellationToken) => Run(observation, alone: false);

        public Task SubmitAloneAsync(Observation observation, CancellationToken cancellationToken) => Run(observation, alone: true);

        private Task Run(Observation observation, bool alone)
        {
            var call = Interlocked.Increment(ref _calls);
            if (fault(alone, call) is { } e) return Task.FromException(e);
            lock (Taken) Taken.Add((observation, alone));
            return Task.CompletedTask;
        }
    }

    private static (PoisonGuard Guard, InMemoryDeadLetterStore Store) Guard(IObservationSink sink, int attempts = 3)
    {
        var options = Options.Create(new IngestOptions { PoisonAttempts = attempts });
        var store = new InMemoryDeadLetterStore(options, NullLogger<InMemoryDeadLetterStore>.Instance);
        var gateway = new MessageGateway(new EventNormalizer(Twin, TimeProvider.System, options), sink, store, options, TimeProvider.System);
        return (new PoisonGuard(gateway, options, TimeProvider.System, NullLogger<PoisonGuard>.Instance), store);
    }

    private static async Task<IReadOnlyList<DeadLetter>> Letters(InMemoryDeadLetterStore store) => (await store.ListAsync(1, 100, withPayloads: true)).Items;

    [Fact]
    public async Task Message_that_always_makes_the_grains_throw_is_dead_lettered_after_the_configured_attempts_with_the_exception_as_reason()
    {
        var sink = new ScriptedSink((_, _) => new ArgumentOutOfRangeException("window", "OpenedAt - Window underflows"));
        var (guard, store) = Guard(sink, attempts: 3);
        var payload = Encoding.UTF8.GetBytes(Detection("p1"));

        var outcome = await guard.AcceptAsync("mqtt", "city/vca/events", payload, redelivered: false, CancellationToken.None);

        Assert.Equal(MessageDisposition.DeadLettered, outcome.Disposition);
        Assert.Equal(3, sink.Calls);
        var letter = Assert.Single(await Letters(store));
        Assert.Equal("$", letter.Field);
        Assert.Equal("mqtt", letter.Transport);
        Assert.Equal("city/vca/events", letter.Origin);
        Assert.StartsWith("System.ArgumentOutOfRangeException: OpenedAt - Window underflows", letter.Reason);
        Assert.Equal(payload, letter.Payload);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), letter.PayloadSha256);
    }

    [Fact]
    public async Task Message_whose_batch_failed_once_is_retried_alone_and_taken()
    {
        // The first try shares a batch with a poison message and fails with it; the retry goes alone.
        var sink = new ScriptedSink((alone, _) => alone ? null : new InvalidOperationException("a batch-mate broke the batch"));
        var (guard, store) = Guard(sink);

        var outcome = await guard.AcceptAsync("kafka", "city.events/0@7", Encoding.UTF8.GetBytes(Detection("p2")), redelivered: false, CancellationToken.None);

        Assert.Equal(MessageDisposition.Taken, outcome.Disposition);
        Assert.Equal([true], sink.Taken.Select(t => t.Alone));
        Assert.Empty(await Letters(store));
    }

    [Fact]
    public async Task Transient_fault_of_the_cluster_is_retried_in_place_without_counting_as_an_attempt_and_never_dead_lettered()
    {
        // More transient faults than PoisonAttempts, then the silo is back.
        var sink = new ScriptedSink((_, call) => call <= 5 ? new SiloUnavailableException("silo gone") : null);
        var (guard, store) = Guard(sink, attempts: 2);

        var outcome = await guard.AcceptAsync("mqtt", "city/vca/events", Encoding.UTF8.GetBytes(Detection("p3")), redelivered: false, CancellationToken.None);

        Assert.Equal(MessageDisposition.Taken, outcome.Disposition);
        Assert.Equal(6, sink.Calls);
        // Still in batches: a transient fault says nothing about the message, so it does not go alone.
        Assert.Equal([false], sink.Taken.Select(t => t.Alone));
        Assert.Empty(await Letters(store));
    }

    [Fact]
    public async Task Transient_faults_end_only_when_the_transport_stops_and_then_nothing_is_dead_lettered()
    {
        var sink = new ScriptedSink((_, _) => new SiloUnavailableException("silo gone"));
        var (guard, store) = Guard(sink);
        using var stopping = new CancellationTokenSource();

        var accepting = guard.AcceptAsync("kafka", "city.events/0@9", Encoding.UTF8.GetBytes(Detection("p5")), redelivered: false, stopping.Token);
        await Poll.UntilAsync("the guard has retried the transient fault twice", () => Task.FromResult(sink.Calls), calls => calls >= 3, TimeSpan.FromSeconds(30),
            interval: TimeSpan.FromMilliseconds(10));
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
        Assert.Empty(await Letters(store));
    }

    [Fact]
    public async Task Latin1_byte_in_a_string_value_never_escapes_the_guard_and_is_a_dead_letter()
    {
        var sink = new ScriptedSink((_, _) => null);
        var (guard, store) = Guard(sink);
        var json = Encoding.UTF8.GetBytes(Detection("p4").Replace("\"smoke_fire\"", "\"caf\u00e9\""));
        // Re-encode the é as one Latin-1 byte, as the 311 description arrived: invalid UTF-8.
        var latin1 = Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(json));

        var outcome = await guard.AcceptAsync("mqtt", "city/vca/events", latin1, redelivered: false, CancellationToken.None);

        Assert.Equal(MessageDisposition.DeadLettered, outcome.Disposition);
        Assert.Empty(sink.Taken);
        var letter = Assert.Single(await Letters(store));
        Assert.Equal(latin1, letter.Payload);
    }

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(OperationCanceledException))]
    [InlineData(typeof(SiloUnavailableException))]
    [InlineData(typeof(GatewayTooBusyException))]
    public void Cluster_faults_and_cancellation_are_transient(Type type)
    {
        var e = (Exception)Activator.CreateInstance(type, "fault")!;
        Assert.True(PoisonGuard.IsTransient(e));
        Assert.True(PoisonGuard.IsTransient(new InvalidOperationException("wrapped", e)));
        Assert.True(PoisonGuard.IsTransient(new AggregateException(new FormatException("other"), e)));
    }

    [Fact]
    public void PostgreSQL_connection_failure_is_transient_and_a_bad_value_is_not()
    {
        Assert.True(PoisonGuard.IsTransient(new NpgsqlException("connection lost", new System.IO.IOException("reset"))));
        Assert.False(PoisonGuard.IsTransient(new NpgsqlException("bad value")));
        Assert.False(PoisonGuard.IsTransient(new ArgumentOutOfRangeException("window")));
        Assert.False(PoisonGuard.IsTransient(new DecoderFallbackException("invalid UTF-8")));
    }

    [Fact]
    public void PostgreSQL_refusing_a_connection_for_too_many_clients_is_transient()
    {
        // 53300 too_many_connections: what a node gets when the cluster's pools outgrow max_connections. Npgsql
        // calls it transient (PostgresException.IsTransient); this pins that the message is kept for a retry.
        var refused = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections);

        Assert.Equal("53300", refused.SqlState);
        Assert.True(PoisonGuard.IsTransient(refused));
        Assert.True(PoisonGuard.IsTransient(new InvalidOperationException("grain storage write failed", refused)));
        Assert.True(PoisonGuard.IsTransient(new AggregateException(new FormatException("other"), refused)));
        Assert.False(PoisonGuard.IsTransient(new PostgresException("value too long", "ERROR", "ERROR", PostgresErrorCodes.StringDataRightTruncation)));
    }

    [Fact]
    public void A_database_fault_whose_SQLSTATE_arrived_only_in_its_data_is_judged_by_that_state()
    {
        // What Orleans rebuilds from a PostgresException thrown on another silo: message and Data, no SqlState.
        static Exception Arrived(string sqlState) => new NpgsqlException($"{sqlState}: from another silo") { Data = { ["SqlState"] = sqlState } };

        Assert.True(PoisonGuard.IsTransient(Arrived(PostgresErrorCodes.TooManyConnections)));
        Assert.True(PoisonGuard.IsTransient(new InvalidOperationException("wrapped", Arrived(PostgresErrorCodes.CannotConnectNow))));
        Assert.True(PoisonGuard.IsTransient(Arrived(PostgresErrorCodes.ConnectionFailure)));
        Assert.True(PoisonGuard.IsTransient(Arrived(PostgresErrorCodes.SerializationFailure)));
        Assert.False(PoisonGuard.IsTransient(Arrived(PostgresErrorCodes.StringDataRightTruncation)));
        Assert.False(PoisonGuard.IsTransient(Arrived(PostgresErrorCodes.UniqueViolation)));
        Assert.False(PoisonGuard.IsTransient(new NpgsqlException("no state at all")));
    }

    [Fact]
    public void Backoff_doubles_from_100_ms_and_stops_at_2_s()
    {
        Assert.Equal([100, 200, 400, 800, 1600, 2000, 2000], Enumerable.Range(1, 7).Select(a => (int)PoisonGuard.Backoff(a).TotalMilliseconds));
    }
}
