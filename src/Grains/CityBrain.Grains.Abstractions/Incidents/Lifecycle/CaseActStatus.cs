namespace CityBrain.Incidents.Lifecycle;

/// <summary>How an action on a case went.</summary>
public enum CaseActStatus
{
    /// <summary>The action was taken (or, retried, had already been taken).</summary>
    Done = 0,

    /// <summary>No incident has this id.</summary>
    NotFound = 1,

    /// <summary>Not allowed in the case's stage (or the incident was merged); see the allowed actions.</summary>
    NotAllowed = 2,

    /// <summary>The case changed since the version the actor expected.</summary>
    VersionConflict = 3,

    /// <summary>The command itself is incomplete or wrong; <see cref="CaseActResult.Field"/> names what.</summary>
    Invalid = 4,
}
