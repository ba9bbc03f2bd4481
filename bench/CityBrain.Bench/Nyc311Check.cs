using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>
/// check-311: after a replay, every CSV row must be accounted for exactly once (as incident evidence when it has
/// coordinates, as a dead letter when not), the assigned community district must agree with the file's board,
/// and the department the pack's routing table gave each request's incident must agree with the file's agency.
/// Ingest may still be working through a replay when it starts: it first waits until the platform's counts stop
/// changing (or an overall deadline), and it names every criterion that failed with its measure and threshold.
/// </summary>
public static class Nyc311Check
{
    private const double RequiredAgreementPercent = 98.0;
    private const double RequiredRoutingPercent = 95.0;
    private const int DetailConcurrency = 8;
    private const int DisagreementGroupsShown = 20;
    private const string Command = "check-311";
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public static readonly string[] ValueOptions = ["input", "http", "wait-seconds", "settle-seconds"];

    private sealed record Evidence(string IncidentId, string? District, string? Department);

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var input = options.Required("input");
        var baseUri = options.HttpUri("http", "http://127.0.0.1:5080");
        var wait = TimeSpan.FromSeconds(options.Int("wait-seconds", 120, 0, 86_400));
        var settle = TimeSpan.FromSeconds(options.Int("settle-seconds", 5, 1, 3_600));
        var rows = Nyc311Csv.Read(input).ToList();

        using var client = ApiHttp.CreateClient();
        var api = new PlatformApi(client, baseUri);
        await WaitUntilSettledAsync(api, wait, settle, cancellationToken).ConfigureAwait(false);
        var evidence = await CollectEvidenceAsync(api, cancellationToken).ConfigureAwait(false);
        var deadLetters = await CollectDeadLettersAsync(api, cancellationToken).ConfigureAwait(false);

        var accounted = ReportAccounting(rows, evidence, deadLetters);
        var agreement = ReportAgreement(rows, evidence);
        var (routed, allRows) = ReportRouting(rows, evidence);

