namespace CityBrain.Incidents.Lifecycle;

/// <summary>What an operator, a department or the platform does to a case.</summary>
public enum CaseAction
{
    Accept = 0,
    Reject = 1,
    Dispatch = 2,

    /// <summary>退单: the department hands the case back to be dispatched again.</summary>
    Return = 3,
    /// <summary>A department starts on its task; the first to start moves the case to in progress.</summary>
    StartWork = 4,
    SubmitForVerification = 5,
    PassVerification = 6,

    /// <summary>The problem is still there: back to the department.</summary>
    FailVerification = 7,
    Evaluate = 8,

    /// <summary>A closed or evaluated case comes back (a bad evaluation, a recurrence): dispatched again.</summary>
    Reopen = 9,

    /// <summary>Raised to the next level (district, then city); the stage does not change.</summary>
    Escalate = 10,
    Suspend = 11,
    Resume = 12,

    /// <summary>One department's task is done; the case goes to verification only when every task is.</summary>
    CompleteTask = 13,

    /// <summary>An operator closes the case as a duplicate of another open one the automatic merge missed; its evidence moves there.</summary>
    Merge = 14,

    /// <summary>An operator moves evidence merged here wrongly into a new incident of its own.</summary>
    Split = 15,
}
