namespace CityBrain.Incidents;

/// <summary>How an attach went.</summary>
public enum AttachStatus
{
    /// <summary>The event is now evidence of the incident.</summary>
    Attached = 0,

    /// <summary>This event was already evidence of the incident (a redelivery).</summary>
    AlreadyAttached = 1,

    /// <summary>The incident was merged; attach to <see cref="AttachResult.RedirectTo"/> instead.</summary>
    Redirect = 2,

    /// <summary>The incident's case has ended or it was never opened; it takes no more evidence.</summary>
    Closed = 3,
}
