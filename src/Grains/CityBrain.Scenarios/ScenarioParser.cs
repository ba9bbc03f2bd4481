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
/// Reads a scenario definition (the shape is <c>packs/scenarios/scenario.schema.json</c>) and checks it against the
/// city pack: region codes and departments must exist, a radius fits the pack's cells, no always-opening category is
/// taken over; categories and metrics are put in <see cref="CategoryKey"/> normal form. Every number has a range and
/// every list and text a bound (<see cref="ScenarioLimits"/>); a value outside is refused naming its JSON path and
/// its range, and no value makes the parser throw anything but <see cref="ScenarioDefinitionException"/>. Every error
/// is collected, so a designer sees them all at once. Stateless and thread-safe.
/// </summary>
/// <param name="handlers">The C# handler types definitions may name; none when null.</param>
public sealed class ScenarioParser(CityPack pack, ScenarioHandlerTypes? handlers = null)
{
    public const int MaxIdLength = 64;

    private readonly double _maxRadiusMeters = ScenarioLimits.MaxRadiusMeters(pack.Cells);

    private static readonly GeometryFactory Wgs84 = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(Wgs84) } };
    private static readonly string[] RootProperties = ["$schema", "id", "name", "description", "enabled", "mode", "scope", "when", "then"];
    private static readonly string[] MatchKinds = ["detection", "reading", "report", "recheck"];
    private static readonly string[] ConditionKinds = ["detection", "reading", "report", "recheck", "count", "sustained", "all", "any", "sequence", "handler", "silence"];
    private static readonly string[] MatchFilters = ["value", "confidence", "ratePerMinute", "where", "localTime", "days"];
    private static readonly string[] ActionKinds = ["open", "attach", "escalate", "notify"];
    private static readonly Bounds Duration = new(0, ScenarioLimits.MaxMinutes, MinExclusive: true, "minutes, the time a cell keeps an observation (7 days)");
    private static readonly Bounds Confidence = new(0, 1, Why: "a confidence");
    private static readonly Bounds Measure = new(-ScenarioLimits.MaxAbsoluteValue, ScenarioLimits.MaxAbsoluteValue);

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
        CheckText(root, "$", errors);
        if (errors.Count > 0) throw new ScenarioDefinitionException(errors.All);
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
        var name = Text(root, "name", "$", errors, required: true, ScenarioLimits.MaxNameLength);
        var description = Text(root, "description", "$", errors, required: false, ScenarioLimits.MaxDescriptionLength);
        var enabled = Bool(root, "enabled", "$", errors) ?? true;
        var mode = ScenarioMode.Live;
        if (Text(root, "mode", "$", errors, required: false) is { } modeText && !EnumNames.TryParse(modeText, out mode))
        {
            errors.Add("$.mode", $"'{modeText}' is not one of {EnumNames.Lower<ScenarioMode>()}");
        }

        var scope = root.TryGetProperty("scope", out var s) ? ReadScope(s, "$.scope", errors) : null;
        ScenarioCondition? when = null;
        if (root.TryGetProperty("when", out var w)) when = ReadCondition(w, "$.when", errors, depth: 0);
        else errors.Add("$.when", "required: the condition that fires the scenario");
        ScenarioAction? then = null;
        if (root.TryGetProperty("then", out var t)) then = ReadAction(t, "$.then", errors);
        else errors.Add("$.then", "required: what to do when it fires (open, attach, escalate or notify)");

        if (when is not null && then is { TakesOverOpening: true }) CheckTakeover(when, errors);
        if (id is null || name is null || when is null || then is null) return null;
        return new ScenarioDefinition(id, version, name, description, enabled, mode, scope, when, then);
    }

    /// <summary>A takeover must take something, and never a category the pack says always opens.</summary>
    private void CheckTakeover(ScenarioCondition when, Errors errors)
    {
        const string at = "$.then.open.takesOverOpening";
        var categories = ScenarioDefinition.DetectionCategories(when);
        if (categories.Count == 0) errors.Add(at, "the condition watches no camera detection category, so there is nothing to take over; leave it out");
        foreach (var category in categories)
        {
            if (pack.Correlation.AlwaysOpen.Contains(category))
            {
                errors.Add(at, $"'{category}' always opens incidents by itself in {pack.Name} (correlation.alwaysOpen of its citypack.json): no scenario may take it over; leave takesOverOpening out and the scenario's firing joins those incidents");
            }
        }
    }

    /// <summary>
    /// Every string and property name must be text: JSON can escape a lone UTF-16 surrogate (<c>"\ud800"</c>), which
    /// System.Text.Json refuses to read as a string. Found here, once, with its path, rather than wherever it is read.
    /// </summary>
    private static void CheckText(JsonElement element, string at, Errors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsText(() => property.Name))
                    {
                        errors.Add(at, "holds a property name that is not valid Unicode (a lone surrogate escape such as \\ud800)");
                        continue;
                    }

                    CheckText(property.Value, $"{at}.{Shorten(property.Name)}", errors);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) CheckText(item, $"{at}[{i++}]", errors);
                break;
            case JsonValueKind.String:
                if (!IsText(element.GetString)) errors.Add(at, "is not valid Unicode text (a lone surrogate escape such as \\ud800)");
                break;
        }

        static bool IsText(Func<string?> read)
        {
            try
            {
                read();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
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

    /// <param name="depth">Groups around this condition: 0 under <c>when</c>.</param>
    private ScenarioCondition? ReadCondition(JsonElement element, string at, Errors errors, int depth)
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
            _ => ReadGroup(Enum.Parse<GroupKind>(kind, ignoreCase: true), body, bodyAt, errors, depth + 1),
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
        var topics = CategoryList(element.GetProperty(kindName), $"{at}.{kindName}", errors, categories: true);
        var namedBefore = errors.Names;
        errors.Names += topics?.Count ?? 0;
        if (namedBefore <= ScenarioLimits.MaxNamesPerDefinition && errors.Names > ScenarioLimits.MaxNamesPerDefinition)
        {
            errors.Add(at, $"a definition names at most {ScenarioLimits.MaxNamesPerDefinition} categories or metrics over all its observation filters; this filter brings it to {errors.Names}");
        }

        var value = Range(element, "value", at, errors, Measure);
        var confidence = Range(element, "confidence", at, errors, Confidence);
        var rate = Range(element, "ratePerMinute", at, errors, Measure);
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
        var atLeast = Number(body, "atLeast", at, errors, required: true, new Bounds(1, ScenarioLimits.MaxCount, Why: "what a cell's window keeps of one kind and topic"), integer: true);
        var within = Minutes(body, "withinMinutes", at, errors, required: true);
        var radius = Radius(body, "radiusMeters", at, errors, required: true);
        var distinct = Bool(body, "distinctPoints", at, errors) ?? false;
        return of is null || atLeast is null || within is null || radius is null ? null : new CountCondition(of, (int)atLeast.Value, within.Value, radius.Value, distinct);
    }

    private SilenceCondition? ReadSilence(JsonElement body, string at, Errors errors)
    {
        if (!IsObject(body, at, "an object with forMinutes, atLeast and regionLevel", errors)) return null;
        OnlyKnown(body, at, ["kinds", "forMinutes", "atLeast", "regionLevel"], errors);
        var duration = Minutes(body, "forMinutes", at, errors, required: true);
        var atLeast = Number(body, "atLeast", at, errors, required: true, new Bounds(1, ScenarioLimits.MaxSilentPoints, Why: "silent points of one region"), integer: true);
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
            if (CategoryList(k, $"{at}.kinds", errors, categories: false) is { } names) kinds = names.ToHashSet(StringComparer.Ordinal);
        }

        return duration is null || atLeast is null || depth <= 0 ? null : new SilenceCondition(kinds, duration.Value, (int)atLeast.Value, depth, level!);
    }

    private HandlerCondition? ReadHandler(JsonElement body, string at, Errors errors)
    {
        if (!IsObject(body, at, "an object with type, triggers, and optional watches and settings", errors)) return null;
        OnlyKnown(body, at, ["type", "triggers", "watches", "settings"], errors);
        var typeName = Text(body, "type", at, errors, required: true, ScenarioLimits.MaxTypeNameLength);
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
        else if (t.GetArrayLength() > ScenarioLimits.MaxHandlerEntries) errors.Add($"{at}.triggers", $"must have 1 to {ScenarioLimits.MaxHandlerEntries} observation filters, not {t.GetArrayLength()}");
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
            else if (w.GetArrayLength() > ScenarioLimits.MaxHandlerEntries) errors.Add($"{at}.watches", $"must have 0 to {ScenarioLimits.MaxHandlerEntries} watches, not {w.GetArrayLength()}");
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
                    var radius = Radius(watch, "radiusMeters", watchAt, errors, required: true);
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

    private GroupCondition? ReadGroup(GroupKind kind, JsonElement body, string at, Errors errors, int depth)
    {
        if (!IsObject(body, at, "an object with of: [conditions], radiusMeters and withinMinutes", errors)) return null;
        if (depth > ScenarioLimits.MaxGroupDepth)
        {
            errors.Add(at, $"groups (all, any, sequence) nest at most {ScenarioLimits.MaxGroupDepth} deep; this one is at depth {depth}");
            return null;
        }

        OnlyKnown(body, at, ["of", "radiusMeters", "withinMinutes"], errors);
        var sequence = kind == GroupKind.Sequence;
        var radius = Radius(body, "radiusMeters", at, errors, required: sequence) ?? 0;
        var within = Minutes(body, "withinMinutes", at, errors, required: sequence) ?? TimeSpan.Zero;
        if (!body.TryGetProperty("of", out var of) || of.ValueKind != JsonValueKind.Array || of.GetArrayLength() < 2)
        {
            errors.Add($"{at}.of", "required: an array of at least two conditions");
            return null;
        }

        if (of.GetArrayLength() > ScenarioLimits.MaxMembers)
        {
            errors.Add($"{at}.of", $"must have 2 to {ScenarioLimits.MaxMembers} members, not {of.GetArrayLength()}");
            return null;
        }

        var members = new List<ScenarioCondition>();
        var i = 0;
        foreach (var member in of.EnumerateArray())
        {
            var memberAt = $"{at}.of[{i++}]";
            var condition = sequence ? ReadMatch(member, memberAt, errors) : ReadCondition(member, memberAt, errors, depth);
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

                if (polygon.NumPoints > ScenarioLimits.MaxVertices)
                {
                    errors.Add($"{at}.polygon", $"has {polygon.NumPoints} vertices; at most {ScenarioLimits.MaxVertices}");
                    return null;
                }

                return new SpatialFilter.InPolygon(polygon);
            default:
                var near = where.GetProperty("near");
                var nearAt = $"{at}.near";
                if (!IsObject(near, nearAt, "an object with geometry (GeoJSON) and meters", errors)) return null;
                OnlyKnown(near, nearAt, ["geometry", "meters"], errors);
                var geometry = Member(near, "geometry", nearAt, errors) is { } g ? Geometry(g, $"{nearAt}.geometry", errors) : null;
                var meters = Number(near, "meters", nearAt, errors, required: true, new Bounds(0, ScenarioLimits.MaxNearMeters, Why: "metres"));
                if (geometry is not null && geometry.NumPoints > ScenarioLimits.MaxVertices)
                {
                    errors.Add($"{nearAt}.geometry", $"has {geometry.NumPoints} vertices; at most {ScenarioLimits.MaxVertices}");
                    return null;
                }

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
        catch (Exception e)
        {
            // NetTopologySuite's reader and validity check fail in many ways on odd input (missing rings, one-point
            // lines, wrong nesting); every one of them is a refusal of this field, never a failure of the save.
            errors.Add(at, $"is not a GeoJSON geometry: {Shorten(e.Message)}");
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
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() is 0 or > 7)
        {
            errors.Add(at, "must be an array of 1 to 7 days: mon, tue, wed, thu, fri, sat, sun");
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        var i = 0;
        foreach (var day in element.EnumerateArray())
        {
            var text = day.ValueKind == JsonValueKind.String ? day.GetString()!.Trim().ToLowerInvariant() : null;
            var parsed = Array.FindIndex(DayNames, d => d == text);
            if (parsed < 0) errors.Add($"{at}[{i}]", $"{Shorten(day.GetRawText())} is not one of mon, tue, wed, thu, fri, sat, sun");
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
            var subject = Category(body, "category", bodyAt, errors, required: false);
            return type is null ? null : new ScenarioAction(kind, subject ?? "", NotificationType: type);
        }

        OnlyKnown(body, bodyAt, kind == ScenarioActionKind.Open ? ["category", "severity", "department", "slaCategory", "takesOverOpening"] : ["category"], errors);
        var category = Category(body, "category", bodyAt, errors, required: true);
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

        var slaCategory = Category(body, "slaCategory", bodyAt, errors, required: false);
        var takesOver = kind == ScenarioActionKind.Open && (Bool(body, "takesOverOpening", bodyAt, errors) ?? false);
        return category is null ? null : new ScenarioAction(kind, category, severity, department, slaCategory, TakesOverOpening: takesOver);
    }

    /// <summary>A category name in <see cref="CategoryKey"/> normal form; null after recording why there is none.</summary>
    private static string? Category(JsonElement element, string name, string at, Errors errors, bool required)
    {
        if (Text(element, name, at, errors, required) is not { } text) return null;
        var key = CategoryKey.Normalize(text);
        if (key.Length > 0) return key;
        errors.Add($"{at}.{name}", $"'{text}' holds no letter or digit, so it names no category");
        return null;
    }

    private static bool IsEventType(string type) =>
        type.Split('.') is { Length: >= 2 } parts && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'));

    /// <param name="categories">Category or metric names, put in <see cref="CategoryKey"/> normal form; otherwise point kinds, lower-cased.</param>
    private static IReadOnlyList<string>? CategoryList(JsonElement element, string at, Errors errors, bool categories)
    {
        var topics = new List<string>();
        if (element.ValueKind == JsonValueKind.String) topics.Add(element.GetString()!);
        else if (element.ValueKind == JsonValueKind.Array)
        {
            if (element.GetArrayLength() > ScenarioLimits.MaxCategories)
            {
                errors.Add(at, $"names 1 to {ScenarioLimits.MaxCategories} categories or metrics, not {element.GetArrayLength()}");
                return null;
            }

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

        if (topics.FirstOrDefault(t => t.Length > ScenarioLimits.MaxWordLength) is { } tooLong)
        {
            errors.Add(at, $"a name is at most {ScenarioLimits.MaxWordLength} characters, not {tooLong.Length}");
            return null;
        }

        var normalised = topics.Select(t => categories ? CategoryKey.Normalize(t) : t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (normalised.Count == 0 || normalised.Any(t => t.Length == 0))
        {
            errors.Add(at, "must name at least one category or metric (text with a letter or digit)");
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

        if (element.GetArrayLength() > ScenarioLimits.MaxRegionCodes)
        {
            errors.Add(at, $"must have 1 to {ScenarioLimits.MaxRegionCodes} region codes, not {element.GetArrayLength()}: a code of any level serves, so name the parent region instead of its children");
            return null;
        }

        var codes = new List<string>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var code = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (code.Length > ScenarioLimits.MaxWordLength || pack.Regions.Find(code) is null) errors.Add($"{at}[{i}]", $"'{Shorten(code)}' is not a region code of {pack.Name}");
            else codes.Add(code);
            i++;
        }

        return codes.Count == element.GetArrayLength() ? codes : null;
    }

    private static NumberRange? Range(JsonElement element, string name, string at, Errors errors, Bounds bounds)
    {
        if (!element.TryGetProperty(name, out var range)) return null;
        var rangeAt = $"{at}.{name}";
        if (!IsObject(range, rangeAt, "an object with above, atLeast, below or atMost", errors)) return null;
        OnlyKnown(range, rangeAt, ["above", "atLeast", "below", "atMost"], errors);
        var result = new NumberRange(
            Number(range, "above", rangeAt, errors, required: false, bounds),
            Number(range, "atLeast", rangeAt, errors, required: false, bounds),
            Number(range, "below", rangeAt, errors, required: false, bounds),
            Number(range, "atMost", rangeAt, errors, required: false, bounds));
        if (result is { Above: null, AtLeast: null, Below: null, AtMost: null })
        {
            // Out-of-range bounds were named already; only a range with no bound at all needs this.
            if (!range.EnumerateObject().Any()) errors.Add(rangeAt, "needs at least one of above, atLeast, below, atMost");
            return null;
        }

        var low = Math.Max(result.Above ?? double.NegativeInfinity, result.AtLeast ?? double.NegativeInfinity);
        var high = Math.Min(result.Below ?? double.PositiveInfinity, result.AtMost ?? double.PositiveInfinity);
        if (low > high || (low == high && (result.Above == low || result.Below == high))) errors.Add(rangeAt, "no number lies in this range");
        return result;
    }

    private static TimeSpan? Minutes(JsonElement element, string name, string at, Errors errors, bool required) =>
        Number(element, name, at, errors, required, Duration) is { } minutes ? SaturatingTime.FromMinutes(minutes) : null;

    /// <summary>A radius in metres: from 0 to what the pack's cells share (<see cref="ScenarioLimits.NeighbourRings"/> cell sizes).</summary>
    private double? Radius(JsonElement element, string name, string at, Errors errors, bool required) =>
        Number(element, name, at, errors, required, new Bounds(0, _maxRadiusMeters,
            Why: $"metres: {ScenarioLimits.NeighbourRings} cells of {pack.Cells.CellSizeMeters.ToString(CultureInfo.InvariantCulture)} m, how far a cell shares an observation"));

    /// <summary>A finite number within <paramref name="bounds"/> (whole when <paramref name="integer"/>); null after recording why not.</summary>
    private static double? Number(JsonElement element, string name, string at, Errors errors, bool required, Bounds bounds, bool integer = false)
    {
        var what = integer ? "a whole number" : "a number";
        if (!element.TryGetProperty(name, out var value))
        {
            if (required) errors.Add($"{at}.{name}", $"required: {what} {bounds}");
            return null;
        }

        // TryGetDouble is false, or the value infinite, for 1e400; strings ("NaN", "1e10") are not numbers here.
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add($"{at}.{name}", $"must be {what} {bounds}, not {Shorten(value.GetRawText())}");
            return null;
        }

        if (integer && number != Math.Floor(number))
        {
            errors.Add($"{at}.{name}", $"must be a whole number {bounds}, not {Shorten(value.GetRawText())}");
            return null;
        }

        if (!bounds.Contains(number))
        {
            errors.Add($"{at}.{name}", $"must be {what} {bounds}, not {Shorten(value.GetRawText())}");
            return null;
        }

        return number;
    }

    /// <summary>An inclusive range, or exclusive at its low end, with what its unit or limit is; shown as "from 1 to 4096 (…)".</summary>
    private readonly record struct Bounds(double Min, double Max, bool MinExclusive = false, string? Why = null)
    {
        public bool Contains(double value) => (MinExclusive ? value > Min : value >= Min) && value <= Max;

        public override string ToString()
        {
            var min = Min.ToString(CultureInfo.InvariantCulture);
            var max = Max.ToString(CultureInfo.InvariantCulture);
            var range = MinExclusive ? $"above {min} and at most {max}" : $"from {min} to {max}";
            return Why is null ? range : $"{range} ({Why})";
        }
    }

    /// <summary>Caller text as an error shows it: at most 64 characters, so a refusal never echoes a megabyte back.</summary>
    private static string Shorten(string text) => text.Length <= 64 ? text : $"{text[..61]}...";

    /// <summary>Non-empty text of at most <paramref name="maxLength"/> characters without control characters, trimmed; null after recording why not.</summary>
    private static string? Text(JsonElement element, string name, string at, Errors errors, bool required, int maxLength = ScenarioLimits.MaxWordLength)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            if (required) errors.Add($"{at}.{name}", $"required: text of 1 to {maxLength} characters");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add($"{at}.{name}", $"must be non-empty text of at most {maxLength} characters, not {Shorten(value.GetRawText())}");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length > maxLength)
        {
            errors.Add($"{at}.{name}", $"must be text of 1 to {maxLength} characters, not {text.Length}");
            return null;
        }

        if (text.IndexOfAny(ControlCharacters) is var control and >= 0)
        {
            errors.Add($"{at}.{name}", $"must not hold control characters (U+{(int)text[control]:X4} at {control})");
            return null;
        }

        return text;
    }

    private static readonly char[] ControlCharacters = Enumerable.Range(0, 0x20).Append(0x7f).Select(c => (char)c).ToArray();

    private static bool? Bool(JsonElement element, string name, string at, Errors errors)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        errors.Add($"{at}.{name}", $"must be true or false, not {Shorten(value.GetRawText())}");
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
            if (!known.Contains(property.Name)) errors.Add($"{at}.{Shorten(property.Name)}", $"is not a known property here (known: {string.Join(", ", known)})");
        }
    }

    private sealed class Errors
    {
        private readonly List<ScenarioError> _errors = [];

        public int Count => _errors.Count;

        public IReadOnlyList<ScenarioError> All => _errors;

        /// <summary>Categories and metrics named by the observation filters read so far, for <see cref="ScenarioLimits.MaxNamesPerDefinition"/>.</summary>
        public int Names { get; set; }

        public void Add(string path, string reason) => _errors.Add(new ScenarioError(path, reason));
    }
}
