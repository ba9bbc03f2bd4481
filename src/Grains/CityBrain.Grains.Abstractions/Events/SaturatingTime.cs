namespace CityBrain.Events;

/// <summary>
/// Date arithmetic that cannot overflow. An observation's time is whatever a device or stored state says (a stored
/// incident opened at 0001-01-01, a clock at 9999-12-31), and a window of minutes before or after it must still be
/// a time: a result before <see cref="DateTimeOffset.MinValue"/> is that value, one after
/// <see cref="DateTimeOffset.MaxValue"/> is that. Results are in UTC (offset 0); comparisons of instants are
/// unaffected. Pure and thread-safe; used wherever the hot path adds a window to a time.
/// </summary>
public static class SaturatingTime
{
    private static readonly long MinTicks = DateTimeOffset.MinValue.UtcTicks;
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    /// <summary><paramref name="at"/> plus <paramref name="span"/> (which may be negative), clamped to the representable range.</summary>
    public static DateTimeOffset Plus(DateTimeOffset at, TimeSpan span)
    {
        var ticks = at.UtcTicks;
        var add = span.Ticks;
        // Both operands lie far inside long's range (times under 3.2e17 ticks), except a span near TimeSpan's own ends.
        if (add > 0 && ticks > MaxTicks - add) return DateTimeOffset.MaxValue;
        if (add < 0 && (add == long.MinValue || ticks < MinTicks - add)) return DateTimeOffset.MinValue;
        return new DateTimeOffset(ticks + add, TimeSpan.Zero);
    }

    /// <summary><paramref name="at"/> minus <paramref name="span"/>, clamped to the representable range.</summary>
    public static DateTimeOffset Minus(DateTimeOffset at, TimeSpan span) =>
        span.Ticks == long.MinValue ? DateTimeOffset.MaxValue : Plus(at, TimeSpan.FromTicks(-span.Ticks));

    /// <summary>
    /// The clock time of <paramref name="at"/> in <paramref name="zone"/>; at the ends of the calendar (a UTC time
    /// of 0001-01-01 in a zone west of Greenwich) the first or last representable time instead.
    /// </summary>
    public static DateTime LocalTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = at.UtcTicks + zone.GetUtcOffset(at).Ticks;
        return new DateTime(Math.Clamp(local, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
    }

    /// <summary>A duration of <paramref name="minutes"/>, at most <see cref="TimeSpan.MaxValue"/> and at least <see cref="TimeSpan.Zero"/>; NaN is zero.</summary>
    public static TimeSpan FromMinutes(double minutes)
    {
        if (!(minutes > 0)) return TimeSpan.Zero;
        var ticks = minutes * TimeSpan.TicksPerMinute;
        // long.MaxValue as a double is 2^63, one past it: the comparison catches every product a cast would overflow.
        return ticks >= long.MaxValue ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }
}
