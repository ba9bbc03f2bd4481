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

          check-311 --input <csv> [--http http://127.0.0.1:5080] [--wait-seconds 120] [--settle-seconds 5]
              Wait until the evidence and dead-letter counts stop changing for --settle-seconds (at most
              --wait-seconds), then verify that every CSV row is accounted for as evidence or dead letter, that
              the assigned community district agrees with the file's Community Board (at least 98 %) and the
              routed department with its agency (at least 95 % of all rows). Each failed criterion is named
              with its measured value and threshold.

          generate --pack <folder> --output <ndjson> [--events 100000] [--sightings 6] [--malformed 0] [--resend-percent 1]
                   [--seed 1] [--start 2026-01-05T00:00:00Z]
              Write a synthetic camera feed for any city pack, with its ground truth in the event ids: each
              real-world happening is seen 1 to --sightings (at most 6) times by one point; happenings never
              correlate with each other, so --sightings 1 makes every event open its own incident.
              --resend-percent of the events are sent again a few lines later; --malformed lines of six kinds
              (truncated JSON, no id, latitude out of range, bad time, unknown type, not UTF-8) are mixed in.

          check-synthetic --input <ndjson> [--http http://127.0.0.1:5080] [--wait-seconds 600] [--settle-seconds 30]
                          [--retry-seconds 0] [--since <ISO 8601 time>]
              After a generated feed went in: wait until the evidence count reaches the feed's events or stops
              changing for --settle-seconds, then verify that every event is evidence of exactly one incident,
              every happening is one incident, and every malformed line is a dead letter. --retry-seconds: while
              the check fails, check again every 5 s for that long (merges of split incidents come later than
              the evidence); --since: say how long after that time the check was read.

          watch-evidence --expected N [--http http://127.0.0.1:5080] [--every-ms 250] [--wait-seconds 600]
                         [--timeline <csv>] [--marks <file>]
              Read the evidence total (events that are evidence of an incident not merged, summed over the pages
              of /api/incidents) every --every-ms until it reaches N or --wait-seconds pass; --timeline keeps each
              reading (UTC time, evidence, ms the reading took). --marks is a file of '<name> <ISO 8601 time>'
              lines written meanwhile (e.g. kill, restart): the report gives the events/s between consecutive
              marks, the longest stall after the first mark, and how long after each mark all N events were
              evidence. Exit 0 when N was reached.

          sla-pack --from <pack folder> --output <new folder> [--accept-minutes 30] [--warning-fraction 0.5]
              Copy a city pack with an SLA file that runs the accept clock only, the same for every category and
              severity: each incident left detected warns at accept-minutes x warning-fraction and breaches at
              accept-minutes after it opened, and no other threshold ever falls due. The output must not exist
              or be empty.

          check-sla --postgres <Npgsql connection string> [--max-late-seconds 60]
              Read the sla_warning and sla_breached audit entries of a CityBrain database and report how late
              they fired after their due time (p50/p90/p99/max), the busiest minute of due and of fired times,
              and the thresholds due and not fired yet. Passes when none fired, or is still waiting, past the limit.

          backtest --pack <folder> --scenario <definition.json>[,<more.json>] --events <ndjson> [--json <path>] [--handlers <a.dll>[,<b.dll>]]
              Run scenario definitions over a recorded event file with a virtual clock (each event's own time),
              offline: the incidents each would have opened, where and when, with no side effects. Lines that
              are not valid events are counted and the first ones named. --handlers loads C# scenario handlers.

          scenario-set --pack <folder> --count N --output <new folder> [--topics a,b,c]
              Write N benchmark scenarios (count 3 detections within 200 m in 10 min) so that every
              observation of the topics (default: generate's categories) is a candidate of exactly one: up to
              the number of topics, each counts a share of them; above, each topic has N / topics scenarios,
              each scoped to a share of the pack's first-level regions. Start a host with
              --Scenarios:BuiltInFolder=<folder> --Scenarios:EnableBuiltIns=true to run them.

          cpu --pid <process id> [--seconds 60] [--every N]
              Linux only: the CPU time (all threads, user + kernel) a running process uses over --seconds, from
              /proc/<pid>/stat, as CPU seconds, CPU seconds per minute and % of one core, beside how busy the
              whole machine was. --every prints a line per interval of that many seconds as well.

          suite [--quick] [--json <file>] [--only <run>[,<run>…]] [--work <folder>] [--postgres <Npgsql connection string>]
                [--host <CityBrain.Silo.dll>] [--events N] [--points N] [--seed 1]
              The benchmark of issue 17 in one command (build first: dotnet build CityBrain.sln -c Release). Writes a
              copy of packs/chengdu with 160,000 registered points and the city's feeds (ground truth in the event ids),
              then makes each run against a fresh host it starts and stops (free ports, in memory, demo feed off, log
              level Warning, the built-in scenarios but the silence one), checks each against the truth, and prints one
              table: events/s, host CPU µs per event, ratio to the floor of the same transport, p50/p99 publish to
              live-stream change, peak RSS. The runs, in order: floor (unknown types, refused, over http, mqtt and
              kafka), readings, opens, attach (storms of 100 cameras on incidents holding 1, 1,000 and 100,000 pieces of
              evidence), mixed-kafka, mixed-mqtt, mixed-http, mixed-postgres, latency (10,000 events/s over Kafka),
              start-160k, scenarios-1, scenarios-1000. --quick: fewer events, under 5 minutes; the full run takes 30 to 45.
              --json writes one object per row. --only makes only the runs named. --work keeps the pack, feeds and host
              logs there (default: a temporary folder, deleted). --postgres: the server for mixed-postgres (a database
              is made and dropped per run); without it a throwaway one is started from /usr/lib/postgresql/*/bin, or
              the run is skipped. --host: the host to run (default: the Release build of this checkout). --events,
              --points: every feed that long, the pack that big, for a short try. Exit 1 when any run failed.

        Exit codes: 0 success, 1 failure or check not passed, 2 bad arguments, 3 PostgreSQL unreachable or not
        queryable, 4 no such process or no /proc, 130 interrupted.
        """;

    public static void Write(TextWriter writer) => writer.WriteLine(Text);
}
