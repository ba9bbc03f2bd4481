using CityBrain.Events;
using CityBrain.Geo;
using CityBrain.Spatial;

namespace CityBrain.Cells;

/// <summary>
/// The correlation candidates one cell knows: incidents it opened itself ("own") and incidents of neighbouring
/// cells near its border ("foreign"). Pure logic, no Orleans: the cell grain wraps it.
/// Bounded: at most <see cref="Capacity"/> entries (<see cref="DefaultCapacity"/> for a cell), the ones with the oldest evidence evicted first; an evicted
/// incident stays open, it just no longer attracts new evidence. Not thread-safe (a grain is single-threaded).
/// </summary>
public sealed class CorrelationIndex(CorrelationRules rules, int capacity = CorrelationIndex.DefaultCapacity)
{
    public const int DefaultCapacity = 2048;

    public int Capacity { get; } = capacity;

    private readonly Dictionary<string, (CellIncident Incident, bool Own)> _entries = new(StringComparer.Ordinal);

    // A report is only ever compared with incidents of its own category, so a busy cell is searched per category.
    private readonly Dictionary<string, HashSet<string>> _idsByCategory = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IEnumerable<CellIncident> Own => _entries.Values.Where(e => e.Own).Select(e => e.Incident);

    /// <summary>
    /// The incident an observation of <paramref name="category"/> at <paramref name="location"/>, observed at
    /// <paramref name="observedAt"/>, belongs to: the nearest one that <see cref="Matches"/> it.
    /// </summary>
    public CellIncident? FindMatch(string category, ObservationKind kind, GeoPoint location, DateTimeOffset observedAt)
    {
        CellIncident? best = null;
        var bestMeters = double.MaxValue;
        Nearest(category);
        foreach (var other in AlsoJoined(category, kind)) Nearest(other);
        return best;

        void Nearest(string candidates)
        {
            if (!_idsByCategory.TryGetValue(candidates, out var ids)) return;
            foreach (var id in ids)
            {
                var incident = _entries[id].Incident;
                if (!Matches(incident, category, kind, location, observedAt, out var meters)) continue;
                if (meters < bestMeters || (meters == bestMeters && Precedes(incident, best!)))
                {
                    best = incident;
                    bestMeters = meters;
                }
            }
        }
    }

    /// <summary>Every incident an observation could belong to by the rule of <see cref="FindMatch"/>, not just the best.</summary>
    public List<CellIncident> FindAllMatches(string category, ObservationKind kind, GeoPoint location, DateTimeOffset observedAt)
    {
        var matches = new List<CellIncident>();
        foreach (var candidates in AlsoJoined(category, kind).Prepend(category))
        {
            if (!_idsByCategory.TryGetValue(candidates, out var ids)) continue;
            foreach (var id in ids)
            {
                var incident = _entries[id].Incident;
                if (Matches(incident, category, kind, location, observedAt, out _)) matches.Add(incident);
            }
        }

        return matches;
    }

    /// <summary>Incidents of <paramref name="category"/> within its correlation radius of <paramref name="location"/>, at any time, nearest first.</summary>
    public List<CellIncident> FindWithinRadius(string category, GeoPoint location)
    {
        var found = new List<CellIncident>();
        if (!_idsByCategory.TryGetValue(category, out var ids)) return found;
        var radius = rules.For(category).RadiusMeters;
        foreach (var id in ids)
        {
            var incident = _entries[id].Incident;
            if (incident.Location.DistanceMetersTo(location) <= radius) found.Add(incident);
        }

        found.Sort((a, b) => a.Location.DistanceMetersTo(location).CompareTo(b.Location.DistanceMetersTo(location)));
        return found;
    }

    /// <summary>The other categories a citizen report may join; none for anything else, or without a report rule.</summary>
    private string[] AlsoJoined(string category, ObservationKind kind) =>
        kind == ObservationKind.Report && rules.Reports is { } reports ? reports.AlsoJoins(category) : [];

