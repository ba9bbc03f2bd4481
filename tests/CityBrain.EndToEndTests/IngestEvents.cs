using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>Events and look-ups shared by the poison, size-limit and dead-letter tests (Chengdu pack).</summary>
public static class IngestEvents
{
    /// <summary>A PM2.5 reading from a provisional sensor in 锦江区 (GCJ-02).</summary>
    public static string Reading(string id, string sensor) =>
        CloudEventBuilder.Reading("pm25", 10 + id.Length % 7).Unit("ug/m3").Id(id).Source("e2e").Subject(sensor).At(104.080989, 30.657689, "gcj02").ToJson();

    /// <summary>
    /// A citizen's report as the dirty 311 feed sent it: one Latin-1 <c>é</c> (byte 0xE9) inside a JSON string,
    /// which is not UTF-8.
    /// </summary>
    public static byte[] Latin1Report(string id, string sensor)
    {
        var json = Reading(id, sensor).Replace("\"unit\":\"ug/m3\"", "\"unit\":\"ug/m3\",\"description\":\"caf\u00e9 smoke\"").Replace("\"metric\":\"pm25\"", "\"metric\":\"pm25 caf\u00e9\"");
        var bytes = Encoding.Latin1.GetBytes(json);
        if (bytes.Count(b => b == 0xE9) != 2) throw new InvalidOperationException("the report must carry the Latin-1 byte");
        return bytes;
    }

    /// <summary>Events the point has taken, or null while it is unknown.</summary>
    public static async Task<long?> EventsAccepted(HttpClient http, string point)
    {
        using var response = await http.GetAsync($"/api/points/{point}");
        if (!response.IsSuccessStatusCode) return null;
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventsAccepted").GetInt64();
    }

    /// <summary>The first listed dead letter matching <paramref name="match"/>, newest first, searching the first 1000.</summary>
    public static async Task<JsonElement?> FindDeadLetter(HttpClient http, Func<JsonElement, bool> match)
    {
        for (var page = 1; page <= 5; page++)
        {
            var list = await http.GetFromJsonAsync<JsonElement>($"/api/dead-letters?pageSize=200&page={page}");
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                if (match(item)) return item.Clone();
            }

            if (list.GetProperty("items").GetArrayLength() < 200) break;
        }

        return null;
    }
}
