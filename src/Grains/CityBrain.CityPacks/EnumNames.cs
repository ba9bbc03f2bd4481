namespace CityBrain;

/// <summary>Enum values by name as people write them in files and URLs: any case, never a number.</summary>
public static class EnumNames
{
    /// <summary>Parses a defined member's name, ignoring case; numbers ("3") are refused, since files and URLs use names.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !text!.Any(char.IsAsciiDigit);

    /// <summary>The members' names in lower case, for error messages: <c>low, normal, high, critical</c>.</summary>
    public static string Lower<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
}
