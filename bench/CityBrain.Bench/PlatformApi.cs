using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>Read-only access to the CityBrain query API through JsonDocument, independent of the server's contract types.</summary>
public sealed class PlatformApi
{
    private const int PageSize = 500;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _client;
    private readonly Uri _baseUri;

    public PlatformApi(HttpClient client, Uri baseUri)
    {
        _client = client;
        _baseUri = baseUri;
    }

    /// <summary>Yields every item of a paged list endpoint, as a detached clone of its JSON.</summary>
    public IAsyncEnumerable<JsonElement> PageAsync(string path, CancellationToken cancellationToken) =>
        PageAsync(path, PageSize, query: null, cancellationToken);

    /// <summary>
    /// Yields every item of a paged list endpoint whose pages hold at most <paramref name="pageSize"/> items
    /// (dead letters: 200), with <paramref name="query"/> (e.g. <c>includePayload=true</c>) added to each request.
    /// </summary>
    public async IAsyncEnumerable<JsonElement> PageAsync(
        string path, int pageSize, string? query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = 0L;
        for (var page = 1; ; page++)
        {
            var extra = query is null ? "" : "&" + query;
            var uri = ApiHttp.Combine(_baseUri, FormattableString.Invariant($"{path}?pageSize={pageSize}&page={page}{extra}"));
            using var document = await ApiHttp.GetJsonAsync(_client, uri, RequestTimeout, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.Property("items") is not { ValueKind: JsonValueKind.Array } items)
            {
                throw new BenchException($"GET {uri} returned no 'items' array");
            }

            var count = 0;
            foreach (var item in items.EnumerateArray())
            {
                count++;
                yield return item.Clone();
            }

            seen += count;
            var total = root.Property("totalItems") is { ValueKind: JsonValueKind.Number } totalElement
                ? totalElement.GetInt64()
                : (long?)null;
            if (count == 0 || (total is { } t && seen >= t) || (total is null && count < pageSize))
            {
                yield break;
            }
        }
    }

    /// <summary>The <c>totalItems</c> of a paged list endpoint, read from a one-item page.</summary>
    public async Task<long> TotalAsync(string path, CancellationToken cancellationToken)
    {
        var uri = ApiHttp.Combine(_baseUri, path + "?pageSize=1");
        using var document = await ApiHttp.GetJsonAsync(_client, uri, RequestTimeout, cancellationToken).ConfigureAwait(false);
        return document.RootElement.Property("totalItems") is { ValueKind: JsonValueKind.Number } total
            ? total.GetInt64()
            : throw new BenchException($"GET {uri} returned no 'totalItems' number");
    }

    /// <summary>
    /// Events that are evidence of an incident not merged, summed over every page of <c>api/incidents</c>: no
    /// cheaper endpoint gives the total. A merged incident's evidence counts at its survivor, so an event counts
    /// once wherever a merge moved it. Pages are read one after the other while incidents keep opening, so the
    /// sum of a moving count is an approximation: exact once the count stops moving.
    /// </summary>
    public async Task<long> EvidenceTotalAsync(CancellationToken cancellationToken)
    {
        var total = 0L;
        await foreach (var item in PageAsync("api/incidents", cancellationToken).ConfigureAwait(false))
        {
            if (item.StringProperty("status") != "merged" && item.Property("evidenceCount") is { ValueKind: JsonValueKind.Number } count) total += count.GetInt64();
        }

        return total;
    }

    /// <summary>Null when the incident vanished between listing and fetching (404).</summary>
    public Task<JsonDocument?> GetIncidentAsync(string id, CancellationToken cancellationToken) =>
        ApiHttp.GetJsonOrNullAsync(_client, ApiHttp.Combine(_baseUri, "api/incidents/" + Uri.EscapeDataString(id)), RequestTimeout, cancellationToken);
}
