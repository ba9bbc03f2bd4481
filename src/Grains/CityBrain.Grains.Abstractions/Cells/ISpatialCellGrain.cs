using Orleans.Concurrency;
using CityBrain.Events;

namespace CityBrain.Cells;

/// <summary>
/// Correlation for one fixed square cell of the city's map. Key: <c>"{column}:{row}"</c>, the cell's integer
/// indices in the city pack's grid (see the pack's <c>correlation.cellSizeMeters</c>).
/// The cell alone decides whether an observation located in it opens an incident or joins one, so two
/// reports of the same thing in one cell can never open two incidents. Incidents of neighbouring cells are
/// known through notifications; when two neighbours open the same incident at the same moment, the later
/// one (by opening time, then id) is merged into the earlier one.
/// Persisted: the incidents this cell opened that are still open (written on open and close, not per event).
/// </summary>
[Alias("cb.ISpatialCellGrain")]
public interface ISpatialCellGrain : IGrainWithStringKey
{
    /// <summary>Correlate observations located in this cell, in order; one outcome per observation.</summary>
    [Alias("Correlate")]
    Task<ObservationOutcome[]> Correlate(Observation[] observations);

    /// <summary>A neighbouring cell opened (or learned newer evidence of) an incident near this cell.</summary>
    [OneWay]
    [Alias("NeighbourIncidentUpdated")]
    Task NeighbourIncidentUpdated(CellIncident incident);

    /// <summary>An incident this cell may know of was resolved or merged.</summary>
    [OneWay]
    [Alias("IncidentClosed")]
    Task IncidentClosed(string incidentId);

    /// <summary>
    /// A neighbouring cell took an observation that a scenario looks for within some distance reaching into this
    /// cell: kept in this cell's scenario windows (not evaluated here: its own cell did that). The sender waits for
    /// it before acknowledging the observation, so it is answered even while this cell is in a call of its own (two
    /// neighbours sharing with each other at once would otherwise wait on each other); it only adds to memory.
    /// </summary>
    [AlwaysInterleave]
    [Alias("ShareObservation")]
    Task ShareObservation(SharedObservation shared);

    /// <summary>Carry out a firing decided elsewhere (a silence watch), at a place in this cell, as the scenario's action says.</summary>
    [Alias("ActOnFiring")]
    Task ActOnFiring(Scenarios.ScenarioFiringRequest request);
}
