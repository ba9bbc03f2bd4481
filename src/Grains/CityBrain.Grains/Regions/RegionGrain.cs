using CityBrain.Incidents;
using CityBrain.Regions;
using Orleans.Runtime;

namespace CityBrain.Regions;

/// <summary>
/// <inheritdoc cref="IRegionGrain"/>
/// A district is a derived read side, used where there is no database (the embedded host): every incident change
/// lands here, and the city's root unit sees all of them. Its state is written only when the grain deactivates:
/// a write stores the whole list, so writing per change, or even once a second, costs O(open incidents) and holds
/// every incident of the city waiting on one grain's turn. In-memory storage does not outlive the process, so a
/// more frequent write would protect nothing a crash does not lose anyway; with PostgreSQL the read model, not
/// this grain, counts and lists (see <see cref="IRegionFeed"/>).
/// </summary>
// "district" is the grain type and state name this grain had as DistrictGrain: both key stored state, so they stay.
[GrainType("district")]
public sealed class RegionGrain(
    [PersistentState("district", StorageNames.State)] IPersistentState<RegionState> state) : Grain, IRegionGrain
{
    private bool _dirty;

    private RegionState S => state.State;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Not when the silo shuts down: then every activation deactivates at once, the in-memory storage's own
        // grains among them, so the write would go to storage that is already gone (a failure logged per
        // district) and could keep nothing anyway, since in-memory storage ends with the process. District state
        // exists only with in-memory storage: with PostgreSQL no district is ever told of an incident.
        if (_dirty && reason.ReasonCode != DeactivationReasonCode.ShuttingDown) await state.WriteStateAsync(cancellationToken);
    }

    public Task IncidentChanged(IncidentSummary incident)
    {
        // Calls may overtake each other (a delayed evidence refresh after a close): the newer row wins.
        var closedAt = S.RecentlyClosed.FindIndex(c => c.Id == incident.Id);
        if (closedAt >= 0 && S.RecentlyClosed[closedAt].Version >= incident.Version) return Task.CompletedTask;
        if (S.Open.TryGetValue(incident.Id, out var open) && open.Version > incident.Version) return Task.CompletedTask;
        if (closedAt >= 0) S.RecentlyClosed.RemoveAt(closedAt);
        if (incident.Status == IncidentStatus.Open)
        {
            // Also a reopened case, which leaves the closed list.
            S.Open[incident.Id] = incident;
        }
        else
        {
            S.Open.Remove(incident.Id);
            S.RecentlyClosed.Add(incident);
            if (S.RecentlyClosed.Count > IncidentQuery.RecentClosedKept) S.RecentlyClosed.RemoveAt(0);
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<RegionCounts> GetCounts()
    {
        var code = this.GetPrimaryKeyString();
        var byCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var byChild = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var incident in S.Open.Values)
        {
            byCategory[incident.Category] = byCategory.GetValueOrDefault(incident.Category) + 1;
            var codes = incident.Regions.Codes;
            var depth = Array.IndexOf(codes, code);
            if (depth >= 0 && depth + 1 < codes.Length) byChild[codes[depth + 1]] = byChild.GetValueOrDefault(codes[depth + 1]) + 1;
        }

        return Task.FromResult(new RegionCounts(code, S.Open.Count, byCategory, byChild));
    }

    public Task<IncidentPage> ListIncidents(IncidentQuery query)
    {
        IEnumerable<IncidentSummary> rows = query.Status switch
        {
            IncidentStatus.Open => S.Open.Values,
            null => S.Open.Values.Concat(S.RecentlyClosed),
            var status => S.RecentlyClosed.Where(c => c.Status == status),
        };
        if (query.Category is { } category) rows = rows.Where(r => r.Category == category);
        if (query.OverdueOnly) rows = rows.Where(r => r.Overdue && r.Status == IncidentStatus.Open);
        var all = rows.OrderByDescending(r => r.OpenedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var page = query.Offset >= all.Count ? [] : all.Skip((int)query.Offset).Take(query.PageSize).ToArray();
        return Task.FromResult(new IncidentPage(page, query.Page, query.PageSize, all.Count));
    }
}
