using System.Net;
using System.Text.Json;
using Xunit;

namespace CityBrain.Testing;

/// <summary>The refusals the API gives: the status a test expects, as <c>application/problem+json</c>, read as JSON.</summary>
public static class ProblemAnswer
{
    /// <summary>Asserts the status (showing the body when it differs) and the problem media type; returns the problem document.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }
}
