using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CityBrain.Bench;

/// <summary>
/// check-synthetic: after a feed made by <c>generate</c> went in, every distinct event must be evidence of
/// exactly one incident that is not merged, every happening must be one incident, no incident may hold two
/// happenings, and every malformed line must be a dead letter. Waits first until the platform stops changing.
/// </summary>
public static partial class SyntheticCheck
{
    public static readonly string[] ValueOptions = ["input", "http", "wait-seconds", "settle-seconds", "retry-seconds", "since"];

    private const int DetailConcurrency = 8;
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    [GeneratedRegex(@"^h(\d+)-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();

    private sealed record Expected(Dictionary<string, int> HappeningOf, HashSet<string> Malformed, int Resent);

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var expected = ReadFeed(options.Required("input"));
        var baseUri = options.HttpUri("http", "http://127.0.0.1:5080");
        var wait = TimeSpan.FromSeconds(options.Int("wait-seconds", 600, 0, 86_400));
        var settle = TimeSpan.FromSeconds(options.Int("settle-seconds", 30, 1, 3_600));
        var retry = TimeSpan.FromSeconds(options.Int("retry-seconds", 0, 0, 86_400));
        var since = Since(options.Optional("since"));
        using var client = ApiHttp.CreateClient();
        var api = new PlatformApi(client, baseUri);

        await WaitUntilSettledAsync(api, expected.HappeningOf.Count, wait, settle, cancellationToken).ConfigureAwait(false);
        var retryUntil = DateTimeOffset.UtcNow + retry;
        for (var attempt = 1; ; attempt++)
        {
            Dictionary<string, List<string>> holders;
            HashSet<string> deadLettered;
            try
            {
                holders = await CollectEvidenceAsync(api, cancellationToken).ConfigureAwait(false);
                deadLettered = await CollectDeadLetterPayloadsAsync(api, cancellationToken).ConfigureAwait(false);
            }
            catch (BenchException e) when (DateTimeOffset.UtcNow < retryUntil)
            {
                // A cluster still recovering may fail a request (an incident whose grain is being taken over):
                // that attempt failed, not the check.
                Console.Error.WriteLine($"check-synthetic: attempt {attempt} could not read the platform ({e.Message}); checking again");
                await Task.Delay(RetryEvery, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var checkedAt = DateTimeOffset.UtcNow;
            var verdict = Judge(expected, holders, deadLettered);
            if (verdict.Passed || checkedAt >= retryUntil)
            {
                Print(verdict);
                if (attempt > 1 || since is not null) Console.WriteLine(When(verdict.Passed, attempt, checkedAt, since));
                return verdict.Passed ? ExitCodes.Success : ExitCodes.Failure;
            }

            // Merges of happenings a crash split (the duplicate sweep, a merge's reminder) come later than the evidence.
            Console.Error.WriteLine($"check-synthetic: attempt {attempt}: {verdict.Summary}; checking again");
            await Task.Delay(RetryEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset? Since(string? text)
    {
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since)
            ? since
            : throw new UsageException($"option '--since' must be an ISO 8601 time (got '{text}')");
    }

    private static string When(bool passed, int attempt, DateTimeOffset checkedAt, DateTimeOffset? since)
    {
        var after = since is { } s ? string.Create(CultureInfo.InvariantCulture, $", {(checkedAt - s).TotalSeconds:0.0} s after {s:HH:mm:ss.fff}Z") : "";
        return string.Create(CultureInfo.InvariantCulture, $"check-synthetic: {(passed ? "passed" : "still FAILED")} at attempt {attempt}, read by {checkedAt:HH:mm:ss.fff}Z{after}");
    }

    private static Expected ReadFeed(string path)
    {
        if (!File.Exists(path)) throw new BenchException($"feed file not found: {path}");
        var happeningOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var malformed = new HashSet<string>(StringComparer.Ordinal);
        var resent = 0;
        foreach (var line in Lines(File.ReadAllBytes(path)))
        {
            if (ValidEventId(line) is { } id)
            {
                var match = EventIdPattern().Match(id);
                if (!happeningOf.TryAdd(id, int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture))) resent++;
            }
            else
            {
                malformed.Add(Convert.ToBase64String(line));
            }
        }

        return new Expected(happeningOf, malformed, resent);
    }

    private static IEnumerable<byte[]> Lines(byte[] bytes)
    {
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            var end = newline < 0 ? bytes.Length : newline;
            if (end > start) yield return bytes[start..end];
            start = end + 1;
        }
    }

    /// <summary>The id of a well-formed synthetic event, or null for any other line.</summary>
    private static string? ValidEventId(byte[] line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.StringProperty("source") != SyntheticFeed.Source) return null;
            var id = root.StringProperty("id");
            return id is not null && EventIdPattern().IsMatch(id) && root.StringProperty("type") == "city.camera.detection" ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Evidence counts of incidents that are not merged, until they reach the feed's or stop moving.</summary>
    private static async Task WaitUntilSettledAsync(PlatformApi api, int expectedEvidence, TimeSpan wait, TimeSpan settle, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        var last = -1L;
        var lastChange = DateTime.UtcNow;
        while (true)
        {
            var total = await api.EvidenceTotalAsync(cancellationToken).ConfigureAwait(false);
            if (total != last)
            {
                Console.Error.WriteLine($"check-synthetic: {total} of {expectedEvidence} events are evidence");
                last = total;
                lastChange = DateTime.UtcNow;
            }

            if (total >= expectedEvidence || DateTime.UtcNow - lastChange >= settle || DateTime.UtcNow >= deadline) return;
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Event id to the incidents (not merged) that hold it as evidence.</summary>
    private static async Task<Dictionary<string, List<string>>> CollectEvidenceAsync(PlatformApi api, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in api.PageAsync("api/incidents", cancellationToken).ConfigureAwait(false))
        {
            if (item.StringProperty("status") != "merged" && item.StringProperty("id") is { } id) ids.Add(id);
        }

        Console.Error.WriteLine($"check-synthetic: fetching {ids.Count} incidents");
        var found = new ConcurrentBag<(string EventId, string IncidentId)>();
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = DetailConcurrency, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                using var detail = await api.GetIncidentAsync(id, ct).ConfigureAwait(false);
                if (detail is null) return;
                foreach (var evidence in detail.RootElement.ArrayProperty("evidence"))
                {
                    if (evidence.StringProperty("source") == SyntheticFeed.Source && evidence.StringProperty("id") is { } eventId) found.Add((eventId, id));
                }
            }).ConfigureAwait(false);

        return found
            .GroupBy(f => f.EventId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.IncidentId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    private static async Task<HashSet<string>> CollectDeadLetterPayloadsAsync(PlatformApi api, CancellationToken cancellationToken)
    {
        var payloads = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in api.PageAsync("api/dead-letters", 200, "includePayload=true", cancellationToken).ConfigureAwait(false))
        {
            if (item.StringProperty("payloadBase64") is { } base64) payloads.Add(base64);
            else if (item.StringProperty("payloadText") is { } text) payloads.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
        }

        return payloads;
    }

    /// <summary>What a check found: the counts and the examples of each failure.</summary>
    private sealed record Verdict(
        int Events, int Resent, int Happenings, int Once, List<string> Missing, List<string> Duplicated, List<string> Unexpected,
        List<string> Split, List<string> Mixed, int Malformed, int Lettered)
    {
        public bool Passed => Once == Events && Duplicated.Count == 0 && Split.Count == 0 && Mixed.Count == 0 && Lettered == Malformed;

        public string Summary => $"{Once} of {Events} events accounted for once, {Happenings - Split.Count} of {Happenings} happenings one incident each, {Lettered} of {Malformed} malformed lines dead-lettered";
    }

    private static Verdict Judge(Expected expected, Dictionary<string, List<string>> holders, HashSet<string> deadLettered)
    {
        var once = expected.HappeningOf.Keys.Count(id => holders.TryGetValue(id, out var h) && h.Count == 1);
        var missing = expected.HappeningOf.Keys.Where(id => !holders.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var duplicated = holders.Where(h => h.Value.Count > 1).Select(h => $"{h.Key} in {string.Join(", ", h.Value)}").Order(StringComparer.Ordinal).ToList();
        var unexpected = holders.Keys.Where(id => !expected.HappeningOf.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();

        var held = holders.Where(h => expected.HappeningOf.ContainsKey(h.Key)).SelectMany(h => h.Value.Select(incident => (Happening: expected.HappeningOf[h.Key], Incident: incident))).Distinct().ToList();
        var split = held.GroupBy(x => x.Happening).Where(g => g.Count() > 1).Select(g => $"h{g.Key} in {string.Join(", ", g.Select(x => x.Incident))}").ToList();
        var mixed = held.GroupBy(x => x.Incident).Where(g => g.Count() > 1).Select(g => $"{g.Key} holds h{string.Join(", h", g.Select(x => x.Happening))}").ToList();
        var happenings = expected.HappeningOf.Values.Distinct().Count();
        var lettered = expected.Malformed.Count(deadLettered.Contains);
        return new Verdict(expected.HappeningOf.Count, expected.Resent, happenings, once, missing, duplicated, unexpected, split, mixed, expected.Malformed.Count, lettered);
    }

    private static void Print(Verdict v)
    {
        Console.WriteLine($"events:                        {v.Events} (in {v.Happenings} happenings; {v.Resent} lines sent twice)");
        Console.WriteLine($"  evidence of one incident:    {v.Once}");
        Console.WriteLine($"  missing:                     {v.Missing.Count}");
        Console.WriteLine($"  in two or more incidents:    {v.Duplicated.Count}");
        Console.WriteLine($"happenings split over incidents: {v.Split.Count}");
        Console.WriteLine($"incidents holding two happenings: {v.Mixed.Count}");
        Console.WriteLine($"malformed lines:               {v.Malformed}");
        Console.WriteLine($"  dead-lettered:               {v.Lettered}");
        if (v.Unexpected.Count > 0) Console.WriteLine($"evidence not in the feed:      {v.Unexpected.Count}");
        CheckReport.PrintExamples("missing", v.Missing);
        CheckReport.PrintExamples("in two or more incidents", v.Duplicated);
        CheckReport.PrintExamples("split happenings", v.Split);
        CheckReport.PrintExamples("incidents holding two happenings", v.Mixed);
        Console.WriteLine($"check-synthetic: {v.Summary}: {(v.Passed ? "passed" : "FAILED")}");
    }
}
