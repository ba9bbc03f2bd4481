namespace CityBrain.Incidents;

/// <summary>
/// Told of each incident change after the incident has stored it (its <see cref="IIncidentJournal"/>s first, then its
/// own state): egress to other systems and a read side kept in memory. The incident grain calls every listener in
/// order, once per stored change, one change at a time, so one incident's changes arrive in version order; a change
/// whose journal or state write failed is never told. A listener that throws fails the call that made the change
/// (whose change is stored all the same) and the listeners after it are not told. Nothing is told twice and nothing is kept for a crash between "stored" and
/// "told": a durable outbox, when there is one, is the listener to plug in here.
/// </summary>
public interface IIncidentChangeListener
{
    /// <summary>Hear of <paramref name="change"/>, already stored. Calls come from many incident grains at once.</summary>
    Task OnStoredAsync(IncidentChangeRecord change, CancellationToken cancellationToken = default);
}
