using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Graph;

/// <summary>How clearly the place an address was found in says "this is a host" (docs/semantics.md §10).</summary>
public enum HostPosition
{
    /// <summary>The host of a URL with a known scheme (`http://cart:8080/`).</summary>
    Url,
    /// <summary>The whole value of an env var whose name says it holds an address (`CART_ADDR`, `DB_HOST`),
    /// as a host, `host:port` or a comma-separated list of them.</summary>
    HostVariable,
    /// <summary>Anywhere else: a `host:port` token in args, command or free text.</summary>
    Text,
}

/// <summary>One address found in a string: the host (lower case, without a final dot), the port when one is
/// written or implied by the scheme, and where the host starts and how long it is in the string.</summary>
public sealed record AddressCandidate(string Address, string Host, int? Port, bool DefaultPort, string? Scheme, int Offset, int Length, HostPosition Position);

/// <summary>Finds host addresses in configuration values: URLs (`http(s)://`, `grpc://`, `redis://`, `amqp://`,
/// `mongodb://`, `postgres://`, JDBC `jdbc:postgresql://`, …, with user info and comma-separated host lists),
/// `host:port` tokens and comma-separated host lists. It only cuts the text; whether a host is a cluster
/// Service is decided by <see cref="DeclaredDependencies"/>.</summary>
public static partial class AddressScanner
{
    /// <summary>Schemes whose URLs are read, with the port a client uses when the URL names none (null: no
    /// default, the port stays unknown). Other schemes (file://, s3://, git://, …) are not addresses of Services.</summary>
    private static readonly Dictionary<string, int?> Schemes = new(StringComparer.Ordinal)
    {
        ["http"] = 80, ["https"] = 443, ["ws"] = 80, ["wss"] = 443, ["h2c"] = 80,
        ["grpc"] = null, ["grpcs"] = null, ["tcp"] = null,
        ["redis"] = 6379, ["rediss"] = 6379,
        ["amqp"] = 5672, ["amqps"] = 5671,
        ["mongodb"] = 27017,
        ["postgres"] = 5432, ["postgresql"] = 5432,
        ["mysql"] = 3306, ["mariadb"] = 3306,
        ["nats"] = 4222,
        ["sqlserver"] = 1433,
    };

