namespace CityBrain.Events;

/// <summary>What became of one submitted observation. Numeric values are part of the wire contract.</summary>
public enum ObservationOutcome
{
    /// <summary>It opened a new incident.</summary>
    OpenedIncident = 0,

    /// <summary>It became evidence of an existing incident.</summary>
    AttachedToIncident = 1,

    /// <summary>Its point already had this event key: counted once, changed nothing.</summary>
    Duplicate = 2,

    /// <summary>Kept by its point (a sensor reading, or a recheck no incident in verification was waiting for); readings do not open incidents by themselves.</summary>
    Recorded = 3,

    /// <summary>A recheck that verified an incident in verification, or sent it back to handling.</summary>
    Rechecked = 4,
}
