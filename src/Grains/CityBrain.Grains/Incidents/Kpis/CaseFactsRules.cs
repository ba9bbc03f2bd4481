using CityBrain.Incidents.Lifecycle;
using CityBrain.Incidents.Sla;

namespace CityBrain.Incidents.Kpis;

/// <summary>What an incident's state says for the KPIs. Pure.</summary>
public static class CaseFactsRules
{
    public const string ReopenedAuditKind = "reopened";

    public static CaseFacts Of(IncidentState state)
    {
        var summary = state.Summary!;
        var closed = summary.Stage is CaseStage.Closed or CaseStage.Evaluated && summary.Status != IncidentStatus.Merged;
        var reopened = 0;
        foreach (var entry in state.Audit)
        {
            if (entry.Kind == ReopenedAuditKind) reopened++;
        }

        return new CaseFacts(
            summary.Id, summary.Category, summary.Regions.Codes, summary.Department,
            state.Audit.Count > 0 ? state.Audit[0].At : summary.OpenedAt,
            closed ? summary.ClosedAt : null,
            summary.Stage == CaseStage.Rejected,
            summary.Status == IncidentStatus.Merged,
            reopened,
            state.Evaluation?.Score,
            Tallies(state.Clocks, suspended: state.SuspendedAt is not null),
            state.Version);
    }

    /// <summary>
    /// Counts the clocks kept on the case; a case stops keeping its oldest stopped clocks beyond
    /// <see cref="SlaClocks.MaxStoppedKept"/>, which only a case reopened many times reaches.
    /// </summary>
    private static SlaTally[] Tallies(List<SlaClock> clocks, bool suspended)
    {
        var tallies = new SlaTally[(int)SlaStage.Close + 1];
        for (var stage = 0; stage < tallies.Length; stage++)
        {
            int met = 0, missed = 0;
            DateTimeOffset? running = null;
            foreach (var clock in clocks)
            {
                if ((int)clock.Stage != stage) continue;
                switch (clock.MetDeadline)
                {
                    case true: met++; break;
                    case false: missed++; break;
                    case null when !suspended || clock.Level == SlaLevel.Red: running = clock.DeadlineAt; break;
                }
            }

            tallies[stage] = new SlaTally(met, missed, running);
        }

        return tallies;
    }
}
