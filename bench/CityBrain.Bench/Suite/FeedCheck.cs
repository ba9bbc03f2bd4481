using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace CityBrain.Bench.Suite;

/// <summary>
/// The correctness check of a run, in the manner of check-synthetic: after the feed is taken, every detection and
/// report is evidence of exactly one incident (not merged), every happening is one incident and no incident holds
/// two, every event a built-in scenario should fire on is the evidence of that firing in exactly one incident (its
/// happening's, for a detection), a sample of the points counts exactly the events sent to it, and the dead
/// letters hold every event of an unknown type. A run whose check fails does not count.
/// </summary>
public sealed class FeedCheck(PlatformApi api, HttpClient http, Uri baseUri)
{
    private const int DetailConcurrency = 8;
    private const int ExamplesShown = 3;
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SettleQuiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Incident details show the first and the latest 99 pieces of evidence only.</summary>
    public const int EvidenceShown = 100;

    public async Task<CheckOutcome> RunAsync(FeedTruth truth, int pointSample, TimeSpan wait, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var expectedEvidence = truth.HappeningOf.Count + truth.Firings.Count;
        if (expectedEvidence > 0) await WaitUntilSettledAsync(expectedEvidence, wait, cancellationToken).ConfigureAwait(false);
        var incidents = await IncidentsAsync(cancellationToken).ConfigureAwait(false);

        // Event id to the incidents holding it, and the firings' evidence by trigger id.
        var holders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var firingHolders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        var truncated = new List<string>();
        foreach (var incident in incidents)
        {
            if (incident.EvidenceCount > incident.Evidence.Count) truncated.Add($"{incident.Id} ({incident.EvidenceCount} evidence, {incident.Evidence.Count} readable)");
            foreach (var (source, id) in incident.Evidence)
            {
                if (source == FeedEventId.Source)
                {
                    if (truth.HappeningOf.ContainsKey(id)) Add(holders, id, incident.Id);
                    else unexpected.Add($"{id} in {incident.Id}");
                }
                else if (source.StartsWith("scenario/", StringComparison.Ordinal) && id.StartsWith(FeedEventId.Source + "/", StringComparison.Ordinal))
                {
                    var trigger = id[(FeedEventId.Source.Length + 1)..];
                    if (truth.Firings.ContainsKey(trigger)) Add(firingHolders, trigger, incident.Id);
                }
            }
        }

        var missing = truth.HappeningOf.Keys.Where(id => !holders.ContainsKey(id)).ToList();
        var twice = holders.Where(h => h.Value.Count > 1).Select(h => $"{h.Key} in {string.Join(", ", h.Value)}").ToList();
        var incidentOf = new Dictionary<int, HashSet<string>>();
        foreach (var (id, held) in holders)
        {
            var happening = truth.HappeningOf[id];
            if (!incidentOf.TryGetValue(happening, out var set)) incidentOf[happening] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(held);
        }

        var split = incidentOf.Where(h => h.Value.Count > 1).Select(h => $"h{h.Key} in {string.Join(", ", h.Value)}").ToList();
        var mixed = incidentOf.SelectMany(h => h.Value.Select(i => (Incident: i, Happening: h.Key))).GroupBy(x => x.Incident)
            .Where(g => g.Count() > 1).Select(g => $"{g.Key} holds h{string.Join(", h", g.Select(x => x.Happening))}").ToList();
        var firingsMissing = truth.Firings.Keys.Where(t => !firingHolders.ContainsKey(t)).ToList();
        var firingsTwice = firingHolders.Where(f => f.Value.Count > 1).Select(f => $"{f.Key} in {string.Join(", ", f.Value)}").ToList();
        var firingsElsewhere = firingHolders
            .Where(f => f.Value.Count == 1 && truth.Firings[f.Key] is { } h && incidentOf.TryGetValue(h, out var own) && !own.Contains(f.Value[0]))
            .Select(f => $"{f.Key} in {f.Value[0]}, not with h{truth.Firings[f.Key]}").ToList();

        Report(failures, "events missing", missing);
        Report(failures, "events in two incidents", twice);
        Report(failures, "happenings split", split);
        Report(failures, "incidents holding two happenings", mixed);
        Report(failures, "firings missing", firingsMissing);
        Report(failures, "firings in two incidents", firingsTwice);
        Report(failures, "firings apart from their happening", firingsElsewhere);
        Report(failures, "evidence not in the feed", unexpected);
        if (missing.Count > 0) Report(failures, "incidents whose evidence is not all readable", truncated);

        var sample = Sample(truth.EventsPerPoint, pointSample);
        var wrongCounts = await PointCountsAsync(sample, cancellationToken).ConfigureAwait(false);
        Report(failures, "points with another count", wrongCounts);

        if (truth.Unknown > 0)
        {
            var letters = await api.TotalAsync("api/dead-letters", cancellationToken).ConfigureAwait(false);
            if (letters != truth.Unknown) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{letters} dead letters for {truth.Unknown} events of an unknown type"));
        }

        var happenings = truth.HappeningOf.Values.Distinct().Count();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{truth.HappeningOf.Count - missing.Count - twice.Count}/{truth.HappeningOf.Count} evidence once, {happenings - split.Count}/{happenings} happenings one incident, " +
            $"{truth.Firings.Count - firingsMissing.Count - firingsTwice.Count}/{truth.Firings.Count} firings, {sample.Count - wrongCounts.Count}/{sample.Count} points counted");
        if (truth.Unknown > 0) summary += string.Create(CultureInfo.InvariantCulture, $", {truth.Unknown} dead letters");
        return new CheckOutcome(failures.Count == 0, failures.Count == 0 ? summary : string.Join("; ", failures), incidents.Count);
    }

    /// <summary>
    /// The storms' check: each storm happening is one open incident whose evidence count is every detection sent to
    /// it (its detail shows only the first and the latest evidence, so the count is what can be checked), and there is
    /// no other incident.
    /// </summary>
    public async Task<CheckOutcome> StormsAsync(IReadOnlyDictionary<int, long> detectionsPerHappening, TimeSpan wait, CancellationToken cancellationToken)
    {
        var expected = detectionsPerHappening.Values.Sum();
        await WaitUntilSettledAsync(expected, wait, cancellationToken).ConfigureAwait(false);
        var incidents = await IncidentsAsync(cancellationToken).ConfigureAwait(false);
        var failures = new List<string>();
        var found = new Dictionary<int, long>();
        foreach (var incident in incidents)
        {
            var happenings = incident.Evidence
                .Select(e => e.Source == FeedEventId.Source && FeedEventId.TryParse(e.Id, out _, out _, out var h) ? h : null)
                .Where(h => h is not null).Select(h => h!.Value).Distinct().ToList();
            if (happenings.Count != 1)
            {
                failures.Add($"{incident.Id} holds {(happenings.Count == 0 ? "no storm" : "storms h" + string.Join(", h", happenings))}");
                continue;
            }

            if (!found.TryAdd(happenings[0], incident.EvidenceCount)) failures.Add($"storm h{happenings[0]} is more than one incident ({incident.Id} too)");
        }

        foreach (var (happening, count) in detectionsPerHappening)
        {
            if (!found.TryGetValue(happening, out var actual)) failures.Add($"storm h{happening} has no incident");
            else if (actual != count) failures.Add(string.Create(CultureInfo.InvariantCulture, $"storm h{happening} holds {actual} evidence of {count} detections"));
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{detectionsPerHappening.Count} storms, each one incident holding every detection ({string.Join(", ", detectionsPerHappening.Values.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))})");
        return new CheckOutcome(failures.Count == 0, failures.Count == 0 ? summary : string.Join("; ", failures.Take(ExamplesShown)), incidents.Count);
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string incident)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (!list.Contains(incident)) list.Add(incident);
    }

    private static void Report(List<string> failures, string what, List<string> examples)
    {
        if (examples.Count == 0) return;
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"{examples.Count} {what} (e.g. {string.Join("; ", examples.Take(ExamplesShown))})"));
    }

    /// <summary>Every n-th point by id, so the same points are read for the same feed.</summary>
    private static List<KeyValuePair<string, int>> Sample(Dictionary<string, int> perPoint, int size)
    {
        if (size <= 0 || perPoint.Count == 0) return [];
        var ordered = perPoint.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var step = Math.Max(1, ordered.Count / size);
        return ordered.Where((_, i) => i % step == 0).Take(size).ToList();
    }

    private async Task<List<string>> PointCountsAsync(List<KeyValuePair<string, int>> sample, CancellationToken cancellationToken)
    {
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = DetailConcurrency, CancellationToken = cancellationToken }, async (point, ct) =>
        {
            using var document = await ApiHttp.GetJsonOrNullAsync(http, ApiHttp.Combine(baseUri, "api/points/" + Uri.EscapeDataString(point.Key)), RequestTimeout, ct).ConfigureAwait(false);
            var accepted = document?.RootElement.Property("eventsAccepted") is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : -1;
            if (accepted != point.Value) wrong.Add(string.Create(CultureInfo.InvariantCulture, $"{point.Key}: {accepted} of {point.Value}"));
        }).ConfigureAwait(false);
        return [.. wrong.Order(StringComparer.Ordinal)];
    }

    /// <summary>Until the listed evidence reaches what is expected or stops changing (district lists are written behind, about once a second).</summary>
    private async Task WaitUntilSettledAsync(long expected, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        var last = -1L;
        var lastChange = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var total = await api.EvidenceTotalAsync(cancellationToken).ConfigureAwait(false);
            if (total >= expected) return;
            if (total != last)
            {
                last = total;
                lastChange = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastChange >= SettleQuiet)
            {
                return;
            }

            await Task.Delay(SettlePoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<IncidentEvidence>> IncidentsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var item in api.PageAsync("api/incidents", cancellationToken).ConfigureAwait(false))
        {
            if (item.StringProperty("status") != "merged" && item.StringProperty("id") is { } id) ids.Add(id);
        }

        var found = new ConcurrentBag<IncidentEvidence>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = DetailConcurrency, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            using var detail = await api.GetIncidentAsync(id, ct).ConfigureAwait(false);
            if (detail is null) return;
            var root = detail.RootElement;
            if (root.Property("incident") is { } summary && summary.StringProperty("status") == "merged") return;
            var count = root.Property("incident")?.Property("evidenceCount") is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : 0;
            var evidence = root.ArrayProperty("evidence")
                .Select(e => (Source: e.StringProperty("source") ?? "", Id: e.StringProperty("id") ?? ""))
                .ToList();
            found.Add(new IncidentEvidence(id, count, evidence));
        }).ConfigureAwait(false);
        return [.. found];
    }

    private sealed record IncidentEvidence(string Id, int EvidenceCount, List<(string Source, string Id)> Evidence);
}
