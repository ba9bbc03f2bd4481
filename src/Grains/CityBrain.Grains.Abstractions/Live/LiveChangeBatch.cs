using CityBrain.Incidents;

namespace CityBrain.Live;

/// <summary>
/// Incident changes one node's relay sends to one live feed, in the order they were stored. Every change the relay
/// meant for that feed has a number, from 0 for the pair (<paramref name="Source"/>, feed): <paramref name="First"/>
/// is the number of the first change here, and the rest follow without a hole. A feed that expected a lower number
/// missed the changes in between (the relay's bounded queue for it was full, or a delivery was given up), and says
/// so; a batch without changes only carries that number forward.
/// </summary>
/// <param name="Source">The sending relay for this feed; new whenever the relay (re)starts sending to it.</param>
/// <param name="First">Number of the first change of <paramref name="Changes"/> (of the next one, if there is none).</param>
/// <param name="Changes">The changes, oldest first.</param>
[GenerateSerializer, Immutable, Alias("cb.LiveChangeBatch")]
public sealed record LiveChangeBatch(
    [property: Id(0)] Guid Source,
    [property: Id(1)] long First,
    [property: Id(2)] IncidentChanged[] Changes);
