using System.Globalization;

namespace CityBrain.Bench;

/// <summary>
/// check-sla: how late SLA clocks fired, from a CityBrain PostgreSQL database. Every <c>sla_warning</c> and
/// <c>sla_breached</c> audit entry is one fired threshold: its time is when it fired, its detail says when it was
/// due. Thresholds that are due and have not fired yet are counted too, since a scan that has fallen behind
/// would otherwise look punctual. Passes when nothing fired, or is still waiting, longer than the limit after
/// its due time.
/// </summary>
public static class SlaCheck
{
    public static readonly string[] ValueOptions = ["postgres", "max-late-seconds"];

    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var reader = new SlaAuditReader(options.Required("postgres"));
        var limit = TimeSpan.FromSeconds(options.Int("max-late-seconds", 60, 0, 86_400));

        var (firings, unreadable) = await reader.ReadFiringsAsync(cancellationToken).ConfigureAwait(false);
        var backlog = await reader.ReadBacklogAsync(limit, cancellationToken).ConfigureAwait(false);
        var report = SlaLatenessReport.From(firings, limit);
        Print(report, backlog, limit);
        CheckReport.PrintExamples("SLA audit entries without a readable due time", unreadable);

        var passed = report.LaterThanLimit == 0 && backlog.DueNotFiredPastLimit == 0 && unreadable.Count == 0;
        Console.WriteLine(Invariant(
            $"check-sla: {report.Fired} thresholds fired, p99 lateness {Seconds(report.LatenessMs?.P99)}, {report.LaterThanLimit} later than {limit.TotalSeconds:0} s, {backlog.DueNotFiredPastLimit} due longer ago than that and not fired: {(passed ? "passed" : "FAILED")}"));
        return passed ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void Print(SlaLatenessReport report, SlaBacklog backlog, TimeSpan limit)
    {
        Console.WriteLine(Invariant($"incidents open:               {backlog.Open} ({backlog.ThresholdAhead} with a threshold ahead, next due {Time(backlog.NextDue)}; {backlog.Overdue} overdue)"));
        Console.WriteLine(Invariant($"due and not fired:            {backlog.DueNotFired} (oldest due {Time(backlog.OldestDueNotFired)}; {backlog.DueNotFiredPastLimit} due over {limit.TotalSeconds:0} s ago), at {Time(backlog.DatabaseNow)}"));
        Console.WriteLine(Invariant($"thresholds fired:             {report.Fired} ({report.Warnings} {SlaFiring.WarningKind}, {report.Breaches} {SlaFiring.BreachedKind})"));
        Console.WriteLine($"  due:   {Span(report.FirstDue, report.LastDue, report.PeakDuePerMinute)}");
        Console.WriteLine($"  fired: {Span(report.FirstFired, report.LastFired, report.PeakFiredPerMinute)}");

        Console.WriteLine($"lateness (fired - due):       {Stats(report.LatenessMs)}");
        Console.WriteLine($"  {SlaFiring.WarningKind}:                {Stats(report.WarningLatenessMs)}");
        Console.WriteLine($"  {SlaFiring.BreachedKind}:               {Stats(report.BreachLatenessMs)}");
        Console.WriteLine(Invariant($"later than {limit.TotalSeconds:0} s:              {report.LaterThanLimit}"));
    }

    private static string Span(DateTimeOffset? first, DateTimeOffset? last, int peakPerMinute) => first is { } from && last is { } to
        ? Invariant($"from {Time(from)} to {Time(to)} ({(to - from).TotalSeconds:0} s), at most {peakPerMinute} within one minute")
        : "none";

    private static string Stats(LatencyStats? stats) => stats is null
        ? "none"
        : $"p50 {Seconds(stats.P50)}, p90 {Seconds(stats.P90)}, p99 {Seconds(stats.P99)}, max {Seconds(stats.Max)} (n = {stats.Count})";

    private static string Seconds(double? milliseconds) => milliseconds is { } ms ? Invariant($"{ms / 1000:0.000} s") : "n/a";

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) : "none";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
