using System.Net.Http.Headers;

namespace CityBrain.Bench;

/// <summary>POSTs NDJSON batches to the ingest endpoint; a rejected batch is reported and the replay continues.</summary>
public sealed class HttpPublisher : IEventPublisher
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue NdjsonType = new("application/x-ndjson");

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly int _batch;
    private readonly RejectionLog _rejections = new();

    public HttpPublisher(HttpClient client, Uri baseUri, int batch)
    {
        _client = client;
        _endpoint = ApiHttp.Combine(baseUri, "api/events");
        _batch = batch;
    }

    public string Target => _endpoint.ToString();

    public int MaxSlice => _batch;

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(IReadOnlyList<ReplayEvent> slice, ReplayLedger ledger, CancellationToken cancellationToken)
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

        _rejections.Report($"batch of {slice.Count} events: {(int)response.StatusCode} {response.ReasonPhrase}: {ApiHttp.Truncate(problem)}");
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
