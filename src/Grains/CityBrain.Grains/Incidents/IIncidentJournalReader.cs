namespace CityBrain.Incidents;

/// <summary>
/// Reads back what an <see cref="IIncidentJournal"/> recorded of one incident, for an incident grain that finds no
/// stored state of its own although the journal knows it (see <see cref="IncidentRestore"/>). Only durable
/// journals have one: in memory, the journal and the grain state are lost together.
/// </summary>
public interface IIncidentJournalReader
{
    /// <summary>The incident as journalled, or null when the journal has no row for it.</summary>
    /// <param name="maxEvidence">The most evidence to read: the first and the latest ones.</param>
    Task<JournalledIncident?> ReadAsync(string incidentId, int maxEvidence, CancellationToken cancellationToken = default);
}
