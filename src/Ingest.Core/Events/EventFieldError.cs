namespace CityBrain.Ingest.Events;

/// <summary>One field at fault in a refused event: its JSON path (such as <c>data.lat</c>, or <c>$</c> for the whole event) and why.</summary>
public sealed record EventFieldError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
