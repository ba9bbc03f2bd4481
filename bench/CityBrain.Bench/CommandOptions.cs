using System.Globalization;

namespace CityBrain.Bench;

/// <summary>Hand-rolled option parsing: <c>--name value</c>, <c>--name=value</c> and value-less flags.</summary>
public sealed class CommandOptions
{
    private readonly string _command;
    private readonly Dictionary<string, string?> _values;

    private CommandOptions(string command, Dictionary<string, string?> values)
    {
        _command = command;
        _values = values;
    }

    /// <param name="valueOptions">Options that take a value, without the leading dashes.</param>
    /// <param name="flagOptions">Options that take no value, without the leading dashes.</param>
    public static CommandOptions Parse(
        string command,
        IReadOnlyList<string> args,
        IReadOnlyCollection<string> valueOptions,
        IReadOnlyCollection<string> flagOptions)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}' for command '{command}'");
            }

            var name = arg[2..];
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (values.ContainsKey(name))
            {
                throw new UsageException($"option '--{name}' given more than once");
            }

            if (flagOptions.Contains(name))
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option '--{name}' does not take a value");
                }

                values[name] = null;
            }
            else if (valueOptions.Contains(name))
            {
                if (inlineValue is not null)
                {
                    values[name] = inlineValue;
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    values[name] = args[++i];
                }
                else
                {
                    throw new UsageException($"option '--{name}' requires a value");
                }
            }
            else
            {
                throw new UsageException($"unknown option '--{name}' for command '{command}'");
            }
        }

        return new CommandOptions(command, values);
    }

    public bool HasFlag(string name) => _values.ContainsKey(name);

    public string Required(string name)
    {
        var value = Optional(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new UsageException($"missing required option '--{name}' for command '{_command}'")
            : value;
    }

    public string? Optional(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string Choice(string name, params string[] allowed)
    {
        var value = Required(name);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new UsageException($"option '--{name}' must be one of {string.Join(", ", allowed)} (got '{value}')");
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"option '--{name}' must be an integer between {min} and {max} (got '{text}')");
    }

    public double Double(string name, double defaultValue, double min)
    {
        var text = Optional(name);
        if (text is null)
        {
            return defaultValue;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min
            ? value
            : throw new UsageException($"option '--{name}' must be a number >= {min.ToString(CultureInfo.InvariantCulture)} (got '{text}')");
    }

    public Uri HttpUri(string name, string defaultValue)
    {
        var text = Optional(name) ?? defaultValue;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"option '--{name}' must be an absolute http(s) URL (got '{text}')");
    }
}
