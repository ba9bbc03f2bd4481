using CityBrain.Incidents;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.IntegrationTests;

/// <summary>Drives a case through the closed loop the way operators and departments would, failing on any refusal.</summary>
internal static class CaseScript
{
    public static async Task<CaseActResult> Do(IIncidentGrain grain, CaseAction action, string? department = null, string reason = "as scripted", string actor = "operator-1", string role = "operator")
    {
        var result = await grain.Act(new CaseCommand(action, actor, role, reason, null, department));
        Assert.True(result.Status == CaseActStatus.Done, $"{action} was refused: {result.Status} {result.Field} {result.Problem}");
        return result;
    }

    /// <summary>Accept, dispatch as routed, every task started and completed, verified: the case is closed.</summary>
    public static async Task<CaseActResult> Close(IIncidentGrain grain, string note = "verified on site")
    {
        await Do(grain, CaseAction.Accept);
        await Do(grain, CaseAction.Dispatch);
        return await Finish(grain, note);
    }

    /// <summary>A dispatched case: every task started and completed, verified: the case is closed.</summary>
    public static async Task<CaseActResult> Finish(IIncidentGrain grain, string note = "verified on site")
    {
        await SubmitForVerification(grain);
        return await Do(grain, CaseAction.PassVerification, reason: note);
    }

    /// <summary>A dispatched case: every task started and completed, then submitted: the case is in verification.</summary>
    public static async Task SubmitForVerification(IIncidentGrain grain)
    {
        var tasks = (await grain.Get())!.Tasks;
        foreach (var task in tasks) await Do(grain, CaseAction.StartWork, task.Department, role: "department", actor: task.Department);
        foreach (var task in tasks) await Do(grain, CaseAction.CompleteTask, task.Department, role: "department", actor: task.Department);
        await Do(grain, CaseAction.SubmitForVerification);
    }
}
