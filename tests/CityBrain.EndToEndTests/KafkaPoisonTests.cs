using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CityBrain.EndToEndTests;

/// <summary>A poisoned Kafka record is dead-lettered and committed past; the record after it flows.</summary>
public sealed class KafkaPoisonTests
{
    [Fact]
    public async Task Poisoned_and_oversize_records_are_dead_letters_on_the_store_and_topic_with_size_and_hash_and_the_next_record_is_taken()
    {
        await using var kafka = await KafkaMockProcess.StartAsync("city.events:1", "citybrain.incidents:1", "citybrain.dead-letters:1");
        await using var host = await HostProcess.StartAsync("chengdu", null, "--Kafka:Enabled=true", $"--Kafka:BootstrapServers={kafka.BootstrapServers}",
            "--Kafka:MaxRecordBytes=4096", "--Ingest:DeadLetterPayloadPrefixBytes=1024");
        var run = Guid.NewGuid().ToString("N")[..12];
        var sensor = $"e2e-kafka-poison-{run}";
        var poison = IngestEvents.Latin1Report($"kp-{run}", sensor);
        var oversize = Encoding.UTF8.GetBytes(IngestEvents.Reading($"ko-{run}", sensor).Replace("\"unit\"", $"\"note\":\"{new string('x', 5000)}\",\"unit\""));
        var folder = Directory.CreateTempSubdirectory("citybrain-kafka-poison-");
        try
        {
            var poisonFile = Path.Combine(folder.FullName, "1-poison.json");
            var oversizeFile = Path.Combine(folder.FullName, "2-oversize.json");
            var validFile = Path.Combine(folder.FullName, "3-valid.json");
            await File.WriteAllBytesAsync(poisonFile, poison);
            await File.WriteAllBytesAsync(oversizeFile, oversize);
            await File.WriteAllTextAsync(validFile, IngestEvents.Reading($"kv-{run}", sensor));
            // One partition, in this order: the valid record comes after the poisoned and the oversize one.
            await kafka.KcatAsync("-P", "-t", "city.events", "-p", "0", poisonFile, oversizeFile, validFile);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        await Poll.UntilAsync("the record after the poisoned one taken", () => IngestEvents.EventsAccepted(host.Http, sensor), accepted => accepted is 1,
            TimeSpan.FromSeconds(60), () => host.Log);
        var letter = await Poll.UntilAsync("the poisoned record listed as a dead letter",
            () => IngestEvents.FindDeadLetter(host.Http, l => l.GetProperty("transport").GetString() == "kafka" && l.GetProperty("origin").GetString() == "city.events/0@0"),
            TimeSpan.FromSeconds(30), () => host.Log);
        var sha = Convert.ToHexStringLower(SHA256.HashData(poison));
        Assert.Equal(sha, letter.GetProperty("payloadSha256").GetString());

        var headers = await Poll.UntilAsync("the poisoned record on the dead-letter topic", async () =>
        {
            var h = await kafka.KcatAsync("-C", "-t", "citybrain.dead-letters", "-e", "-q", "-f", "%h\n");
            return h.Contains("citybrain-original-offset=0", StringComparison.Ordinal) ? h : null;
        }, TimeSpan.FromSeconds(30), () => host.Log);
        var line = headers;
        Assert.Contains($"citybrain-payload-sha256={sha}", line);
        Assert.Contains($"citybrain-payload-size={poison.Length}", line);

        var big = await Poll.UntilAsync("the oversize record listed as a dead letter",
            () => IngestEvents.FindDeadLetter(host.Http, l => l.GetProperty("origin").GetString() == "city.events/0@1"),
            TimeSpan.FromSeconds(30), () => host.Log);
        Assert.Equal(oversize.Length, big.GetProperty("payloadSize").GetInt64());
        Assert.True(big.GetProperty("payloadTruncated").GetBoolean());
        Assert.Contains("Kafka:MaxRecordBytes", big.GetProperty("reason").GetString());
        var kept = await host.Http.GetFromJsonAsync<JsonElement>($"/api/dead-letters/{big.GetProperty("id").GetString()}");
        Assert.Equal(Encoding.UTF8.GetString(oversize, 0, 1024), kept.GetProperty("payloadText").GetString());
        Assert.DoesNotContain("not reachable", host.Log);
    }
}
