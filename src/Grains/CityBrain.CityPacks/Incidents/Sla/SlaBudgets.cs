namespace CityBrain.Incidents.Sla;

/// <summary>Time allowed per clock; null where this level of the policy says nothing (a less specific level decides).</summary>
public sealed record SlaBudgets(TimeSpan? Accept, TimeSpan? Dispatch, TimeSpan? Handle, TimeSpan? Close)
{
    public static readonly SlaBudgets Empty = new(null, null, null, null);

    public TimeSpan? For(SlaStage stage) => stage switch
    {
        SlaStage.Accept => Accept,
        SlaStage.Dispatch => Dispatch,
        SlaStage.Handle => Handle,
        SlaStage.Close => Close,
        _ => null,
    };
}
