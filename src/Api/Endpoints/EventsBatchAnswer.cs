namespace CityBrain.Api.Endpoints;

/// <summary>
/// Answer to a posted batch (a JSON array or NDJSON): 200 when every event was taken (or a duplicate), 207 otherwise.
/// <c>received</c> = <c>taken</c> + <c>refused</c> + <c>notTaken</c>; <c>taken</c> counts duplicates too.
/// </summary>
/// <param name="Received">Events in the body.</param>
/// <param name="Taken">Events the grains took, duplicates included.</param>
/// <param name="Refused">Invalid events; each is a dead letter (<c>GET /api/dead-letters</c>, origin <c>POST /api/events [index]</c>).</param>
/// <param name="NotTaken">Valid events the grains did not take or did not answer for in time: resend them.</param>
/// <param name="OpenedIncidents">Taken events that opened an incident.</param>
/// <param name="AttachedToIncidents">Taken events that became evidence of an existing incident.</param>
/// <param name="Duplicates">Taken events their point already had.</param>
/// <param name="Recorded">Taken events kept by their point without opening or joining an incident (readings, idle rechecks).</param>
/// <param name="Rechecked">Rechecks that verified an incident in verification or sent it back to handling.</param>
/// <param name="Items">Every event's outcome, in order.</param>
public sealed record EventsBatchAnswer(
    int Received,
    int Taken,
    int Refused,
    int NotTaken,
    int OpenedIncidents,
    int AttachedToIncidents,
    int Duplicates,
    int Recorded,
    int Rechecked,
    IReadOnlyList<EventItemResult> Items);
