using System.Globalization;
using System.Text.Json;
using CityBrain.Events;
using CityBrain.Incidents.Sla;
using CityBrain.Packs;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CityBrain.Scenarios;

/// <summary>
/// Reads a scenario definition (the shape is <c>packs/scenario.schema.json</c>) and checks it against the city
/// pack: region codes and departments must exist, categories and metrics are matched lower-case. Every error is
/// collected with the JSON path of the field at fault, so a designer sees them all at once.
/// Stateless and thread-safe.
/// </summary>
/// <param name="handlers">The C# handler types definitions may name; none when null.</param>
public sealed class ScenarioParser(CityPack pack, ScenarioHandlerTypes? handlers = null)
{
    public const int MaxIdLength = 64;

    private static readonly GeometryFactory Wgs84 = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(Wgs84) } };
    private static readonly string[] RootProperties = ["$schema", "id", "name", "description", "enabled", "mode", "scope", "when", "then"];
    private static readonly string[] MatchKinds = ["detection", "reading", "report", "recheck"];
    private static readonly string[] ConditionKinds = ["detection", "reading", "report", "recheck", "count", "sustained", "all", "any", "sequence", "handler", "silence"];
    private static readonly string[] MatchFilters = ["value", "confidence", "ratePerMinute", "where", "localTime", "days"];
    private static readonly string[] ActionKinds = ["open", "attach", "escalate", "notify"];

    /// <summary>Parse a definition given as JSON text; <paramref name="version"/> is the registry's count of its changes.</summary>
    public ScenarioDefinition Parse(string json, int version)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScenarioDefinitionException([new ScenarioError("$", $"not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            return Parse(document.RootElement, version);
        }
    }

    public ScenarioDefinition Parse(JsonElement root, int version)
    {
        var errors = new Errors();
        var definition = Read(root, version, errors);
        if (errors.Count > 0 || definition is null) throw new ScenarioDefinitionException(errors.All);
        return definition;
    }

    private ScenarioDefinition? Read(JsonElement root, int version, Errors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "a scenario definition must be a JSON object");
            return null;
        }

        OnlyKnown(root, "$", RootProperties, errors);
        var id = Text(root, "id", "$", errors, required: true);
        if (id is not null && !IsId(id)) errors.Add("$.id", $"'{id}' is not a scenario id: 1 to {MaxIdLength} lower-case letters, digits, '-' or '_', starting with a letter or digit");
        var name = Text(root, "name", "$", errors, required: true);
        var description = Text(root, "description", "$", errors, required: false);
        var enabled = Bool(root, "enabled", "$", errors) ?? true;
        var mode = ScenarioMode.Live;
        if (Text(root, "mode", "$", errors, required: false) is { } modeText && !EnumNames.TryParse(modeText, out mode))
        {
            errors.Add("$.mode", $"'{modeText}' is not one of {EnumNames.Lower<ScenarioMode>()}");
        }

        var scope = root.TryGetProperty("scope", out var s) ? ReadScope(s, "$.scope", errors) : null;
        ScenarioCondition? when = null;
        if (root.TryGetProperty("when", out var w)) when = ReadCondition(w, "$.when", errors);
        else errors.Add("$.when", "required: the condition that fires the scenario");
        ScenarioAction? then = null;
        if (root.TryGetProperty("then", out var t)) then = ReadAction(t, "$.then", errors);
        else errors.Add("$.then", "required: what to do when it fires (open, attach, escalate or notify)");

        if (id is null || name is null || when is null || then is null) return null;
        return new ScenarioDefinition(id, version, name, description, enabled, mode, scope, when, then);
    }

    public static bool IsId(string id) =>
        id.Length is > 0 and <= MaxIdLength && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private IReadOnlyList<string>? ReadScope(JsonElement scope, string at, Errors errors)
    {
        if (scope.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, "must be an object with regions: [region codes]");
            return null;
        }

        OnlyKnown(scope, at, ["regions"], errors);
        return scope.TryGetProperty("regions", out var regions) ? RegionCodes(regions, $"{at}.regions", errors) : null;
    }

    private ScenarioCondition? ReadCondition(JsonElement element, string at, Errors errors)
    {
        if (OneOf(element, ConditionKinds, "a condition", at, errors) is not { } kind) return null;
        if (MatchKinds.Contains(kind)) return ReadMatch(element, at, errors);
        OnlyKnown(element, at, [kind], errors);
        var body = element.GetProperty(kind);
        var bodyAt = $"{at}.{kind}";
        if (kind is "handler" or "silence" && at != "$.when")
        {
            errors.Add(bodyAt, kind == "handler" ? "a C# handler is a definition's whole condition: it stands alone under when" : "silence is driven by time, not by an observation: it stands alone under when");
            return null;
        }

        return kind switch
        {
            "handler" => ReadHandler(body, bodyAt, errors),
            "silence" => ReadSilence(body, bodyAt, errors),
            "count" => ReadCount(body, bodyAt, errors),
            "sustained" => ReadSustained(body, bodyAt, errors),
            _ => ReadGroup(Enum.Parse<GroupKind>(kind, ignoreCase: true), body, bodyAt, errors),
        };
    }

    private EventMatch? ReadMatch(JsonElement element, string at, Errors errors)
    {
        if (OneOf(element, MatchKinds, "an observation filter", at, errors) is not { } kindName) return null;
        OnlyKnown(element, at, [kindName, .. MatchFilters], errors);
        var kind = kindName switch
        {
            "detection" => ObservationKind.Detection,
            "reading" => ObservationKind.Reading,
            "report" => ObservationKind.Report,
            _ => ObservationKind.Recheck,
        };
        var topics = Topics(element.GetProperty(kindName), $"{at}.{kindName}", errors);
        var value = Range(element, "value", at, errors);
        var confidence = Range(element, "confidence", at, errors);
        var rate = Range(element, "ratePerMinute", at, errors);
        if (kind != ObservationKind.Reading && (value is not null || rate is not null))
        {
            errors.Add($"{at}.{(value is not null ? "value" : "ratePerMinute")}", "only readings have a value and a rate; filter a detection by confidence");
        }

        if (kind == ObservationKind.Reading && confidence is not null) errors.Add($"{at}.confidence", "readings have no confidence; filter them by value");
        var where = element.TryGetProperty("where", out var w) ? ReadWhere(w, $"{at}.where", errors) : null;
        var localTime = element.TryGetProperty("localTime", out var lt) ? ReadLocalTime(lt, $"{at}.localTime", errors) : null;
        var days = element.TryGetProperty("days", out var d) ? ReadDays(d, $"{at}.days", errors) : null;
        return topics is null ? null : new EventMatch(kind, topics, value, confidence, rate, where, localTime, days);
    }

    private CountCondition? ReadCount(JsonElement body, string at, Errors errors)
    {
        if (!IsObject(body, at, "an object with of, atLeast, withinMinutes and radiusMeters", errors)) return null;
        OnlyKnown(body, at, ["of", "atLeast", "withinMinutes", "radiusMeters", "distinctPoints"], errors);
        var of = Member(body, "of", at, errors) is { } o ? ReadMatch(o, $"{at}.of", errors) : null;
        var atLeast = Number(body, "atLeast", at, errors, required: true, min: 1, integer: true);
        var within = Minutes(body, "withinMinutes", at, errors, required: true);
        var radius = Number(body, "radiusMeters", at, errors, required: true, min: 0);
        var distinct = Bool(body, "distinctPoints", at, errors) ?? false;
        return of is null || atLeast is null || within is null || radius is null ? null : new CountCondition(of, (int)atLeast.Value, within.Value, radius.Value, distinct);
    }

    private SilenceCondition? ReadSilence(JsonElement body, string at, Errors errors)
    {
        if (!IsObject(body, at, "an object with forMinutes, atLeast and regionLevel", errors)) return null;
        OnlyKnown(body, at, ["kinds", "forMinutes", "atLeast", "regionLevel"], errors);
        var duration = Minutes(body, "forMinutes", at, errors, required: true);
        var atLeast = Number(body, "atLeast", at, errors, required: true, min: 1, integer: true);
        var level = Text(body, "regionLevel", at, errors, required: true);
        // "first" and "lowest" let a definition travel between cities whose levels have other names.
        var depth = level switch
        {
            null => -1,
            "first" => 1,
            "lowest" => pack.Regions.LevelNames.Count,
            _ => Array.IndexOf(pack.Regions.LevelNames.ToArray(), level) + 1,
        };
        if (level is not null && depth == 0) errors.Add($"{at}.regionLevel", $"'{level}' is not a region level of {pack.Name} ({string.Join(", ", pack.Regions.LevelNames)}), nor first or lowest");
        HashSet<string>? kinds = null;
        if (body.TryGetProperty("kinds", out var k))
        {
            if (Topics(k, $"{at}.kinds", errors) is { } names) kinds = names.ToHashSet(StringComparer.Ordinal);
        }

        return duration is null || atLeast is null || depth <= 0 ? null : new SilenceCondition(kinds, duration.Value, (int)atLeast.Value, depth, level!);
    }

    private HandlerCondition? ReadHandler(JsonElement body, string at, Errors errors)
    {
        if (!IsObject(body, at, "an object with type, triggers, and optional watches and settings", errors)) return null;
        OnlyKnown(body, at, ["type", "triggers", "watches", "settings"], errors);
        var typeName = Text(body, "type", at, errors, required: true);
        var type = typeName is null ? null : handlers?.Find(typeName);
        if (typeName is not null && type is null)
        {
            var known = handlers?.Names ?? [];
            errors.Add($"{at}.type", known.Count == 0
                ? $"'{typeName}' is not a loaded scenario handler: no assembly is named in Scenarios:HandlerAssemblies"
                : $"'{typeName}' is not a loaded scenario handler (loaded: {string.Join(", ", known)})");
        }

        var triggers = new List<EventMatch>();
        if (!body.TryGetProperty("triggers", out var t) || t.ValueKind != JsonValueKind.Array || t.GetArrayLength() == 0) errors.Add($"{at}.triggers", "required: an array of observation filters that make the handler evaluate");
        else
        {
            var i = 0;
            foreach (var trigger in t.EnumerateArray())
            {
                if (ReadMatch(trigger, $"{at}.triggers[{i++}]", errors) is { } match) triggers.Add(match);
            }
        }

        var watches = new List<HandlerWatch>();
        if (body.TryGetProperty("watches", out var w))
        {
            if (w.ValueKind != JsonValueKind.Array) errors.Add($"{at}.watches", "must be an array of {of, withinMinutes, radiusMeters}");
            else
            {
                var i = 0;
                foreach (var watch in w.EnumerateArray())
                {
                    var watchAt = $"{at}.watches[{i++}]";
                    if (!IsObject(watch, watchAt, "an object with of, withinMinutes and radiusMeters", errors)) continue;
                    OnlyKnown(watch, watchAt, ["of", "withinMinutes", "radiusMeters"], errors);
                    var of = Member(watch, "of", watchAt, errors) is { } o ? ReadMatch(o, $"{watchAt}.of", errors) : null;
                    var within = Minutes(watch, "withinMinutes", watchAt, errors, required: true);
                    var radius = Number(watch, "radiusMeters", watchAt, errors, required: true, min: 0);
                    if (of is not null && within is not null && radius is not null) watches.Add(new HandlerWatch(of, within.Value, radius.Value));
                }
            }
        }

        if (type is null || errors.Count > 0) return null;
        var settings = body.TryGetProperty("settings", out var s) ? s.Clone() : (JsonElement?)null;
        IScenarioHandler handler;
        try
        {
            handler = type.GetConstructor([typeof(JsonElement)]) is { } withSettings
                ? (IScenarioHandler)withSettings.Invoke([settings ?? JsonDocument.Parse("{}").RootElement.Clone()])
                : type.GetConstructor(Type.EmptyTypes) is { } plain
                    ? (IScenarioHandler)plain.Invoke([])
                    : throw new InvalidOperationException($"{type.FullName} has no public constructor taking JsonElement settings or nothing");
        }
        catch (Exception e)
        {
            var reason = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
            errors.Add(settings is null ? $"{at}.type" : $"{at}.settings", $"the handler refused them: {reason}");
            return null;
        }

        return new HandlerCondition(handler, typeName!, triggers, watches);
    }

    private SustainedCondition? ReadSustained(JsonElement body, string at, Errors errors)
    {
        if (!IsObject(body, at, "an object with of and forMinutes", errors)) return null;
        OnlyKnown(body, at, ["of", "forMinutes", "maxGapMinutes"], errors);
        var of = Member(body, "of", at, errors) is { } o ? ReadMatch(o, $"{at}.of", errors) : null;
        var duration = Minutes(body, "forMinutes", at, errors, required: true);
        var maxGap = Minutes(body, "maxGapMinutes", at, errors, required: false);
        return of is null || duration is null ? null : new SustainedCondition(of, duration.Value, maxGap ?? duration.Value);
    }

    private GroupCondition? ReadGroup(GroupKind kind, JsonElement body, string at, Errors errors)
    {
        if (!IsObject(body, at, "an object with of: [conditions], radiusMeters and withinMinutes", errors)) return null;
        OnlyKnown(body, at, ["of", "radiusMeters", "withinMinutes"], errors);
        var sequence = kind == GroupKind.Sequence;
        var radius = Number(body, "radiusMeters", at, errors, required: sequence, min: 0) ?? 0;
        var within = Minutes(body, "withinMinutes", at, errors, required: sequence) ?? TimeSpan.Zero;
        if (!body.TryGetProperty("of", out var of) || of.ValueKind != JsonValueKind.Array || of.GetArrayLength() < 2)
        {
            errors.Add($"{at}.of", "required: an array of at least two conditions");
            return null;
        }

        var members = new List<ScenarioCondition>();
        var i = 0;
        foreach (var member in of.EnumerateArray())
        {
            var memberAt = $"{at}.of[{i++}]";
            var condition = sequence ? ReadMatch(member, memberAt, errors) : ReadCondition(member, memberAt, errors);
            if (condition is not null) members.Add(condition);
        }

        return members.Count == of.GetArrayLength() ? new GroupCondition(kind, members, radius, within) : null;
    }

    private SpatialFilter? ReadWhere(JsonElement where, string at, Errors errors)
    {
        if (!IsObject(where, at, "an object with one of regions, polygon or near", errors)) return null;
        var kinds = where.EnumerateObject().Select(p => p.Name).ToList();
        if (kinds.Count != 1 || kinds[0] is not ("regions" or "polygon" or "near"))
        {
            errors.Add(at, "must have exactly one of regions (codes), polygon (GeoJSON) or near ({ geometry, meters })");
            return null;
        }

        switch (kinds[0])
        {
            case "regions":
                return RegionCodes(where.GetProperty("regions"), $"{at}.regions", errors) is { } codes ? new SpatialFilter.InRegions(codes) : null;
            case "polygon":
                var polygon = Geometry(where.GetProperty("polygon"), $"{at}.polygon", errors);
                if (polygon is null) return null;
                if (polygon is not (Polygon or MultiPolygon))
                {
                    errors.Add($"{at}.polygon", $"must be a GeoJSON Polygon or MultiPolygon, not {polygon.GeometryType}; use near for a distance from a line or point");
                    return null;
                }

                return new SpatialFilter.InPolygon(polygon);
            default:
                var near = where.GetProperty("near");
                var nearAt = $"{at}.near";
                if (!IsObject(near, nearAt, "an object with geometry (GeoJSON) and meters", errors)) return null;
                OnlyKnown(near, nearAt, ["geometry", "meters"], errors);
                var geometry = Member(near, "geometry", nearAt, errors) is { } g ? Geometry(g, $"{nearAt}.geometry", errors) : null;
                var meters = Number(near, "meters", nearAt, errors, required: true, min: 0);
                return geometry is null || meters is null ? null : new SpatialFilter.NearGeometry(geometry, meters.Value);
        }
    }

    private static Geometry? Geometry(JsonElement element, string at, Errors errors)
    {
        try
        {
            var geometry = element.Deserialize<Geometry>(GeoJson);
            if (geometry is null || geometry.IsEmpty)
            {
                errors.Add(at, "must be a non-empty GeoJSON geometry in WGS84 longitude/latitude");
                return null;
            }

            if (!geometry.IsValid)
            {
                errors.Add(at, "is not a valid geometry (a ring crosses itself, or is not closed)");
                return null;
            }

            var envelope = geometry.EnvelopeInternal;
            if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
            {
                errors.Add(at, "has coordinates outside [-180, 180] × [-90, 90]: GeoJSON is longitude, latitude in WGS84");
                return null;
            }

            return geometry;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            errors.Add(at, $"is not a GeoJSON geometry: {e.Message}");
            return null;
        }
    }

    private static LocalTimeWindow? ReadLocalTime(JsonElement element, string at, Errors errors)
    {
        if (!IsObject(element, at, "an object with from and to, as HH:mm local time", errors)) return null;
        OnlyKnown(element, at, ["from", "to"], errors);
        var from = TimeOfDay(element, "from", at, errors);
        var to = TimeOfDay(element, "to", at, errors);
        if (from is { } f && to is { } t && f == t) errors.Add($"{at}.to", "must differ from from (the window would be empty)");
        return from is null || to is null || from == to ? null : new LocalTimeWindow(from.Value, to.Value);
    }

    private static TimeOnly? TimeOfDay(JsonElement element, string name, string at, Errors errors)
    {
        var text = Text(element, name, at, errors, required: true);
        if (text is null) return null;
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.Add($"{at}.{name}", $"'{text}' is not a time of day as HH:mm (e.g. 22:00)");
        return null;
    }

    private static IReadOnlySet<DayOfWeek>? ReadDays(JsonElement element, string at, Errors errors)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            errors.Add(at, "must be a non-empty array of days: mon, tue, wed, thu, fri, sat, sun");
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        var i = 0;
        foreach (var day in element.EnumerateArray())
        {
            var text = day.ValueKind == JsonValueKind.String ? day.GetString()!.Trim().ToLowerInvariant() : null;
            var parsed = Array.FindIndex(DayNames, d => d == text);
            if (parsed < 0) errors.Add($"{at}[{i}]", $"{day.GetRawText()} is not one of mon, tue, wed, thu, fri, sat, sun");
            else days.Add((DayOfWeek)parsed);
            i++;
        }

        return days;
    }

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private ScenarioAction? ReadAction(JsonElement element, string at, Errors errors)
    {
        if (!IsObject(element, at, $"an object with one of {string.Join(", ", ActionKinds)}", errors)) return null;
        var kinds = element.EnumerateObject().Select(p => p.Name).ToList();
        if (kinds.Count != 1 || !ActionKinds.Contains(kinds[0]))
        {
            errors.Add(at, $"must have exactly one of {string.Join(", ", ActionKinds)}");
            return null;
        }

        var kind = Enum.Parse<ScenarioActionKind>(kinds[0], ignoreCase: true);
        var body = element.GetProperty(kinds[0]);
        var bodyAt = $"{at}.{kinds[0]}";
        if (!IsObject(body, bodyAt, "an object", errors)) return null;
        if (kind == ScenarioActionKind.Notify)
        {
            OnlyKnown(body, bodyAt, ["type", "category"], errors);
            var type = Text(body, "type", bodyAt, errors, required: true);
            if (type is not null && !IsEventType(type)) errors.Add($"{bodyAt}.type", $"'{type}' is not an event type: dotted lower-case words, e.g. city.scenario.outage");
            var subject = Text(body, "category", bodyAt, errors, required: false)?.Trim().ToLowerInvariant();
            return type is null ? null : new ScenarioAction(kind, subject ?? "", NotificationType: type);
        }

        OnlyKnown(body, bodyAt, kind == ScenarioActionKind.Open ? ["category", "severity", "department", "slaCategory"] : ["category"], errors);
        var category = Text(body, "category", bodyAt, errors, required: true)?.Trim().ToLowerInvariant();
        if (category is { Length: 0 }) errors.Add($"{bodyAt}.category", "must not be empty");
        Severity? severity = null;
        if (Text(body, "severity", bodyAt, errors, required: false) is { } severityText)
        {
            if (EnumNames.TryParse<Severity>(severityText, out var s)) severity = s;
            else errors.Add($"{bodyAt}.severity", $"'{severityText}' is not one of {EnumNames.Lower<Severity>()}");
        }

        var department = Text(body, "department", bodyAt, errors, required: false)?.Trim();
        if (department is not null && !pack.Routing.IsDepartment(department))
        {
            errors.Add($"{bodyAt}.department", $"'{department}' is not a department of the routing table ({string.Join(", ", pack.Routing.Departments.Keys.Order(StringComparer.Ordinal))})");
        }

        var slaCategory = Text(body, "slaCategory", bodyAt, errors, required: false)?.Trim().ToLowerInvariant();
        return category is null or { Length: 0 } ? null : new ScenarioAction(kind, category, severity, department, slaCategory);
    }

    private static bool IsEventType(string type) =>
        type.Split('.') is { Length: >= 2 } parts && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'));

    private static IReadOnlyList<string>? Topics(JsonElement element, string at, Errors errors)
    {
        var topics = new List<string>();
        if (element.ValueKind == JsonValueKind.String) topics.Add(element.GetString()!);
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    errors.Add(at, "must be a category or metric name, or an array of them");
                    return null;
                }

                topics.Add(item.GetString()!);
            }
        }

        var normalised = topics.Select(t => t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (normalised.Count == 0 || normalised.Any(t => t.Length == 0))
        {
            errors.Add(at, "must name at least one category or metric (non-empty text)");
            return null;
        }

        return normalised;
    }

    private IReadOnlyList<string>? RegionCodes(JsonElement element, string at, Errors errors)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            errors.Add(at, "must be a non-empty array of region codes");
            return null;
        }

        var codes = new List<string>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var code = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (pack.Regions.Find(code) is null) errors.Add($"{at}[{i}]", $"'{code}' is not a region code of {pack.Name}");
            else codes.Add(code);
            i++;
        }

        return codes.Count == element.GetArrayLength() ? codes : null;
    }

    private static NumberRange? Range(JsonElement element, string name, string at, Errors errors)
    {
        if (!element.TryGetProperty(name, out var range)) return null;
        var rangeAt = $"{at}.{name}";
        if (!IsObject(range, rangeAt, "an object with above, atLeast, below or atMost", errors)) return null;
        OnlyKnown(range, rangeAt, ["above", "atLeast", "below", "atMost"], errors);
        var result = new NumberRange(
            Number(range, "above", rangeAt, errors, required: false),
            Number(range, "atLeast", rangeAt, errors, required: false),
            Number(range, "below", rangeAt, errors, required: false),
            Number(range, "atMost", rangeAt, errors, required: false));
        if (result is { Above: null, AtLeast: null, Below: null, AtMost: null }) errors.Add(rangeAt, "needs at least one of above, atLeast, below, atMost");
        var low = Math.Max(result.Above ?? double.NegativeInfinity, result.AtLeast ?? double.NegativeInfinity);
        var high = Math.Min(result.Below ?? double.PositiveInfinity, result.AtMost ?? double.PositiveInfinity);
        if (low > high || (low == high && (result.Above == low || result.Below == high))) errors.Add(rangeAt, "no number lies in this range");
        return result;
    }

    private static TimeSpan? Minutes(JsonElement element, string name, string at, Errors errors, bool required)
    {
        var minutes = Number(element, name, at, errors, required, min: 0);
        if (minutes is 0) errors.Add($"{at}.{name}", "must be more than 0 minutes");
        return minutes is > 0 ? TimeSpan.FromMinutes(minutes.Value) : null;
    }

    private static double? Number(JsonElement element, string name, string at, Errors errors, bool required, double? min = null, bool integer = false)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            if (required) errors.Add($"{at}.{name}", integer ? "required: a whole number" : "required: a number");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add($"{at}.{name}", $"must be a number, not {value.GetRawText()}");
            return null;
        }

        if (integer && number != Math.Floor(number))
        {
            errors.Add($"{at}.{name}", $"must be a whole number, not {value.GetRawText()}");
            return null;
        }

        if (number < min)
        {
            errors.Add($"{at}.{name}", $"must be at least {min.Value.ToString(CultureInfo.InvariantCulture)}, not {value.GetRawText()}");
            return null;
        }

        return number;
    }

    private static string? Text(JsonElement element, string name, string at, Errors errors, bool required)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            if (required) errors.Add($"{at}.{name}", "required: text");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add($"{at}.{name}", $"must be non-empty text, not {value.GetRawText()}");
            return null;
        }

        return value.GetString()!.Trim();
    }

    private static bool? Bool(JsonElement element, string name, string at, Errors errors)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        errors.Add($"{at}.{name}", $"must be true or false, not {value.GetRawText()}");
        return null;
    }

    private static JsonElement? Member(JsonElement element, string name, string at, Errors errors)
    {
        if (element.TryGetProperty(name, out var value)) return value;
        errors.Add($"{at}.{name}", "required");
        return null;
    }

    /// <summary>The one property of <paramref name="kinds"/> an object must have (others may stand beside it); null after recording why not.</summary>
    private static string? OneOf(JsonElement element, string[] kinds, string what, string at, Errors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, $"{what} must be an object with one of {string.Join(", ", kinds)}");
            return null;
        }

        var found = element.EnumerateObject().Where(p => kinds.Contains(p.Name)).Select(p => p.Name).ToList();
        if (found.Count == 1) return found[0];
        errors.Add(at, found.Count == 0
            ? $"{what} needs one of {string.Join(", ", kinds)}"
            : $"{what} has exactly one of {string.Join(", ", kinds)}, not {string.Join(" and ", found)}");
        return null;
    }

    private static bool IsObject(JsonElement element, string at, string shape, Errors errors)
    {
        if (element.ValueKind == JsonValueKind.Object) return true;
        errors.Add(at, $"must be {shape}, not {element.ValueKind.ToString().ToLowerInvariant()}");
        return false;
    }

    private static void OnlyKnown(JsonElement element, string at, IReadOnlyCollection<string> known, Errors errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name)) errors.Add($"{at}.{property.Name}", $"is not a known property here (known: {string.Join(", ", known)})");
        }
    }

    private sealed class Errors
    {
        private readonly List<ScenarioError> _errors = [];

        public int Count => _errors.Count;

        public IReadOnlyList<ScenarioError> All => _errors;

        public void Add(string path, string reason) => _errors.Add(new ScenarioError(path, reason));
    }
}
