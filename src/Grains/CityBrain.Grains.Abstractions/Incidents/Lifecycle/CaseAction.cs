namespace CityBrain.Incidents.Lifecycle;

/// <summary>What an operator, a department or the platform does to a case.</summary>
public enum CaseAction
{
    /// <summary>立案: the case is taken on and goes to dispatch.</summary>
    Accept = 0,

    /// <summary>不予立案: refused as a false alarm; the case ends.</summary>
    Reject = 1,

    /// <summary>Sent to a lead department and any assisting ones, each getting a task.</summary>
    Dispatch = 2,

    /// <summary>退单: the department hands the case back to be dispatched again.</summary>
    Return = 3,
    /// <summary>A department starts on its task; the first to start moves the case to in progress.</summary>
    StartWork = 4,

    /// <summary>The department reports the problem handled; the case goes to verification.</summary>
    SubmitForVerification = 5,

    /// <summary>The problem is confirmed gone: the case is closed (结案).</summary>
    PassVerification = 6,

    /// <summary>The problem is still there: back to the department.</summary>
    FailVerification = 7,

    /// <summary>好差评: the closed case gets a satisfaction score.</summary>
    Evaluate = 8,

    /// <summary>A closed or evaluated case comes back (a bad evaluation, a recurrence): dispatched again.</summary>
    Reopen = 9,

    /// <summary>Raised to the next level (district, then city); the stage does not change.</summary>
    Escalate = 10,

    /// <summary>Paused; running SLA clocks stop counting until resumed.</summary>
    Suspend = 11,

    /// <summary>A suspended case continues where it was.</summary>
    Resume = 12,

    /// <summary>One department's task is done; the case goes to verification only when every task is.</summary>
    CompleteTask = 13,

    /// <summary>An operator closes the case as a duplicate of another open one the automatic merge missed; its evidence moves there.</summary>
    Merge = 14,

    /// <summary>An operator moves evidence merged here wrongly into a new incident of its own.</summary>
    Split = 15,
}
