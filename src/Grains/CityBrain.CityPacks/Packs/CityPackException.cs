namespace CityBrain.Packs;

/// <summary>A city pack that cannot be loaded; the message names the file and the field at fault.</summary>
public sealed class CityPackException(string message, Exception? inner = null) : Exception(message, inner);
