using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents.Kpis;

/// <summary>
/// Adds up case facts into <see cref="KpiFigures"/>. The definitions here are the reference: the PostgreSQL
/// query (<c>PostgreSqlKpiQueries</c>) computes the same figures in SQL, and the KPI tests hold both to the same values.
/// </summary>
public sealed class KpiTally(DateTimeOffset now)
{
    private readonly List<double> _secondsToClose = [];
    private readonly int[] _onTime = new int[SlaStages];
    private readonly int[] _late = new int[SlaStages];
    private int _incidents, _rejected, _closed, _reopened, _reopenedOpen, _evaluated, _satisfied;
    private long _scoreSum;

    public const int SlaStages = (int)SlaStage.Close + 1;

    public void Add(CaseFacts facts)
    {
        _incidents++;
        if (facts.Rejected) _rejected++;
        if (facts.ClosedAt is { } closedAt)
        {
            _closed++;
            _secondsToClose.Add((closedAt - facts.DetectedAt).TotalSeconds);
        }

        if (facts.Reopened > 0)
        {
            _reopened++;
            if (facts.ClosedAt is null) _reopenedOpen++;
        }

        if (facts.Score is { } score)
        {
            _evaluated++;
            _scoreSum += score;
            if (score >= Evaluation.SatisfiedFrom) _satisfied++;
        }

        for (var stage = 0; stage < SlaStages && stage < facts.Sla.Length; stage++)
        {
            var tally = facts.Sla[stage];
            _onTime[stage] += tally.Met;
            _late[stage] += tally.Missed + (tally.RunningDeadline < now ? 1 : 0);
        }
    }

    public KpiFigures ToFigures() =>
        Figures(_incidents, _rejected, _closed, _reopened, _reopenedOpen, _evaluated, _satisfied, _scoreSum,
            _secondsToClose.Count == 0 ? null : _secondsToClose.Average(), Percentile(_secondsToClose, 0.9), _onTime, _late);

    /// <summary>The figures from the counts and sums of a set of cases, however they were added up.</summary>
    /// <param name="reopenedOpen">Cases reopened and not closed again: closed once, but not counted in <paramref name="closed"/>.</param>
    /// <param name="onTime">Per SLA stage (by numeric value), clocks that met their deadline.</param>
    /// <param name="late">Per SLA stage, clocks that missed it or run past it.</param>
    public static KpiFigures Figures(
        int incidents, int rejected, int closed, int reopened, int reopenedOpen, int evaluated, int satisfied, long scoreSum,
        double? meanSecondsToClose, double? p90SecondsToClose, IReadOnlyList<int> onTime, IReadOnlyList<int> late)
    {
        StageOnTime Stage(SlaStage stage)
        {
            var i = (int)stage;
            return new StageOnTime(onTime[i], late[i], Ratio(onTime[i], onTime[i] + late[i]));
        }

        return new KpiFigures(
            incidents, rejected, closed, incidents - rejected - closed, reopened, evaluated, satisfied,
            Ratio(closed, incidents - rejected),
            Ratio(reopened, closed + reopenedOpen),
            Ratio(satisfied, evaluated),
            evaluated == 0 ? null : (double)scoreSum / evaluated,
            meanSecondsToClose,
            p90SecondsToClose,
            new OnTimeByStage(Stage(SlaStage.Accept), Stage(SlaStage.Dispatch), Stage(SlaStage.Handle), Stage(SlaStage.Close)));
    }

    /// <summary>Linear interpolation between the closest ranks, as PostgreSQL's <c>percentile_cont</c>.</summary>
    public static double? Percentile(List<double> values, double fraction)
    {
        if (values.Count == 0) return null;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var position = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = (int)Math.Ceiling(position);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    private static double? Ratio(int part, int whole) => whole <= 0 ? null : (double)part / whole;
}
