using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CityBrain.Api.Endpoints;

/// <summary>
/// The case version as an HTTP entity tag. It is a strong tag over the case (stage, tasks, evaluation), not over
/// the whole response: new evidence does not change it, so evidence streaming into a busy incident never makes an
/// operator's pending action fail.
/// </summary>
internal static class CaseVersionHeaders
{
    public static string ETagOf(long caseVersion) => $"\"{caseVersion.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Set(HttpResponse response, long caseVersion) => response.Headers.ETag = ETagOf(caseVersion);

    /// <summary>The version <c>If-Match</c> expects: null when absent or <c>*</c>; a problem when it is not one strong tag of a case version.</summary>
    public static ProblemHttpResult? TryReadIfMatch(HttpRequest request, out long? expected)
    {
        expected = null;
        var values = request.Headers.IfMatch;
        if (values.Count == 0) return null;
        if (!EntityTagHeaderValue.TryParseList(values, out var tags) || tags.Count != 1)
        {
            return Problems.BadRequest("If-Match", "must be one entity tag, the incident's ETag, such as \"3\"");
        }

        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any)) return null;
        var text = tag.Tag.Value?.Trim('"');
        if (tag.IsWeak || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return Problems.BadRequest("If-Match", $"{tag} is not a case version of an incident (a strong tag such as \"3\", as sent in ETag)");
        }

        expected = version;
        return null;
    }
}
