using CityBrain.Events;

namespace CityBrain.Incidents.Lifecycle;

/// <summary>An action on a case by an operator, a department, a grid worker or the platform.</summary>
/// <param name="Action">What is done.</param>
/// <param name="Actor">Who does it: a person's or system's id; audited.</param>
/// <param name="Role">In what capacity, e.g. <c>operator</c>, <c>department</c>, <c>supervisor</c>; audited.</param>
/// <param name="Reason">Why, or the note that goes with it; required for rejecting, returning, suspending, failing or passing verification and reopening.</param>
/// <param name="ExpectedCaseVersion">The case version the actor last saw; when given and stale the action is refused.</param>
/// <param name="Department">
/// For <see cref="CaseAction.StartWork"/> and <see cref="CaseAction.CompleteTask"/>: whose task. For
/// <see cref="CaseAction.Dispatch"/>: the lead department, overriding the routing table.
/// </param>
/// <param name="Assisting">For <see cref="CaseAction.Dispatch"/>: assisting departments, overriding the routing table.</param>
/// <param name="Score">For <see cref="CaseAction.Evaluate"/>: satisfaction from 1 (very dissatisfied) to 5 (very satisfied).</param>
/// <param name="Into">For <see cref="CaseAction.Merge"/>: the open incident this one duplicates.</param>
/// <param name="Evidence">For <see cref="CaseAction.Split"/>: the events to move to a new incident (not the first, the incident's origin).</param>
/// <param name="Category">For <see cref="CaseAction.Split"/>: the new incident's category; the same as this one's when null.</param>
[GenerateSerializer, Immutable, Alias("cb.CaseCommand")]
public sealed record CaseCommand(
    [property: Id(0)] CaseAction Action,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] long? ExpectedCaseVersion = null,
    [property: Id(5)] string? Department = null,
    [property: Id(6)] string[]? Assisting = null,
    [property: Id(7)] int? Score = null,
    [property: Id(8)] string? Into = null,
    [property: Id(9)] EventKey[]? Evidence = null,
    [property: Id(10)] string? Category = null);
