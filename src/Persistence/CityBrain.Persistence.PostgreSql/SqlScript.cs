namespace CityBrain.Persistence;

/// <summary>
/// Splits a PostgreSQL script into statements at top-level semicolons: not inside '…' strings, "…" identifiers,
/// $tag$…$tag$ bodies, -- line comments or /* */ block comments. Executing statement by statement lets a failed
/// migration name the statement that failed.
/// </summary>
public static class SqlScript
{
    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        var statements = new List<SqlStatement>();
        var start = 0;
        var line = 1;
        var startLine = 1;
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\n') line++;
            if (c == '-' && Next(script, i) == '-')
            {
                while (i < script.Length && script[i] != '\n') i++;
                continue;
            }

            if (c == '/' && Next(script, i) == '*')
            {
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? script.Length : end + 2;
                line += Count(script, i, end, '\n');
                i = end;
                continue;
            }

            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < script.Length && !(script[end] == c && Next(script, end) != c)) end += script[end] == c ? 2 : 1;
                end = Math.Min(end + 1, script.Length);
                line += Count(script, i, end, '\n');
                i = end;
                continue;
            }

            if (c == '$' && DollarTag(script, i) is { } tag)
            {
                var end = script.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = end < 0 ? script.Length : end + tag.Length;
                line += Count(script, i, end, '\n');
                i = end;
                continue;
            }

            if (c == ';')
            {
                Add(statements, script[start..i], startLine);
                start = i + 1;
                startLine = line;
            }

            i++;
        }

        Add(statements, script[start..], startLine);
        return statements;
    }

    private static void Add(List<SqlStatement> statements, string text, int startLine)
    {
        // Leading blank lines and line comments belong to no statement; report the line where the SQL begins.
        var lines = text.Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim() is { Length: > 0 } t && !t.StartsWith("--", StringComparison.Ordinal));
        if (first < 0) return;
        statements.Add(new SqlStatement(startLine + first, string.Join('\n', lines[first..]).Trim()));
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    private static int Count(string s, int from, int to, char c)
    {
        var n = 0;
        for (var k = from; k < to && k < s.Length; k++) if (s[k] == c) n++;
        return n;
    }

    /// <summary>The opening tag (<c>$$</c> or <c>$name$</c>) at <paramref name="i"/>, or null if it is not one.</summary>
    private static string? DollarTag(string s, int i)
    {
        var end = i + 1;
        while (end < s.Length && (char.IsLetterOrDigit(s[end]) || s[end] == '_')) end++;
        return end < s.Length && s[end] == '$' && (end == i + 1 || !char.IsDigit(s[i + 1])) ? s[i..(end + 1)] : null;
    }
}