        Console.WriteLine($"check-311: {Percent(agreement)}% agreement, {accounted} of {rows.Count} rows accounted for, "
                          + $"{Percent(routed)}% routing agreement ({Percent(allRows)}% of all rows)");
        return CheckReport.Judge(Command, Criteria(accounted, rows.Count, agreement, allRows));
    }

    /// <summary>What check-311 requires, each with what was measured.</summary>
    /// <param name="agreement">Community district agreement over the compared rows, in percent; null when none compared.</param>
    /// <param name="routedOfAllRows">Routing agreement over all rows, in percent; null when there are no rows.</param>
    public static IReadOnlyList<CheckCriterion> Criteria(int accounted, int rows, double? agreement, double? routedOfAllRows) =>
    [
        CheckCriterion.All("rows accounted for (evidence once, or dead letter)", accounted, rows),
        CheckCriterion.AtLeastPercent("community district agreement", agreement, RequiredAgreementPercent),
        CheckCriterion.AtLeastPercent("routing agreement over all rows", routedOfAllRows, RequiredRoutingPercent),
    ];

    /// <summary>
    /// Wait until ingest has settled: the evidence held by incidents that are not merged plus the dead letters stop
    /// changing for <paramref name="settle"/>, or <paramref name="wait"/> passes. The count is not compared with the
    /// file's rows, since other feeds may add to it; judging before it settles would report rows still on their
    /// way as missing.
    /// </summary>
    private static async Task WaitUntilSettledAsync(PlatformApi api, TimeSpan wait, TimeSpan settle, CancellationToken cancellationToken)
    {
        var watch = new SettleWatch(DateTimeOffset.UtcNow, wait, settle, expected: null);
        while (true)
        {
            var taken = 0L;
            await foreach (var item in api.PageAsync("api/incidents", cancellationToken).ConfigureAwait(false))
            {
                if (item.StringProperty("status") != "merged" && item.Property("evidenceCount") is { ValueKind: JsonValueKind.Number } count) taken += count.GetInt64();
            }

            taken += await api.TotalAsync("api/dead-letters", cancellationToken).ConfigureAwait(false);
            var verdict = watch.Observe(taken, DateTimeOffset.UtcNow);
            if (watch.Changed) Console.Error.WriteLine($"{Command}: {taken} events taken as evidence or dead letters");
            switch (verdict)
            {
                case SettleVerdict.TimedOut:
                    Console.Error.WriteLine($"{Command}: still changing after {wait.TotalSeconds:0} s (--wait-seconds); judging what there is");
                    return;
                case SettleVerdict.Settled or SettleVerdict.Reached:
                    return;
            }

            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<string, List<Evidence>>> CollectEvidenceAsync(PlatformApi api, CancellationToken cancellationToken)
    {
        var incidentIds = new List<string>();
        var unique = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in api.PageAsync("api/incidents", cancellationToken).ConfigureAwait(false))
        {
            // A merged incident's evidence was handed to the incident it merged into; counting both would count it twice.
            if (item.StringProperty("status") == "merged") continue;
            // Paging a list that may still change can repeat an item across pages; count each incident once.
            if (item.StringProperty("id") is { } id && unique.Add(id))
            {
                incidentIds.Add(id);
            }
        }

        Console.Error.WriteLine($"check-311: fetching {incidentIds.Count} incidents");
        var collected = new ConcurrentBag<(string Key, Evidence Evidence)>();
        var vanished = 0;
        await Parallel.ForEachAsync(
            incidentIds,
            new ParallelOptions { MaxDegreeOfParallelism = DetailConcurrency, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                using var detail = await api.GetIncidentAsync(id, ct).ConfigureAwait(false);
                if (detail is null)
                {
                    Interlocked.Increment(ref vanished);
                    return;
                }

                var department = detail.RootElement.TryGetProperty("incident", out var incident) ? incident.StringProperty("department") : null;
                foreach (var item in detail.RootElement.ArrayProperty("evidence"))
                {
                    if (item.StringProperty("source") == Nyc311Converter.Source && item.StringProperty("id") is { } key)
                    {
                        collected.Add((key, new Evidence(id, DistrictOf(item), department)));
                    }
                }
            }).ConfigureAwait(false);

        if (vanished > 0)
        {
            Console.Error.WriteLine($"check-311: {vanished} incidents disappeared between listing and fetching (404)");
        }

        // Sorting by incident id keeps the "first" evidence of a duplicated key stable between runs.
        return collected
            .OrderBy(c => c.Evidence.IncidentId, StringComparer.Ordinal)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Evidence).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Regions are ordered root, borough, community district; the district is at index 2.</summary>
    private static string? DistrictOf(JsonElement evidence)
    {
        var regions = evidence.ArrayProperty("regions").ToList();
        return regions.Count > 2 && regions[2].ValueKind == JsonValueKind.String ? regions[2].GetString() : null;
    }

    private static async Task<HashSet<string>> CollectDeadLettersAsync(PlatformApi api, CancellationToken cancellationToken)
    {
        var eventIds = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in api.PageAsync("api/dead-letters", 200, null, cancellationToken).ConfigureAwait(false))
        {
            // A dead letter without a source is one the platform could not attribute; its event id still identifies the row.
            var source = item.StringProperty("source");
            if ((source is null || source == Nyc311Converter.Source) && item.StringProperty("eventId") is { } eventId)
            {
                eventIds.Add(eventId);
            }
        }

        return eventIds;
    }

    private static int ReportAccounting(
        List<Nyc311Record> rows, Dictionary<string, List<Evidence>> evidence, HashSet<string> deadLetters)
    {
        var withCoordinates = rows.Where(r => r.Coordinates is not null).ToList();
        var withoutCoordinates = rows.Where(r => r.Coordinates is null).ToList();

        var once = withCoordinates.Count(r => EvidenceCount(evidence, r) == 1);
        var missing = withCoordinates.Where(r => EvidenceCount(evidence, r) == 0).ToList();
        var duplicated = withCoordinates.Where(r => EvidenceCount(evidence, r) > 1).ToList();
        var deadLettered = withoutCoordinates.Count(r => deadLetters.Contains(r.UniqueKey));
        var notDeadLettered = withoutCoordinates.Where(r => !deadLetters.Contains(r.UniqueKey)).ToList();
        var unexpectedEvidence = withoutCoordinates.Count(r => evidence.ContainsKey(r.UniqueKey));

        Console.WriteLine($"rows:                          {rows.Count}");
        Console.WriteLine($"with coordinates:              {withCoordinates.Count}");
        Console.WriteLine($"  accounted as evidence once:  {once}");
        Console.WriteLine($"  missing:                     {missing.Count}");
        Console.WriteLine($"  duplicated:                  {duplicated.Count}");
        Console.WriteLine($"without coordinates:           {withoutCoordinates.Count}");
        Console.WriteLine($"  dead-lettered:               {deadLettered}");
        Console.WriteLine($"  missing:                     {notDeadLettered.Count}");
        if (unexpectedEvidence > 0)
        {
            Console.WriteLine($"  also found as evidence:      {unexpectedEvidence}");
        }

        CheckReport.PrintExamples("missing evidence", missing.Select(r => $"{r.UniqueKey} (line {r.Line})"));
        CheckReport.PrintExamples("duplicated evidence", duplicated.Select(r =>
            $"{r.UniqueKey} in incidents {string.Join(", ", evidence[r.UniqueKey].Select(e => e.IncidentId))}"));
        CheckReport.PrintExamples("missing dead letters", notDeadLettered.Select(r => $"{r.UniqueKey} (line {r.Line})"));

        return once + deadLettered;
    }

    private static int EvidenceCount(Dictionary<string, List<Evidence>> evidence, Nyc311Record row) =>
        evidence.TryGetValue(row.UniqueKey, out var list) ? list.Count : 0;

    private static double? ReportAgreement(List<Nyc311Record> rows, Dictionary<string, List<Evidence>> evidence)
    {
        var compared = 0;
        var matching = 0;
        var excluded = 0;
        var disagreements = new Dictionary<(string Board, string Assigned), int>();
        foreach (var row in rows.Where(r => r.Coordinates is not null))
        {
            if (!evidence.TryGetValue(row.UniqueKey, out var found))
            {
                continue;
            }

            if (CommunityBoard.ToDistrictCode(row.CommunityBoard) is not { } expected)
            {
                excluded++;
                continue;
            }

            compared++;
            var assigned = found[0].District ?? "(none)";
            if (assigned == expected)
            {
                matching++;
            }
            else
            {
                var group = ($"{row.CommunityBoard} ({expected})", assigned);
                disagreements[group] = disagreements.GetValueOrDefault(group) + 1;
            }
        }

        Console.WriteLine($"community district: {matching} of {compared} compared rows agree; {excluded} rows excluded (unspecified or unparseable board)");
        if (disagreements.Count > 0)
        {
            var shown = Math.Min(DisagreementGroupsShown, disagreements.Count);
            Console.WriteLine($"disagreements (file board -> assigned), {shown} largest of {disagreements.Count} groups:");
            foreach (var ((board, assigned), count) in disagreements
                         .OrderByDescending(d => d.Value)
                         .ThenBy(d => d.Key.Board, StringComparer.Ordinal)
                         .ThenBy(d => d.Key.Assigned, StringComparer.Ordinal)
                         .Take(DisagreementGroupsShown))
            {
                Console.WriteLine($"  {count,5}  {board} -> {assigned}");
            }
        }

        return compared == 0 ? null : 100.0 * matching / compared;
    }

    /// <summary>
    /// Routing agreement: the department of the incident holding each row against the row's own Agency, over the
    /// rows that became evidence and over all rows (a row that could not be located is routed nowhere and counts
    /// as a disagreement there). Disagreements are listed by complaint type.
    /// </summary>
    private static (double? Routed, double? AllRows) ReportRouting(List<Nyc311Record> rows, Dictionary<string, List<Evidence>> evidence)
    {
        var compared = 0;
        var matching = 0;
        var disagreements = new Dictionary<(string ComplaintType, string Agency, string Routed), int>();
        foreach (var row in rows)
        {
            if (!evidence.TryGetValue(row.UniqueKey, out var found)) continue;
            compared++;
            var routed = found[0].Department ?? "(none)";
            if (string.Equals(routed, row.Agency, StringComparison.Ordinal))
            {
                matching++;
                continue;
            }

            var group = (row.ComplaintType, row.Agency, routed);
            disagreements[group] = disagreements.GetValueOrDefault(group) + 1;
        }

        Console.WriteLine($"routing: {matching} of {compared} routed rows go to the file's agency; {rows.Count - compared} rows were not routed (not located)");
        if (disagreements.Count > 0)
        {
            Console.WriteLine($"routing disagreements (complaint type: file agency -> routed), {disagreements.Count} groups:");
            foreach (var ((type, agency, routed), count) in disagreements
                         .OrderByDescending(d => d.Value)
                         .ThenBy(d => d.Key.ComplaintType, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {count,5}  {type}: {agency} -> {routed}");
            }
        }

        return (compared == 0 ? null : 100.0 * matching / compared, rows.Count == 0 ? null : 100.0 * matching / rows.Count);
    }

    private static string Percent(double? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "n/a";
}
