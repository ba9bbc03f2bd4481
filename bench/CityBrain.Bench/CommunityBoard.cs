using System.Globalization;
using System.Text.RegularExpressions;

namespace CityBrain.Bench;

/// <summary>Maps a 311 "Community Board" value such as "07 BROOKLYN" to the community district code "307".</summary>
public static partial class CommunityBoard
{
    private static readonly Dictionary<string, int> Boroughs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MANHATTAN"] = 1,
        ["BRONX"] = 2,
        ["BROOKLYN"] = 3,
        ["QUEENS"] = 4,
        ["STATEN ISLAND"] = 5,
    };

    /// <summary>Null for "0 Unspecified", "Unspecified BROOKLYN" and anything else without a district number.</summary>
    public static string? ToDistrictCode(string board)
    {
        var match = BoardPattern().Match(board.Trim());
        if (!match.Success
            || !Boroughs.TryGetValue(WhitespaceRun().Replace(match.Groups["borough"].Value, " "), out var borough))
        {
            return null;
        }

        var district = int.Parse(match.Groups["district"].Value, CultureInfo.InvariantCulture);
        return district is >= 1 and <= 99
            ? (borough * 100 + district).ToString(CultureInfo.InvariantCulture)
            : null;
    }

    [GeneratedRegex(@"^(?<district>\d{1,2})\s+(?<borough>[A-Za-z][A-Za-z ]*[A-Za-z])$")]
    private static partial Regex BoardPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
