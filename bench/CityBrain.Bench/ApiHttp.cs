using System.Net;
using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>HttpClient plumbing that turns transport failures into operator-readable errors naming the URL.</summary>
public static class ApiHttp
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Timeouts are applied per request by <see cref="SendAsync"/>, because the SSE stream must stay open indefinitely.</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, HttpCompletionOption completion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = $"{request.Method} {request.RequestUri}";
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await client.SendAsync(request, completion, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new BenchException($"cannot connect to {request.RequestUri}: {ex.Message} (is the CityBrain API running?)", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new BenchException($"{target} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchException($"{target} timed out after {timeout.TotalSeconds:0} s (is the CityBrain API running?)", ex);
        }
    }

    public static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri uri, TimeSpan timeout, CancellationToken cancellationToken) =>
        await GetJsonCoreAsync(client, uri, timeout, notFoundAsNull: false, cancellationToken).ConfigureAwait(false)
        ?? throw new BenchException($"GET {uri} returned 404 Not Found");

    /// <summary>Like <see cref="GetJsonAsync"/>, but a 404 yields null instead of an error.</summary>
    public static Task<JsonDocument?> GetJsonOrNullAsync(HttpClient client, Uri uri, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonCoreAsync(client, uri, timeout, notFoundAsNull: true, cancellationToken);

    private static async Task<JsonDocument?> GetJsonCoreAsync(
        HttpClient client, Uri uri, TimeSpan timeout, bool notFoundAsNull, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SendAsync(client, request, HttpCompletionOption.ResponseContentRead, timeout, cancellationToken).ConfigureAwait(false);
        if (notFoundAsNull && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"GET {uri} returned {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(body)}");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new BenchException($"GET {uri} did not return JSON: {Truncate(body)}", ex);
        }
    }

    /// <summary>Appends to the base path instead of replacing its last segment, as <c>new Uri(base, relative)</c> would.</summary>
    public static Uri Combine(Uri baseUri, string relative) => new($"{baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{relative}");

    public static string Truncate(string text, int max = 2000) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"... ({text.Length - max} more chars)");
}
