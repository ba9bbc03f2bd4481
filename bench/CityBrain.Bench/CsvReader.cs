using System.Text;

namespace CityBrain.Bench;

/// <summary>
/// RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks,
/// which is why records cannot simply be split per text line.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private int _line = 1;

    public CsvReader(TextReader reader) => _reader = reader;

    /// <summary>1-based line number where the record last returned by <see cref="ReadRecord"/> started.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Returns the next record, or null at end of input.</summary>
    public string[]? ReadRecord()
    {
        if (_reader.Peek() < 0)
        {
            return null;
        }

        RecordLine = _line;
        var fields = new List<string>();
        var inQuotes = false;
        _field.Clear();

        while (true)
        {
            var c = _reader.Read();
            if (inQuotes)
            {
                if (c < 0)
                {
                    throw new FormatException($"unterminated quoted field in record starting at line {RecordLine}");
                }

                if (c == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when _field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r' when _reader.Peek() == '\n':
                    break;
                case '\n':
                case '\r':
                    _line++;
                    fields.Add(_field.ToString());
                    return fields.ToArray();
                case < 0:
                    fields.Add(_field.ToString());
                    return fields.ToArray();
                default:
                    _field.Append((char)c);
                    break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
