using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Graph;

/// <summary>The exact shape of what <see cref="AddressScanner"/> finds (docs/semantics.md §10): the URL or token
/// as reported, the host, the port (and whether the scheme implied it), the scheme, where the host starts and
/// how long it is, and the position; at the boundaries of every cut it makes.</summary>
public sealed class AddressScannerTests
{
    /// <summary>`address|host|port|default?|scheme|offset+length|position` per candidate, in the order found.</summary>
    private static string Found(string text, bool hostVariable = false) =>
        string.Join(" ; ", AddressScanner.Scan(text, hostVariable).Select(c =>
            $"{c.Address}|{c.Host}|{c.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}|{(c.DefaultPort ? "default" : "written")}|{c.Scheme ?? "-"}|{c.Offset}+{c.Length}|{c.Position}"));

    [Theory]
    // User info is left out of the reported URL (it may hold a password); the host starts after the last '@'.
    [InlineData("redis://:pw@cache:6380/0", "redis://cache:6380/0|cache|6380|written|redis|12+5|Url")]
    [InlineData("amqp://user:pw@rabbit", "amqp://rabbit|rabbit|5672|default|amqp|15+6|Url")]
    [InlineData("http://@web:81/p", "http://web:81/p|web|81|written|http|8+3|Url")]
    [InlineData("http://a@b@web/x", "http://web/x|web|80|default|http|11+3|Url")]
    [InlineData("x http://Web.Shop:8080/a?b=1#c", "http://Web.Shop:8080/a?b=1#c|web.shop|8080|written|http|9+8|Url")]
    // An empty port is the scheme's default (RFC 3986 §3.2.3); a scheme without a default leaves it unknown.
    [InlineData("http://web:/x", "http://web:/x|web|80|default|http|7+3|Url")]
    [InlineData("grpc://cart:", "grpc://cart:|cart|-|written|grpc|7+4|Url")]
    // Host lists: every host with its own or the default port; empty pieces are skipped.
    [InlineData("mongodb://u:p@a:27017,,b/db", "mongodb://a:27017,,b/db|a|27017|written|mongodb|14+1|Url ; mongodb://a:27017,,b/db|b|27017|default|mongodb|23+1|Url")]
    // Quotes and backticks end a URL, whitespace too.
    [InlineData("curl 'http://web:8080/a'", "http://web:8080/a|web|8080|written|http|13+3|Url")]
    [InlineData("curl \"http://web:8080/a\"", "http://web:8080/a|web|8080|written|http|13+3|Url")]
    [InlineData("run `http://web:8080/a`", "http://web:8080/a|web|8080|written|http|12+3|Url")]
    // gRPC's dns:/// target; `dns://` with nothing after it is no address (and no crash).
    [InlineData("dns:///cart.shop:7070", "dns:///cart.shop:7070|cart.shop|7070|written|dns|7+9|Url")]
    [InlineData("dns://", "")]
    [InlineData("use dns://", "")]
    [InlineData("http://", "")]
    // An IPv6 literal is no host name.
    [InlineData("http://[fd00::1]:8080/ db.prod:5432", "db.prod:5432|db.prod|5432|written|-|23+7|Text")]
    public void Urls(string text, string expected) => Assert.Equal(expected, Found(text));

    [Theory]
    // Tokens before, between and after URLs are read; the URLs themselves only once.
    [InlineData("db.prod:5432 http://web:80/ cache.prod:6379",
        "http://web:80/|web|80|written|http|20+3|Url ; db.prod:5432|db.prod|5432|written|-|0+7|Text ; cache.prod:6379|cache.prod|6379|written|-|28+10|Text")]
    // A URL right after a colon: the token before it ends where the URL starts.
    [InlineData("db.prod:http://web/", "http://web/|web|80|default|http|15+3|Url ; db.prod|db.prod|-|written|-|0+7|Text")]
    [InlineData("http://web", "http://web|web|80|default|http|7+3|Url")]
    public void Urls_among_tokens(string text, string expected) => Assert.Equal(expected, Found(text));

    [Theory]
    // Trailing '.', ',' and ':' are punctuation, not part of the address.
    [InlineData("see db.prod:5432.", false, "db.prod:5432|db.prod|5432|written|-|4+7|Text")]
    [InlineData("db.prod:5432:", false, "db.prod:5432|db.prod|5432|written|-|0+7|Text")]
    [InlineData("db.prod:5432,", false, "db.prod:5432|db.prod|5432|written|-|0+7|Text")]
    [InlineData(",db.prod:5432", false, "db.prod:5432|db.prod|5432|written|-|1+7|Text")]
    [InlineData("db.prod.", false, "db.prod|db.prod|-|written|-|0+7|Text")]
    [InlineData(".", false, "")]
    [InlineData(".:", false, "")]
    [InlineData(",", false, "")]
    [InlineData("a ,,,", false, "")]
    // A flag, a path or user info anywhere in a token makes the whole token no address list.
    [InlineData("-x,db.prod:5432", false, "")]
    [InlineData(",-x,db.prod:5432", false, "")]
    [InlineData("@x,db.prod:5432", false, "")]
    [InlineData("/x,db.prod:5432", false, "")]
    [InlineData("x\\y,db.prod:5432", false, "")]
    // A host variable's whole value as a list: empty pieces are skipped and the list stays a host list.
    [InlineData("kafka-0:9092,,kafka-1:9092", true, "kafka-0:9092|kafka-0|9092|written|-|0+7|HostVariable ; kafka-1:9092|kafka-1|9092|written|-|14+7|HostVariable")]
    [InlineData("kafka-0:9092,bad_host", true, "kafka-0:9092|kafka-0|9092|written|-|0+7|Text")]
    public void Tokens(string text, bool hostVariable, string expected) => Assert.Equal(expected, Found(text, hostVariable));

