namespace CityBrain.Incidents.Lifecycle;

/// <summary>
/// Where a case is in the 一网统管 closed loop. The numeric values will be persisted: never renumber.
/// </summary>
public enum CaseStage
{
    /// <summary>发现: detected, waiting to be accepted or rejected.</summary>
    Detected = 0,

    /// <summary>立案: accepted as a case, waiting to be dispatched.</summary>
    Accepted = 1,

    /// <summary>派遣: dispatched to a department, waiting for it to start.</summary>
    Dispatched = 2,

    /// <summary>处置: the department is handling it.</summary>
    InProgress = 3,

    /// <summary>核查: handled, waiting for verification that the problem is gone.</summary>
    Verification = 4,

    /// <summary>结案: closed after verification.</summary>
    Closed = 5,

    /// <summary>评价: closed and evaluated.</summary>
    Evaluated = 6,

    /// <summary>不予立案: rejected, e.g. as a false alarm. Final.</summary>
    Rejected = 7,

    /// <summary>挂起: suspended with a reason; resuming returns to the stage it was suspended in.</summary>
    Suspended = 8,
}
