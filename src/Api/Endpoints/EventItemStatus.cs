namespace CityBrain.Api.Endpoints;

/// <summary>What became of one event of a posted batch (<see cref="EventItemResult.Status"/>).</summary>
public static class EventItemStatus
{
    /// <summary>Its point grain took it: it opened or joined an incident, or was recorded.</summary>
    public const string Taken = "taken";

    /// <summary>Its point grain had this source+id already: taken before, counted once, changed nothing.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Invalid: not taken, kept as a dead letter; <c>field</c> and <c>reason</c> say why. Resending it unchanged will not help.</summary>
    public const string Refused = "refused";

    /// <summary>Valid, but the grains did not take it or did not answer in time; <c>reason</c> says which. Resend it.</summary>
    public const string NotTaken = "not_taken";
}
