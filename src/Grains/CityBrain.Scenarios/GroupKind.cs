namespace CityBrain.Scenarios;

/// <summary>How a group combines its members.</summary>
public enum GroupKind
{
    /// <summary>Every member holds.</summary>
    All,

    /// <summary>At least one member holds.</summary>
    Any,

    /// <summary>Members are observation filters seen in this order, the trigger matching the last.</summary>
    Sequence,
}
