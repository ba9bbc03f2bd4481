using System.Text.Json;
using CityBrain.Incidents.Lifecycle;

namespace CityBrain.Api.Endpoints;

/// <summary>Case actions in URLs: camelCase as in JSON (<c>startWork</c>); kebab and snake case are read too.</summary>
internal static class CaseActionNames
{
    public static readonly string All = string.Join(", ", Enum.GetValues<CaseAction>().Select(a => JsonNamingPolicy.CamelCase.ConvertName(a.ToString())));

    public static bool TryParse(string text, out CaseAction action)
    {
        var compact = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return EnumNames.TryParse(compact, out action);
    }
}
