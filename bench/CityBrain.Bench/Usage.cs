namespace CityBrain.Bench;

internal static class Usage
{
    public const string Text = """
        Usage: dotnet run --project bench/CityBrain.Bench -- <command> [options]

        Commands:
          convert-311 --input <csv> --output <ndjson>
              Convert a raw NYC 311 CSV export into CloudEvents NDJSON (one event per line).

          replay --file <ndjson> --via mqtt|http|kafka [--rate N] [--mqtt-host 127.0.0.1] [--mqtt-port 1883]
                 [--kafka 127.0.0.1:9092] [--kafka-topic city.events] [--http http://127.0.0.1:5080] [--sse http://127.0.0.1:5080/api/stream/incidents] [--no-sse]
                 [--timeout-seconds 60] [--batch 100] [--json <path>]
              Publish the events over MQTT, HTTP or Kafka and measure ingest-to-incident latency via SSE.
              Kafka messages are keyed by the event's subject (its reporting point).
              --rate is events per second (0 = as fast as possible); --batch is the maximum number of
              lines per HTTP POST; --timeout-seconds bounds the wait for SSE sightings after publishing.

          check-311 --input <csv> [--http http://127.0.0.1:5080]
              Verify that every CSV row is accounted for as evidence or dead letter, and that the
              assigned community district agrees with the file's Community Board.

        Exit codes: 0 success, 1 failure or check not passed, 2 bad arguments, 130 interrupted.
        """;

    public static void Write(TextWriter writer) => writer.WriteLine(Text);
}
