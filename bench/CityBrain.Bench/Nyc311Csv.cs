using System.Globalization;
using System.Text;

namespace CityBrain.Bench;

/// <summary>Reads NYC 311 export rows by header name, so column order and extra columns do not matter.</summary>
public static class Nyc311Csv
{
    private const string CreatedDateFormat = "MM/dd/yyyy hh:mm:ss tt";

    private static readonly string[] RequiredColumns =
    [
        "Unique Key", "Created Date", "Agency", "Complaint Type", "Descriptor", "Community Board", "Latitude", "Longitude",
    ];

    private static readonly TimeZoneInfo NewYork = FindNewYork();

    public static IEnumerable<Nyc311Record> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BenchException($"input file not found: {path}");
        }

        using var csv = new CsvReader(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true));
        var header = csv.ReadRecord() ?? throw new BenchException($"{path}: file is empty, expected a header row");
        var index = MapColumns(path, header);

        while (csv.ReadRecord() is { } fields)
        {
            if (fields is [""])
            {
                continue;
            }

            yield return ToRecord(path, csv.RecordLine, fields, index);
        }
    }

    private static Dictionary<string, int> MapColumns(string path, string[] header)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        return missing.Count == 0
            ? index
            : throw new BenchException($"{path}: header lacks column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}");
    }

    private static Nyc311Record ToRecord(string path, int line, string[] fields, Dictionary<string, int> index)
    {
        string Field(string column)
        {
            var i = index[column];
            return i < fields.Length ? fields[i].Trim() : string.Empty;
        }

        var key = Field("Unique Key");
        if (key.Length == 0)
        {
            throw new BenchException($"{path}:{line}: empty 'Unique Key'");
        }

        var createdText = Field("Created Date");
        if (!DateTime.TryParseExact(createdText, CreatedDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new BenchException($"{path}:{line}: 'Created Date' '{createdText}' does not match {CreatedDateFormat}");
        }

        return new Nyc311Record(
            line,
            key,
            ToNewYorkOffset(local),
            Field("Agency"),
            Field("Complaint Type"),
            Field("Descriptor"),
            Field("Community Board"),
            ParseCoordinates(Field("Latitude"), Field("Longitude")));
    }

    private static (double Lat, double Lon)? ParseCoordinates(string latText, string lonText) =>
        double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
        && double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
        && double.IsFinite(lat) && double.IsFinite(lon)
            ? (lat, lon)
            : null;

    private static DateTimeOffset ToNewYorkOffset(DateTime local)
    {
        // Wall-clock times inside the spring-forward gap do not exist; exports still contain them,
        // and reading them as one hour later is what the clock on the wall meant.
        if (NewYork.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        // Fall-back times that occur twice resolve to standard time; the export carries nothing to tell them apart.
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local));
    }

    private static TimeZoneInfo FindNewYork()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (TimeZoneNotFoundException)
        {
            // Windows without ICU (InvariantGlobalization) only knows the Windows zone id.
            return TimeZoneInfo.FindSystemTimeZoneById("Eastern Standard Time");
        }
    }
}