    /// <summary>
    /// The category's rule: within its radius, and the observation time inside the incident's evidence span
    /// widened by its window on both sides. A citizen report also joins an incident of its own or a joined
    /// category within the report radius at any time after the incident's window opened (<see cref="ReportRule"/>).
    /// </summary>
    private bool Matches(CellIncident incident, string category, ObservationKind kind, GeoPoint location, DateTimeOffset observedAt, out double meters)
    {
        meters = double.MaxValue;
        var rule = rules.For(incident.Category);
        if (observedAt < SaturatingTime.Minus(incident.OpenedAt, rule.Window)) return false;
        meters = incident.Location.DistanceMetersTo(location);
        if (incident.Category == category && observedAt <= SaturatingTime.Plus(incident.LastEvidenceAt, rule.Window) && meters <= rule.RadiusMeters) return true;
        return kind == ObservationKind.Report && rules.Reports is { } reports && meters <= reports.RadiusMeters;
    }

    /// <summary>
    /// An own incident that is the same real-world event as <paramref name="other"/> (same category, within the
    /// radius, evidence spans within the window of each other), or null.
    /// </summary>
    public CellIncident? FindOwnDuplicateOf(CellIncident other)
    {
        if (!_idsByCategory.TryGetValue(other.Category, out var ids)) return null;
        foreach (var id in ids)
        {
            var (incident, own) = _entries[id];
            if (!own || incident.Id == other.Id) continue;
            if (rules.AreDuplicates(other.Category, incident.Location, incident.OpenedAt, incident.LastEvidenceAt, other.Location, other.OpenedAt, other.LastEvidenceAt)) return incident;
        }

        return null;
    }

    /// <summary>Of two duplicates, the earlier opened survives (ties: the smaller id), whichever cell decides.</summary>
    public static bool Precedes(CellIncident a, CellIncident b) => CorrelationRules.Precedes(a.OpenedAt, a.Id, b.OpenedAt, b.Id);

    public void AddOwn(CellIncident incident) => Put(incident, own: true);

    /// <summary>Add or refresh a neighbour's incident; an own incident with the same id stays own.</summary>
    public void PutForeign(CellIncident incident)
    {
        if (_entries.TryGetValue(incident.Id, out var existing))
        {
            _entries[incident.Id] = (Later(existing.Incident, incident), existing.Own);
            return;
        }

        Put(incident, own: false);
    }

    /// <summary>Record newer evidence of a known incident; returns the updated entry, or null if unknown.</summary>
    public CellIncident? Touch(string id, DateTimeOffset evidenceAt)
    {
        if (!_entries.TryGetValue(id, out var entry)) return null;
        if (evidenceAt <= entry.Incident.LastEvidenceAt) return entry.Incident;
        var updated = entry.Incident with { LastEvidenceAt = evidenceAt };
        _entries[id] = (updated, entry.Own);
        return updated;
    }

    public bool IsOwn(string id) => _entries.TryGetValue(id, out var e) && e.Own;

    public bool Remove(string id)
    {
        if (!_entries.Remove(id, out var entry)) return false;
        var ids = _idsByCategory[entry.Incident.Category];
        ids.Remove(id);
        if (ids.Count == 0) _idsByCategory.Remove(entry.Incident.Category);
        return true;
    }

    private static CellIncident Later(CellIncident a, CellIncident b) => b.LastEvidenceAt > a.LastEvidenceAt ? a with { LastEvidenceAt = b.LastEvidenceAt } : a;

    private void Put(CellIncident incident, bool own)
    {
        _entries[incident.Id] = (incident, own);
        if (!_idsByCategory.TryGetValue(incident.Category, out var ids)) _idsByCategory[incident.Category] = ids = new HashSet<string>(StringComparer.Ordinal);
        ids.Add(incident.Id);
        if (_entries.Count <= Capacity) return;
        Remove(_entries.Values.MinBy(e => e.Incident.LastEvidenceAt).Incident.Id);
    }
}
