using CityBrain.Persistence;

namespace CityBrain.UnitTests;

public sealed class SqlScriptTests
{
    [Fact]
    public void Statements_split_at_top_level_semicolons_only()
    {
        var statements = SqlScript.Split("""
            CREATE TABLE a (t text DEFAULT 'x;y');
            -- a comment; with a semicolon
            INSERT INTO q VALUES ('k', $q$SELECT 1; SELECT 2;$q$);
            /* block; comment */ SELECT "odd;name" FROM a;
            CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;
            """);

        Assert.Equal(4, statements.Count);
        Assert.Equal((1, "CREATE TABLE a (t text DEFAULT 'x;y')"), (statements[0].Line, statements[0].Text));
        Assert.Equal(3, statements[1].Line);
        Assert.EndsWith("$q$SELECT 1; SELECT 2;$q$)", statements[1].Text);
        Assert.Contains("\"odd;name\"", statements[2].Text);
        Assert.EndsWith("LANGUAGE plpgsql", statements[3].Text);
    }

    [Fact]
    public void A_script_of_comments_has_no_statements() => Assert.Empty(SqlScript.Split("-- nothing here;\n\n-- still nothing\n"));
}
