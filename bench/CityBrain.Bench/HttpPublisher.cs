using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>
/// POSTs NDJSON batches to the ingest endpoint; a rejected batch, or the events a 207 names as refused or not
/// taken, are reported and the replay continues. Each answer comes once the grains have taken the batch, so with one
/// batch in flight (the default) the sender waits for the platform between batches; more in flight keep it busy.
/// </summary>
public sealed class HttpPublisher : IEventPublisher
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue NdjsonType = new("application/x-ndjson");

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly int _batch;
    private readonly RejectionLog? _rejections;
    private readonly int _inFlight;
    private readonly SemaphoreSlim _window;
    private readonly List<Task> _sending = [];
    private Exception? _failure;

    /// <param name="inFlight">Batches posted at once, each waiting for its answer.</param>
    /// <param name="printRejections">Print the first refused events (off where refusal is what is measured).</param>
    public HttpPublisher(HttpClient client, Uri baseUri, int batch, int inFlight = 1, bool printRejections = true)
    {
        _rejections = printRejections ? new RejectionLog() : null;
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        _client = client;
        _endpoint = ApiHttp.Combine(baseUri, "api/events");
        _batch = batch;
        _inFlight = inFlight;
        _window = new SemaphoreSlim(inFlight, inFlight);
    }

    public string Target => _endpoint.ToString();

    public int MaxSlice => _batch;

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(IReadOnlyList<ReplayEvent> slice, IPublishLedger ledger, CancellationToken cancellationToken)
    {
        if (_inFlight == 1)
        {
            await PostAsync(slice, ledger, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _failure) is { } failure)
        {
            _window.Release();
            throw new BenchException(failure.Message, failure);
        }

        // The slice may be a buffer the caller reuses: this batch keeps its own copy.
        var batch = slice.ToArray();
        lock (_sending)
        {
            _sending.RemoveAll(t => t.IsCompleted);
            _sending.Add(PostInWindowAsync(batch, ledger, cancellationToken));
        }
    }

    private async Task PostInWindowAsync(IReadOnlyList<ReplayEvent> slice, IPublishLedger ledger, CancellationToken cancellationToken)
    {
        try
        {
            await PostAsync(slice, ledger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        finally
        {
            _window.Release();
        }
    }

    private async Task PostAsync(IReadOnlyList<ReplayEvent> slice, IPublishLedger ledger, CancellationToken cancellationToken)
    {
        var body = new byte[slice.Sum(e => e.Payload.Length) + slice.Count - 1];
        var offset = 0;
        foreach (var replayEvent in slice)
        {
            if (offset > 0)
            {
                body[offset++] = (byte)'\n';
            }

            replayEvent.Payload.CopyTo(body, offset);
            offset += replayEvent.Payload.Length;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = NdjsonType;
        foreach (var replayEvent in slice)
        {
            ledger.MarkSending(replayEvent);
        }

        using var response = await ApiHttp.SendAsync(_client, request, HttpCompletionOption.ResponseContentRead, RequestTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.MultiStatus)
        {
            // Answered per event: the refused and the not taken ones are named by index, the rest were taken.
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            var accepted = 0;
            foreach (var item in answer.GetProperty("items").EnumerateArray())
            {
                var status = item.GetProperty("status").GetString();
                if (status is "taken" or "duplicate")
                {
                    accepted++;
                    continue;
                }

                ledger.MarkRejected(slice[item.GetProperty("index").GetInt32()]);
                _rejections?.Report($"event [{item.GetProperty("index").GetInt32()}] of a batch of {slice.Count}: {status}: " +
                    (item.TryGetProperty("field", out var field) ? $"{field.GetString()}: " : "") + item.GetProperty("reason").GetString());
            }

            ledger.MarkAccepted(accepted);
            return;
        }

        if (response.IsSuccessStatusCode)
        {
            ledger.MarkAccepted(slice.Count);
            return;
        }

        var problem = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        foreach (var replayEvent in slice)
        {
            ledger.MarkRejected(replayEvent);
        }

        _rejections?.Report($"batch of {slice.Count} events: {(int)response.StatusCode} {response.ReasonPhrase}: {ApiHttp.Truncate(problem)}");
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Task[] sending;
        lock (_sending) sending = [.. _sending];
        await Task.WhenAll(sending).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _failure) is { } failure) throw new BenchException(failure.Message, failure);
    }

    // The window semaphore is deliberately not disposed: posts cancelled by Ctrl+C may still release it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
