using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>
/// Follows the incident SSE stream and reports the (source, id) of each message's cause.
/// Connects before publishing starts so no early incident is missed; reconnects if the stream drops.
/// </summary>
public sealed class SseListener : IAsyncDisposable
{
    private static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly HttpClient _client;
    private readonly Uri _uri;
    private readonly Action<EventKey, long> _onCause;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _messages;
    private long _malformed;
    private long _gaps;
    private long _missed;

    public SseListener(HttpClient client, Uri uri, Action<EventKey, long> onCause)
    {
        _client = client;
        _uri = uri;
        _onCause = onCause;
    }

    public long Messages => Interlocked.Read(ref _messages);

    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Completes at the stream's <c>ready</c> event: the server has subscribed this client, so no later change is missed.</summary>
    public Task Ready => _ready.Task;

    /// <summary><c>gap</c> events: the server told this client it could not deliver some changes.</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Changes the <c>gap</c> events said are not coming.</summary>
    public long Missed => Interlocked.Read(ref _missed);

    /// <summary>Returns once the server has answered with an event stream; fails if it cannot be reached.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stream = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(stream, _stop.Token), CancellationToken.None);
    }

    private async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.CacheControl = new() { NoCache = true };
        var response = await ApiHttp.SendAsync(_client, request, HttpCompletionOption.ResponseHeadersRead, HeadersTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new BenchException($"GET {_uri} returned {(int)response.StatusCode} {response.ReasonPhrase}: {ApiHttp.Truncate(body)}");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            response.Dispose();
            throw new BenchException($"GET {_uri} answered with content type '{mediaType}', expected text/event-stream");
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using (stream.ConfigureAwait(false))
                {
                    await ReadMessagesAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                Console.Error.WriteLine($"sse: stream {_uri} ended by the server; reconnecting (sightings in the gap are lost)");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                Console.Error.WriteLine($"sse: stream {_uri} broke ({ex.Message}); reconnecting (sightings in the gap are lost)");
            }

            stream = await ReconnectAsync(cancellationToken).ConfigureAwait(false) ?? Stream.Null;
        }
    }

    private async Task<Stream?> ReconnectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(ReconnectDelay, cancellationToken).ConfigureAwait(false);
                return await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (BenchException ex)
            {
                Console.Error.WriteLine($"sse: {ex.Message}");
            }
        }
    }

    private async Task ReadMessagesAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var eventType = string.Empty;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (eventType == "ready") _ready.TrySetResult();
                else if (eventType == "gap") Gap(data.ToString());
                else if (data.Length > 0 && eventType is "" or "incident") Dispatch(data.ToString());

                eventType = string.Empty;
                data.Clear();
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    eventType = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }
    }

    private void Dispatch(string json)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _messages);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.Property("cause") is { ValueKind: JsonValueKind.Object } cause
                && cause.StringProperty("source") is { } source
                && cause.StringProperty("id") is { } id)
            {
                _onCause(new EventKey(source, id), receivedAt);
            }
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _malformed);
        }
    }

    private void Gap(string json)
    {
        Interlocked.Increment(ref _gaps);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.Property("missed") is { ValueKind: JsonValueKind.Number } missed) Interlocked.Add(ref _missed, missed.GetInt64());
            Console.Error.WriteLine($"sse: the server missed changes for this client: {json}");
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _malformed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
