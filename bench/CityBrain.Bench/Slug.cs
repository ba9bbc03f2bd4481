using System.Text;

namespace CityBrain.Bench;

public static class Slug
{
    /// <summary>"Noise - Street/Sidewalk" becomes "noise_street_sidewalk".</summary>
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSeparator = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSeparator && builder.Length > 0)
                {
                    builder.Append('_');
                }

                pendingSeparator = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSeparator = true;
            }
        }

        return builder.ToString();
    }
}
