using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CityBrain.Bench;

/// <summary>convert-311: NYC 311 CSV rows to CloudEvents 1.0 structured-mode NDJSON, in file order.</summary>
public static class Nyc311Converter
{
    public const string Source = "nyc311";

    public static readonly string[] ValueOptions = ["input", "output"];

    // The output is a data file, never embedded in HTML, so readable text beats defensive escaping.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(CommandOptions options)
    {
        var input = options.Required("input");
        var output = options.Required("output");

        var rows = 0;
        var withCoordinates = 0;
        AtomicFile.Write(output, stream =>
        {
            using var buffer = new MemoryStream();
            foreach (var record in Nyc311Csv.Read(input))
            {
                buffer.SetLength(0);
                using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                {
                    WriteEvent(writer, record);
                }

                buffer.WriteByte((byte)'\n');
                buffer.Position = 0;
                buffer.CopyTo(stream);

                rows++;
                if (record.Coordinates is not null)
                {
                    withCoordinates++;
                }
            }
        });

        Console.WriteLine($"convert-311: {rows} rows, {withCoordinates} with coordinates, {rows - withCoordinates} without -> {output}");
        return 0;
    }

    private static void WriteEvent(Utf8JsonWriter writer, Nyc311Record record)
    {
        writer.WriteStartObject();
        writer.WriteString("specversion", "1.0");
        writer.WriteString("id", record.UniqueKey);
        writer.WriteString("source", Source);
        writer.WriteString("type", "city.report");
        writer.WriteString("subject", Source);
        writer.WriteString("time", record.Created.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        writer.WriteString("datacontenttype", "application/json");
        writer.WriteStartObject("data");
        writer.WriteString("category", Slug.From(record.ComplaintType));
        writer.WriteString("description", record.Descriptor);
        if (record.Coordinates is { } position)
        {
            writer.WriteNumber("lon", position.Lon);
            writer.WriteNumber("lat", position.Lat);
        }

        writer.WriteString("agency", record.Agency);
        writer.WriteString("communityBoard", record.CommunityBoard);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
