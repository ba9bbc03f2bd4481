namespace CityBrain.Packs;

public sealed class RootSettings
{
    public string? Code { get; set; }

    public string? Name { get; set; }
}