    [Theory]
    [InlineData("db:1", "1")]
    [InlineData("db:12345", "12345")]
    [InlineData("db:65535", "65535")]
    [InlineData("db:0", "")]
    [InlineData("db:65536", "")]
    [InlineData("db:000080", "")]
    [InlineData("db:99999999999", "")]
    [InlineData("db:8o", "")]
    public void Ports_are_1_to_65535_in_at_most_five_digits(string text, string port) =>
        Assert.Equal(port, string.Join(",", AddressScanner.Scan(text, false).Select(c => c.Port)));

    [Fact]
    public void A_host_name_has_at_most_253_characters()
    {
        string name = new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 61);
        Assert.Equal(253, name.Length);
        var at = Assert.Single(AddressScanner.Scan(name + ":80", false));
        Assert.Equal((name, 80, 0, 253), (at.Host, at.Port!.Value, at.Offset, at.Length));
        // The final dot of a fully qualified name is not counted, but is part of what the host covers.
        var dotted = Assert.Single(AddressScanner.Scan(name + ".:80", false));
        Assert.Equal((name, 254), (dotted.Host, dotted.Length));
        Assert.Empty(AddressScanner.Scan("e" + name + ":80", false));
        Assert.Empty(AddressScanner.Scan("http://e" + name + ":80/", false));
    }

    [Fact]
    public void Texts_of_up_to_100_000_characters_are_read()
    {
        Assert.Empty(AddressScanner.Scan("", true));
        var atLimit = "db.prod:5432" + new string(' ', 100_000 - 12);
        Assert.Equal(100_000, atLimit.Length);
        Assert.Equal("db.prod", Assert.Single(AddressScanner.Scan(atLimit, false)).Host);
        Assert.Empty(AddressScanner.Scan(atLimit + " ", false));
        Assert.Empty(AddressScanner.Scan("http://web/" + new string(' ', 100_000 - 10), false));
    }

    [Theory]
    [InlineData("x$(HOST", "x$(HOST")]
    [InlineData("a$(HOST)b$(HOST", "awebb$(HOST")]
    public void Expand_keeps_an_unclosed_reference_as_written(string input, string expected) =>
        Assert.Equal(expected, AddressScanner.Expand(input, new Dictionary<string, string> { ["HOST"] = "web" }));

    // ---- Locate: where a part of a scalar's value is on its line -------------------------------------

    /// <summary>A scalar on line 1 of a one-line file, from <paramref name="startColumn"/> to before
    /// <paramref name="endColumn"/> (1-based), as the parser builds it.</summary>
    private static ScalarNode Scalar(string line, int startColumn, int endColumn, string value, ScalarStyle style, int endLine = 1) =>
        new()
        {
            File = new SourceFile { Path = "t.yaml", Text = line + "\n" },
            Span = new SourceSpan(1, startColumn, endLine, endColumn),
            Value = value,
            Style = style,
        };

    private static string? At(ScalarNode node, int offset, int length) => AddressScanner.Locate(node, offset, length)?.Span.ToString();

    [Fact]
    public void A_plain_value_maps_one_to_one()
    {
        // "v: http://db" — the value starts at column 4; "db" is offset 7, columns 11-12.
        var node = Scalar("v: http://db", 4, 13, "http://db", ScalarStyle.Plain);
        Assert.Equal("1:11-1:13", At(node, 7, 2));
        Assert.Equal("1:4-1:6", At(node, 0, 2));
        Assert.Equal("1:4-1:13", At(node, 0, 9));
        // Outside the value, empty or negative: no place.
        Assert.Null(At(node, 8, 2));
        Assert.Null(At(node, 7, 0));
        Assert.Null(At(node, 7, -1));
        Assert.Null(At(node, -1, 2));
        // A scalar at the start of its line.
        Assert.Equal("1:1-1:3", At(Scalar("db:80", 1, 6, "db:80", ScalarStyle.Plain), 0, 2));
    }

    [Fact]
    public void A_value_that_does_not_match_its_line_has_no_exact_place()
    {
        // The line says something else than the value: the caller points at the whole value instead.
        Assert.Null(At(Scalar("v: db:80", 4, 9, "db:81", ScalarStyle.Plain), 0, 2));
        // A span past the end of the line, or ending before it starts.
        Assert.Null(At(Scalar("v: db", 9, 12, "db", ScalarStyle.Plain), 0, 2));
        Assert.Null(At(Scalar("v: db:80", 6, 4, "db", ScalarStyle.Plain), 0, 2));
        Assert.Null(At(Scalar("v: db:80", 0, 4, "v: db:80", ScalarStyle.Plain), 0, 2));
        // An empty span of a quoted scalar.
        Assert.Null(At(Scalar("v: 'db'", 4, 4, "db", ScalarStyle.SingleQuoted), 0, 2));
        Assert.Null(At(Scalar("v: \"db\"", 4, 4, "db", ScalarStyle.DoubleQuoted), 0, 2));
        // A scalar over more than one line, or a block scalar.
        Assert.Null(At(Scalar("v: db:80", 4, 9, "db:80", ScalarStyle.Plain, endLine: 2), 0, 2));
        Assert.Null(At(Scalar("v: db:80", 4, 9, "db:80", ScalarStyle.Literal), 0, 2));
        Assert.Null(At(Scalar("v: db:80", 4, 9, "db:80", ScalarStyle.Folded), 0, 2));
    }

    [Fact]
    public void A_single_quoted_value_maps_around_doubled_quotes()
    {
        // v: 'it''s db:80' — the value "it's db:80"; "db" is offset 5, the quote pair counts as one.
        var node = Scalar("v: 'it''s db:80'", 4, 17, "it's db:80", ScalarStyle.SingleQuoted);
        Assert.Equal("1:11-1:13", At(node, 5, 2));
        Assert.Equal("1:5-1:7", At(node, 0, 2));
        // Without its quotes at both ends the span is not the scalar.
        Assert.Null(At(Scalar("v: 'db:80x", 4, 11, "db:80", ScalarStyle.SingleQuoted), 0, 2));
        Assert.Null(At(Scalar("v: xdb:80'", 4, 11, "db:80", ScalarStyle.SingleQuoted), 0, 2));
        Assert.Null(At(Scalar("v: '", 4, 5, "", ScalarStyle.SingleQuoted), 0, 1));
    }

    [Fact]
    public void A_double_quoted_value_maps_around_escapes()
    {
        // v: "\t db" — the escape is one character of the value.
        Assert.Equal("1:8-1:10", At(Scalar("v: \"\\t db\"", 4, 11, "\t db", ScalarStyle.DoubleQuoted), 2, 2));
        // An escape right before the closing quote.
        Assert.Equal("1:5-1:7", At(Scalar("v: \"db\\x41\"", 4, 12, "dbA", ScalarStyle.DoubleQuoted), 0, 2));
        Assert.Equal("1:7-1:8", At(Scalar("v: \"db\\x41\"", 4, 12, "dbA", ScalarStyle.DoubleQuoted), 2, 1));
        // \U0010FFFF is two UTF-16 characters of the value, both on the escape.
        var top = Scalar("v: \"\\U0010FFFF db\"", 4, 19, "\U0010FFFF db", ScalarStyle.DoubleQuoted);
        Assert.Equal("1:16-1:18", At(top, 3, 2));
        Assert.Equal("1:5-1:6", At(top, 0, 2));
        Assert.Equal("1:12-1:14", At(Scalar("v: \"\\uE000 db\"", 4, 15, "\uE000 db", ScalarStyle.DoubleQuoted), 2, 2));
        Assert.Equal("1:12-1:14", At(Scalar("v: \"\\uD7FF db\"", 4, 15, "\uD7FF db", ScalarStyle.DoubleQuoted), 2, 2));
        Assert.Null(At(Scalar("v: \"db:80x", 4, 11, "db:80", ScalarStyle.DoubleQuoted), 0, 2));
        Assert.Null(At(Scalar("v: xdb:80\"", 4, 11, "db:80", ScalarStyle.DoubleQuoted), 0, 2));
    }

    [Theory]
    // Not Unicode scalar values: surrogates and past U+10FFFF.
    [InlineData("\"\\uD800 db\"")]
    [InlineData("\"\\uDFFF db\"")]
    [InlineData("\"\\U00110000 db\"")]
    // Cut short: the digits run into or past the closing quote.
    [InlineData("\"\\x\"")]
    [InlineData("\"\\x4\"")]
    [InlineData("\"\\U41\"")]
    [InlineData("\"\\U0041\"")]
    [InlineData("\"db\\zz\"")]
    // A backslash that escapes the closing quote: the scalar does not end on this line.
    [InlineData("\"db:80\\\"")]
    public void A_double_quoted_value_with_a_broken_escape_has_no_exact_place(string raw)
    {
        // The value is what the mutated decoding would produce at most; a broken escape is never located.
        var line = "v: " + raw;
        foreach (var value in new[] { "db", " db", "db:80\"", "" })
            Assert.Null(At(Scalar(line, 4, line.Length + 1, value, ScalarStyle.DoubleQuoted), 0, 2));
    }
}
