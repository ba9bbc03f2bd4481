namespace CityBrain.Api.Endpoints;

/// <summary>Answer to an accepted <c>POST /api/events</c>.</summary>
/// <param name="Rechecked">Rechecks that verified an incident in verification or sent it back to handling.</param>
public sealed record EventsAccepted(int Received, int OpenedIncidents, int AttachedToIncidents, int Duplicates, int Recorded, int Rechecked);