    /// <summary>The last word of an env var name (split at `_`, `.` and `-`) that says the value is an address.</summary>
    private static readonly HashSet<string> HostWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "HOST", "HOSTS", "HOSTNAME", "ADDR", "ADDRS", "ADDRESS", "ADDRESSES", "URL", "URLS", "URI", "URIS",
        "ENDPOINT", "ENDPOINTS", "SERVICE", "SERVER", "SERVERS", "BROKER", "BROKERS", "UPSTREAM", "DSN",
    };

    /// <summary>Words that make a name about the pod's own or a public address, not a dependency.</summary>
    private static readonly HashSet<string> SelfWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "LISTEN", "BIND", "POD", "NODE", "SELF", "PUBLIC", "EXTERNAL", "ADVERTISED", "ADVERTISE",
    };

    /// <summary>Does an env var (or ConfigMap key) name say its value is the address of something to call?</summary>
    public static bool IsHostVariable(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        var words = name.Split(['_', '.', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Any(SelfWords.Contains)) return false;
        return HostWords.Contains(words[^1]);
    }

    public static IReadOnlyList<AddressCandidate> Scan(string text, bool hostVariable)
    {
        var found = new List<AddressCandidate>();
        if (text.Length == 0 || text.Length > 100_000) return found;
        // The token scan below reads a copy in which every URL is blanked out (a space is a token delimiter).
        var tokens = text.ToCharArray();
        foreach (Match m in UrlStart().Matches(text))
        {
            var scheme = m.Groups["scheme"].Value.ToLowerInvariant();
            int authStart = m.Index + m.Length;
            int urlEnd = authStart;
            while (urlEnd < text.Length && !char.IsWhiteSpace(text[urlEnd]) && text[urlEnd] is not ('"' or '\'' or '`')) urlEnd++;
            Array.Fill(tokens, ' ', m.Index, urlEnd - m.Index);
            if (scheme == "dns")
            {
                // gRPC's target syntax: dns:///host:port (an authority names a DNS server, not the target).
                if (authStart < text.Length && text[authStart] == '/') AddHosts(found, text, authStart + 1, AuthorityEnd(text, authStart + 1), "dns", null, text[m.Index..urlEnd]);
                continue;
            }
            if (!Schemes.TryGetValue(scheme, out var defaultPort)) continue;
            int authEnd = AuthorityEnd(text, authStart);
            // The hosts follow the last '@' of the authority, if any; the URL as reported leaves out user info
            // (`user:password@`): it may hold a secret.
            int hostStart = authStart + text.AsSpan(authStart, authEnd - authStart).LastIndexOf('@') + 1;
            var url = string.Concat(text.AsSpan(m.Index, authStart - m.Index), text.AsSpan(hostStart, urlEnd - hostStart));
            AddHosts(found, text, hostStart, authEnd, scheme, defaultPort, url);
        }

        var trimmed = text.Trim();
        int i = 0;
        while (i < text.Length)
        {
            if (IsTokenDelimiter(tokens[i])) { i++; continue; }
            int start = i;
            while (i < text.Length && !IsTokenDelimiter(tokens[i])) i++;
            ScanToken(found, text, start, i, hostVariable && text.AsSpan(start, i - start).Trim(",.").SequenceEqual(trimmed.AsSpan().Trim(",.")));
        }
        return found;
    }

    private static void ScanToken(List<AddressCandidate> found, string text, int start, int end, bool wholeHostVariable)
    {
        while (start < end && text[start] == ',') start++;
        while (end > start && text[end - 1] is ',' or '.' or ':') end--;
        if (end <= start || text[start] == '-') return;
        var token = text.AsSpan(start, end - start);
        if (token.IndexOfAny('/', '@', '\\') >= 0) return;
        var pieces = new List<(int Start, int End)>();
        int p = start;
        for (int k = start; k <= end; k++)
            if (k == end || text[k] == ',') { if (k > p) pieces.Add((p, k)); p = k + 1; }
        var parsed = pieces.Select(x => (x.Start, Parsed: ParseHostPort(text.AsSpan(x.Start, x.End - x.Start), lowerCaseOnly: true))).ToList();
        bool hostList = parsed.All(x => x.Parsed is not null);
        foreach (var (pieceStart, hp) in parsed)
        {
            if (hp is null) continue;
            var h = hp.Value;
            var position = wholeHostVariable && hostList ? HostPosition.HostVariable : HostPosition.Text;
            // In free text a bare word is prose; only `name:port` or a dotted name can be an address there.
            if (position == HostPosition.Text && h.Port is null && !h.Host.Contains('.')) continue;
            found.Add(new AddressCandidate(h.Text, h.Host, h.Port, false, null, pieceStart, h.HostLength, position));
        }
    }

    private static void AddHosts(List<AddressCandidate> found, string text, int start, int end, string scheme, int? defaultPort, string url)
    {
        int p = start;
        for (int k = start; k <= end; k++)
        {
            if (k < end && text[k] != ',') continue;
            // An empty piece (`a,,b`) parses to nothing.
            var parsed = ParseHostPort(text.AsSpan(p, k - p), lowerCaseOnly: false);
            if (parsed is not null)
            {
                var h = parsed.Value;
                found.Add(new AddressCandidate(url, h.Host, h.Port ?? defaultPort, h.Port is null && defaultPort is not null, scheme, p, h.HostLength, HostPosition.Url));
            }
            p = k + 1;
        }
    }

    private readonly record struct HostPort(string Text, string Host, int HostLength, int? Port);

    /// <summary>`host` or `host:port`: DNS labels of letters, digits and '-', a port of 1-65535. Null for
    /// anything else (IPv6 literals, ranges, words with other characters).</summary>
    private static HostPort? ParseHostPort(ReadOnlySpan<char> piece, bool lowerCaseOnly)
    {
        int colon = piece.IndexOf(':');
        var host = piece;
        int? port = null;
        // Stryker disable once Equality : a colon at 0 leaves an empty host, and the whole piece, which then starts with ':', is no host either: both are refused below
        if (colon >= 0)
        {
            host = piece[..colon];
            var portText = piece[(colon + 1)..];
            // An empty port is the scheme's default (RFC 3986 §3.2.3, Go's net/url: `http://web:/` is port 80).
            if (portText.Length > 0)
            {
                if (portText.Length > 5 || !IsDigits(portText)) return null;
                int n = int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture);
                if (n < 1 || n > 65535) return null;
                port = n;
            }
        }
        int hostLength = host.Length;
        if (host.EndsWith('.')) host = host[..^1];
        if (host.Length is 0 or > 253) return null;
        if (lowerCaseOnly ? !LowerHost().IsMatch(host) : !AnyCaseHost().IsMatch(host)) return null;
        return new HostPort(piece.ToString(), host.ToString().ToLowerInvariant(), hostLength, port);
    }

    /// <summary>The character of a \x, \u or \U escape at <paramref name="i"/> with <paramref name="hex"/>
    /// digits inside a double-quoted scalar (quotes included in <paramref name="raw"/>); null when the digits
    /// are missing or do not name a Unicode scalar value.</summary>
    private static string? HexEscape(ReadOnlySpan<char> raw, int i, int hex)
    {
        if (i + 2 + hex > raw.Length - 1) return null;
        if (!int.TryParse(raw.Slice(i + 2, hex), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp)) return null;
        return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF) ? char.ConvertFromUtf32(cp) : null;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static int AuthorityEnd(string text, int from)
    {
        int i = from;
        while (i < text.Length && text[i] is not ('/' or '?' or '#' or ';' or '"' or '\'' or '`' or '<' or '>' or ')' or ']' or '}') && !char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    private static bool IsTokenDelimiter(char c) =>
        char.IsWhiteSpace(c) || c is '=' or '"' or '\'' or '`' or '(' or ')' or '[' or ']' or '{' or '}' or '<' or '>' or ';' or '|';

    /// <summary>Kubelet's `$(VAR)` expansion (third_party/forked/golang/expansion): `$(NAME)` becomes the
    /// value of NAME when it is defined and stays as written when not, `$$` is a literal `$`.</summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> vars)
    {
        if (!input.Contains('$')) return input;
        var sb = new StringBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length) { sb.Append(input[i]); continue; }
            char next = input[i + 1];
            if (next == '$') { sb.Append('$'); i++; continue; }
            if (next == '(')
            {
                int close = input.IndexOf(')', i + 2);
                // Stryker disable once Equality : the search starts at i + 2, so close is never 0
                if (close < 0) { sb.Append(input, i, input.Length - i); break; }
                var name = input[(i + 2)..close];
                if (vars.TryGetValue(name, out var value)) sb.Append(value);
                else sb.Append(input, i, close - i + 1);
                i = close;
                continue;
            }
            sb.Append('$').Append(next);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Where a part of a scalar's value is in the file: exact for a one-line plain, single- or
    /// double-quoted scalar, else null (the caller points at the value).</summary>
    public static SourceLocation? Locate(ScalarNode node, int offset, int length)
    {
        if (node.Span.StartLine != node.Span.EndLine || node.Style is not (ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)) return null;
        var line = node.File.LineText(node.Span.StartLine);
        int start = node.Span.StartColumn - 1, end = Math.Min(node.Span.EndColumn - 1, line.Length);
        if (start < 0 || end <= start) return null;
        var raw = line.AsSpan(start, end - start);
        var map = new List<int>(raw.Length);
        var decoded = new StringBuilder(raw.Length);
        switch (node.Style)
        {
            case ScalarStyle.Plain:
                for (int i = 0; i < raw.Length; i++) { map.Add(i); decoded.Append(raw[i]); }
                break;
            case ScalarStyle.SingleQuoted:
                // raw is never empty (end > start above); a lone quote decodes to nothing and is refused below.
                if (raw[0] != '\'' || raw[^1] != '\'') return null;
                for (int i = 1; i < raw.Length - 1; i++)
                {
                    map.Add(i);
                    decoded.Append(raw[i]);
                    if (raw[i] == '\'') i++;
                }
                break;
            default:
                if (raw[0] != '"' || raw[^1] != '"') return null;
                for (int i = 1; i < raw.Length - 1; i++)
                {
                    if (raw[i] != '\\') { map.Add(i); decoded.Append(raw[i]); continue; }
                    if (i + 1 >= raw.Length - 1) return null;
                    char e = raw[i + 1];
                    int hex = e switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
                    string? ch = hex > 0
                        ? HexEscape(raw, i, hex)
                        : e switch
                        {
                            '0' => "\0", 'a' => "\a", 'b' => "\b", 't' or '\t' => "\t", 'n' => "\n", 'v' => "\v", 'f' => "\f", 'r' => "\r",
                            'e' => "\u001b", ' ' => " ", '"' => "\"", '/' => "/", '\\' => "\\", 'N' => "\u0085", '_' => "\u00a0",
                            'L' => "\u2028", 'P' => "\u2029", _ => null,
                        };
                    if (ch is null) return null;
                    foreach (var _ in ch) map.Add(i);
                    decoded.Append(ch);
                    i += 1 + hex;
                }
                break;
        }
        if (decoded.ToString() != node.Value || offset < 0 || length <= 0 || offset + length > map.Count) return null;
        int first = start + map[offset] + 1, last = start + map[offset + length - 1] + 2;
        return new SourceLocation(node.File, new SourceSpan(node.Span.StartLine, first, node.Span.StartLine, last));
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9+.-])(?:jdbc:)?(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://", RegexOptions.CultureInvariant)]
    private static partial Regex UrlStart();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerHost();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex AnyCaseHost();
}
