using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.IntegrationTests.Api;

/// <summary>Bounds of the list endpoints' query parameters, and the OpenAPI document, answered by the in-process host.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ListQueryTests(InProcessHost host)
{

    [Fact]
    public async Task Page_2147483647_is_refused_naming_page_on_every_list_and_the_last_allowed_page_is_empty()
    {
        foreach (var list in new[] { "/api/incidents", "/api/dead-letters" })
        {
            var problem = await ProblemAnswer.ReadAsync(await host.Http.GetAsync($"{list}?page=2147483647&pageSize=200"), HttpStatusCode.BadRequest);
            Assert.Equal("page: must be between 1 and 1000000", problem.GetProperty("title").GetString());
            var last = await host.Http.GetFromJsonAsync<JsonElement>($"{list}?page=1000000&pageSize=200");
            Assert.Equal(0, last.GetProperty("items").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_query_text_filter_longer_than_128_characters_is_refused_naming_it()
    {
        var long129 = new string('x', 129);
        foreach (var (path, field) in new[] { ($"/api/incidents?category={long129}", "category"), ($"/api/kpis?department={long129}", "department"), ($"/api/stream/incidents?region={long129}", "region") })
        {
            var problem = await ProblemAnswer.ReadAsync(await host.Http.GetAsync(path), HttpStatusCode.BadRequest);
            Assert.Equal($"{field}: 129 characters; at most 128", problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task OpenAPI_describes_the_batch_answer_and_the_413()
    {
        var doc = await host.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var responses = doc.GetProperty("paths").GetProperty("/api/events").GetProperty("post").GetProperty("responses");
        foreach (var code in new[] { "202", "207", "400", "413", "503" }) Assert.True(responses.TryGetProperty(code, out _), $"{code} missing");
    }
}
