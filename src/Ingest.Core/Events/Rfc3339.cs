namespace CityBrain.Ingest.Events;

/// <summary>
/// Strict RFC 3339 date-times (section 5.6): <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c>, with <c>T</c>/<c>t</c>
/// and <c>Z</c>/<c>z</c> as the RFC allows, a fraction of 1 to 7 digits (100 ns, what <see cref="DateTimeOffset"/>
/// holds) and an offset of at most 23:59. Nothing else: no local times without an offset, no dates alone, no
/// culture formats (<c>11/23/2026</c> means two different days on two sides of the Atlantic). Leap seconds
/// (<c>:60</c>) are refused because <see cref="DateTimeOffset"/> cannot hold them. Pure and thread-safe.
/// </summary>
internal static class Rfc3339
{
    /// <summary>The expected shape, for refusals.</summary>
    public const string Shape = "RFC 3339, yyyy-MM-ddTHH:mm:ss[.fraction](Z or ±hh:mm), e.g. 2026-11-23T08:15:00+08:00";

    private const int MaxFractionDigits = 7;

    /// <summary>Parses <paramref name="text"/> into a UTC instant, or says what is wrong with it (without quoting it).</summary>
    public static bool TryParse(string text, out DateTimeOffset utc, out string problem)
    {
        utc = default;
        var s = text.AsSpan();
        if (s.Length < 19 || !Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' || !Digits(s, 8, 2, out var day))
        {
            problem = $"is not {Shape}";
            return false;
        }

        if (s[10] is not ('T' or 't') || !Digits(s, 11, 2, out var hour) || s[13] != ':' || !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second))
        {
            problem = s[10] == ' ' ? $"separates date and time with a space; {Shape}" : $"is not {Shape}";
            return false;
        }

        var at = 19;
        long fractionTicks = 0;
        if (at < s.Length && s[at] == '.')
        {
            var digits = 0;
            at++;
            while (at < s.Length && char.IsAsciiDigit(s[at]))
            {
                if (++digits > MaxFractionDigits)
                {
                    problem = $"has more than {MaxFractionDigits} fraction digits (100 ns is the finest time kept)";
                    return false;
                }

                fractionTicks = (fractionTicks * 10) + (s[at] - '0');
                at++;
            }

            if (digits == 0)
            {
                problem = $"has a '.' without fraction digits; {Shape}";
                return false;
            }

            for (var i = digits; i < MaxFractionDigits; i++) fractionTicks *= 10;
        }

        if (at == s.Length)
        {
            problem = "has no UTC offset: end it with Z or ±hh:mm (e.g. +08:00) so the instant is unambiguous";
            return false;
        }

        TimeSpan offset;
        if (s[at] is 'Z' or 'z' && at + 1 == s.Length)
        {
            offset = TimeSpan.Zero;
        }
        else if (s[at] is '+' or '-' && at + 6 == s.Length && Digits(s, at + 1, 2, out var offsetHours) && s[at + 3] == ':' && Digits(s, at + 4, 2, out var offsetMinutes))
        {
            if (offsetHours > 23 || offsetMinutes > 59)
            {
                problem = "has a UTC offset outside ±23:59";
                return false;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (s[at] == '-') offset = -offset;
        }
        else
        {
            problem = $"does not end in a UTC offset (Z or ±hh:mm); {Shape}";
            return false;
        }

        if (second == 60)
        {
            problem = "is a leap second (:60), which cannot be represented; send :59.9999999 instead";
            return false;
        }

        if (year == 0 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            problem = "is not a real date and time of day (month 01–12, day within the month, hour 00–23, minute and second 00–59)";
            return false;
        }

        var utcTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            problem = "lies outside the years 0001–9999 once converted to UTC";
            return false;
        }

        utc = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        problem = "";
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
