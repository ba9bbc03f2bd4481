using System.Globalization;
using System.Text.RegularExpressions;

namespace CityBrain.Bench;

/// <summary>
/// The due time inside the detail of an <c>sla_warning</c> or <c>sla_breached</c> audit entry, as the incident
/// grain writes it: <c>accept deadline near, due 2026-11-23T08:15:00.0000000+00:00</c>, or <c>… missed, due …;
/// escalated to …</c>. The audit table has no column for it, so the detail is the only record of when the
/// threshold was due.
/// </summary>
public static partial class SlaAuditDetail
{
    // An offset is required: a time without one would be read in whatever zone the bench runs in.
    [GeneratedRegex(@"\bdue (?<due>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2}))", RegexOptions.CultureInvariant)]
    private static partial Regex DuePattern();

    public static bool TryParseDue(string? detail, out DateTimeOffset due)
    {
        due = default;
        if (detail is null) return false;
        var match = DuePattern().Match(detail);
        return match.Success && DateTimeOffset.TryParse(match.Groups["due"].ValueSpan, CultureInfo.InvariantCulture, DateTimeStyles.None, out due);
    }
}
