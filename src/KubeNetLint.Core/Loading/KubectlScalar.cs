using System.Globalization;

namespace KubeNetLint.Core.Loading;

/// <summary>What a YAML scalar becomes in the JSON that <c>kubectl apply</c> sends.</summary>
public enum JsonScalarKind : byte { String, Null, Bool, Integer, Float }

/// <summary>A scalar as kubectl sends it: its JSON kind and value. <see cref="Integer"/> holds integers
/// that fit a long; larger unsigned ones (up to 2^64-1, which go-yaml keeps as uint64) are
/// <see cref="IsUnsignedOverflow"/> with the value in <see cref="Unsigned"/>.</summary>
public readonly record struct ResolvedScalar(JsonScalarKind Kind, bool Boolean = false, long Integer = 0, double Float = 0,
    ulong Unsigned = 0, bool IsUnsignedOverflow = false)
{
    public static readonly ResolvedScalar String = new ResolvedScalar(JsonScalarKind.String);
    public static readonly ResolvedScalar Null = new ResolvedScalar(JsonScalarKind.Null);

    private const double TwoTo63 = 9223372036854775808.0;

    public bool IsNumber => Kind is JsonScalarKind.Integer or JsonScalarKind.Float;

    /// <summary>The integer an integer field of the API receives: JSON integers, and floats with no
    /// fraction (kubectl re-encodes <c>1e3</c> as <c>1000</c> and <c>8.0</c> as <c>8</c>).</summary>
    public bool TryGetWholeNumber(out long value)
    {
        value = 0;
        switch (Kind)
        {
            case JsonScalarKind.Integer when !IsUnsignedOverflow:
                value = Integer;
                return true;
            // Every whole float in int64's range [-2^63, 2^63) (both bounds exact doubles) decodes into an int64 field.
            case JsonScalarKind.Float when double.IsFinite(Float) && Math.Floor(Float) == Float && Float >= -TwoTo63 && Float < TwoTo63:
                value = (long)Float;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// kubectl's typing of plain YAML scalars. <c>kubectl apply</c> converts YAML to JSON with
/// sigs.k8s.io/yaml, which decodes with go-yaml v2 and its YAML-1.1-flavoured <c>resolve()</c>
/// (resolve.go); the API server then decodes that JSON into typed fields. This mirrors <c>resolve()</c>
/// case for case, so every rule sees the value the API server would see: <c>yes</c>/<c>on</c>/<c>y</c>
/// are booleans, <c>010</c> is 8, <c>1_000</c> is 1000, <c>1e3</c> and <c>1.0</c> are floats,
/// <c>08</c> is the float 8, timestamps stay strings. docs/semantics.md lists the cases.
/// This is the one place scalars are typed; both parsers produce <see cref="ScalarNode"/>s that use it.
/// </summary>
public static class KubectlScalar
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>The value of a scalar as written (style and tag included) once kubectl has read it.</summary>
    public static ResolvedScalar Resolve(string value, ScalarStyle style, string? tag)
    {
        if (tag is null)
            return style == ScalarStyle.Plain ? ResolvePlain(value) : ResolvedScalar.String;
        // An explicit core tag other than !!str is resolved by content, quoted or not (go-yaml's
        // resolvableTag); !!str, !!binary and custom tags keep the text.
        return tag switch
        {
            CoreTagPrefix + "int" or CoreTagPrefix + "float" or CoreTagPrefix + "bool" or CoreTagPrefix + "null"
                or CoreTagPrefix + "timestamp" => ResolvePlain(value),
            _ => ResolvedScalar.String,
        };
    }

    /// <summary>go-yaml v2 <c>resolve("", in)</c>: the first character decides what is tried.</summary>
    public static ResolvedScalar ResolvePlain(string s)
    {
        if (s.Length == 0) return ResolvedScalar.Null;
        char c = s[0];
        switch (c)
        {
            case 'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~':
                return Special(s) ?? ResolvedScalar.String;
            case '.':
                var special = Special(s);
                if (special is not null) return special.Value;
                return TryParseGoFloat(s, out var f) ? new ResolvedScalar(JsonScalarKind.Float, Float: f) : ResolvedScalar.String;
            case '+' or '-' or (>= '0' and <= '9'):
                var signed = Special(s);   // +.inf, -.inf
                if (signed is not null) return signed.Value;
                return ResolveNumber(s);
            default:
                return ResolvedScalar.String;
        }
    }

    /// <summary>go-yaml's resolve map: booleans in three casings (and y/n), nulls, infinities, NaN.</summary>
    private static ResolvedScalar? Special(string s) => s switch
    {
        "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON"
            => new ResolvedScalar(JsonScalarKind.Bool, Boolean: true),
        "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF"
            => new ResolvedScalar(JsonScalarKind.Bool, Boolean: false),
        "~" or "null" or "Null" or "NULL" => ResolvedScalar.Null,
        ".nan" or ".NaN" or ".NAN" => new ResolvedScalar(JsonScalarKind.Float, Float: double.NaN),
        ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => new ResolvedScalar(JsonScalarKind.Float, Float: double.PositiveInfinity),
        "-.inf" or "-.Inf" or "-.INF" => new ResolvedScalar(JsonScalarKind.Float, Float: double.NegativeInfinity),
        _ => null,
    };

    /// <summary>Sign or digit first: underscores dropped, then strconv.ParseInt(s, 0, 64), ParseUint,
    /// a YAML-style decimal float, and go-yaml's own 0b handling. Timestamps (2001-12-14) are tried
    /// first by go-yaml but reach JSON as strings, as does anything else.</summary>
    private static ResolvedScalar ResolveNumber(string s)
    {
        var plain = s.Contains('_') ? s.Replace("_", "", StringComparison.Ordinal) : s;
        if (plain.Length == 0) return ResolvedScalar.String;
        if (TryParseGoInt(plain, out var l)) return new ResolvedScalar(JsonScalarKind.Integer, Integer: l);
        if (TryParseGoUint(plain, out var u)) return Unsigned(u);
        if (IsYamlStyleFloat(plain))
        {
            if (TryParseDecimalFloat(plain, out var f)) return new ResolvedScalar(JsonScalarKind.Float, Float: f);
        }
        // go-yaml parses what follows 0b with an explicit base 2, which takes a sign: "0b-101" is -5.
        if (plain.StartsWith("0b", StringComparison.Ordinal))
        {
            if (TryParseSigned(plain.AsSpan(2), 2, out l)) return new ResolvedScalar(JsonScalarKind.Integer, Integer: l);
            if (TryParseUnsigned(plain.AsSpan(2), 2, out u)) return Unsigned(u);
        }
        else if (plain.StartsWith("-0b", StringComparison.Ordinal) && TryParseSigned(("-" + plain[3..]).AsSpan(), 2, out l))
            return new ResolvedScalar(JsonScalarKind.Integer, Integer: l);
        return ResolvedScalar.String;
    }

    /// <summary>An unsigned parse is tried only after the signed one failed, so u is past long.MaxValue.</summary>
    private static ResolvedScalar Unsigned(ulong u) => new ResolvedScalar(JsonScalarKind.Integer, Unsigned: u, IsUnsignedOverflow: true);

    /// <summary>strconv.ParseInt(s, 0, 64) on a string without underscores: an optional sign, then
    /// 0b/0o/0x (any case, needs a digit after it), a leading 0 for octal, or decimal.</summary>
    internal static bool TryParseGoInt(string s, out long value)
    {
        value = 0;
        var span = s.AsSpan();
        bool negative = false;
        if (span.Length > 0 && (span[0] == '+' || span[0] == '-')) { negative = span[0] == '-'; span = span[1..]; }
        if (span.Length == 0) return false;
        if (!TryParseBase0(span, out var magnitude)) return false;
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1) return false;
            value = unchecked(-(long)magnitude);   // 2^63 wraps to long.MinValue, its own negation
            return true;
        }
        if (magnitude > long.MaxValue) return false;
        value = (long)magnitude;
        return true;
    }

    /// <summary>strconv.ParseUint(s, 0, 64) on a non-empty string: no sign (a sign is no digit of any
    /// base, so TryParseDigits refuses it).</summary>
    private static bool TryParseGoUint(string s, out ulong value) => TryParseBase0(s.AsSpan(), out value);

    private static bool TryParseBase0(ReadOnlySpan<char> s, out ulong value)
    {
        int numberBase = 10;
        if (s[0] == '0')
        {
            char marker = s.Length >= 3 ? char.ToLowerInvariant(s[1]) : '0';
            if (marker == 'b') { numberBase = 2; s = s[2..]; }
            else if (marker == 'o') { numberBase = 8; s = s[2..]; }
            else if (marker == 'x') { numberBase = 16; s = s[2..]; }
            else { numberBase = 8; s = s[1..]; }
        }
        return TryParseDigits(s, numberBase, out value);
    }

    private static bool TryParseSigned(ReadOnlySpan<char> s, int numberBase, out long value)
    {
        value = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) { negative = s[0] == '-'; s = s[1..]; }
        if (s.Length == 0) return false;
        if (!TryParseDigits(s, numberBase, out var magnitude)) return false;
        if (negative ? magnitude > (ulong)long.MaxValue + 1 : magnitude > long.MaxValue) return false;
        value = negative ? unchecked(-(long)magnitude) : (long)magnitude;   // 2^63 wraps to long.MinValue
        return true;
    }

    private static bool TryParseUnsigned(ReadOnlySpan<char> s, int numberBase, out ulong value)
    {
        value = 0;
        return s.Length > 0 && TryParseDigits(s, numberBase, out value);
    }

    /// <summary>Digits of one base (an empty run is 0, as strconv reads the "0" of octal "0").</summary>
    private static bool TryParseDigits(ReadOnlySpan<char> s, int numberBase, out ulong value)
    {
        value = 0;
        foreach (var ch in s)
        {
            int d = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,   // bases go up to 16 here
                >= 'A' and <= 'F' => ch - 'A' + 10,
                _ => 99,
            };
            if (d >= numberBase) return false;
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)numberBase) return false;
            value = value * (ulong)numberBase + (ulong)d;
        }
        return true;
    }

    /// <summary>go-yaml's yamlStyleFloat: <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>.</summary>
    private static bool IsYamlStyleFloat(string s)
    {
        int i = s.StartsWith('+') || s.StartsWith('-') ? 1 : 0;
        int intDigits = CountDigits(s, ref i);
        if (intDigits == 0)
        {
            if (i >= s.Length || s[i] != '.') return false;
            i++;
            if (CountDigits(s, ref i) == 0) return false;
        }
        else if (i < s.Length && s[i] == '.')
        {
            i++;
            CountDigits(s, ref i);
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            if (CountDigits(s, ref i) == 0) return false;
        }
        return i == s.Length;
    }

    private static int CountDigits(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        // Stryker disable once Arithmetic : callers only ask whether this is 0; what i + start lets through has no digit where double.TryParse needs one, and it refuses.
        return i - start;
    }

    /// <summary>strconv.ParseFloat on a decimal float; an overflow (1e400) is an error there, so the
    /// scalar stays a string.</summary>
    private static bool TryParseDecimalFloat(string s, out double value) =>
        double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>strconv.ParseFloat for a scalar starting with '.': Go's float syntax, where underscores
    /// may separate digits.</summary>
    private static bool TryParseGoFloat(string s, out double value)
    {
        value = 0;
        if (s.Contains('_'))
        {
            for (int i = 0; i < s.Length; i++)
                if (s[i] == '_' && (i == 0 || i == s.Length - 1 || !char.IsAsciiDigit(s[i - 1]) || !char.IsAsciiDigit(s[i + 1]))) return false;
            s = s.Replace("_", "", StringComparison.Ordinal);
        }
        return IsYamlStyleFloat(s) && TryParseDecimalFloat(s, out value);
    }

    /// <summary>A mapping key as kubectl sends it: sigs.k8s.io/yaml turns resolved keys back into text
    /// (<c>yes:</c> becomes "true", <c>010:</c> "8", <c>1.0:</c> "1").</summary>
    public static string JsonKey(string value, ScalarStyle style, string? tag)
    {
        var r = Resolve(value, style, tag);
        return r.Kind switch
        {
            JsonScalarKind.Bool => r.Boolean ? "true" : "false",
            JsonScalarKind.Integer when !r.IsUnsignedOverflow => r.Integer.ToString(CultureInfo.InvariantCulture),
            JsonScalarKind.Float => FormatFloat32G(r.Float),
            _ => value,
        };
    }

    /// <summary>Go's strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for float keys.</summary>
    internal static string FormatFloat32G(double d)
    {
        if (double.IsNaN(d)) return ".nan";
        if (double.IsPositiveInfinity(d)) return ".inf";
        if (double.IsNegativeInfinity(d)) return "-.inf";
        float f = (float)d;
        if (float.IsPositiveInfinity(f)) return ".inf";
        if (float.IsNegativeInfinity(f)) return "-.inf";
        if (f == 0) return float.IsNegative(f) ? "-0" : "0";
        // Shortest round-trip digits and the decimal exponent, then strconv's %g layout for the
        // shortest form: exponent notation when exp < -4 or exp >= 6 (ftoa.go: "if precision was the
        // shortest possible, use precision 6 for this decision"), so 1234567 is 1.234567e+06.
        var shortest = f.ToString("R", CultureInfo.InvariantCulture);
        var digitsAndExp = f.ToString("E" + (SignificantDigits(shortest) - 1), CultureInfo.InvariantCulture);
        bool negative = digitsAndExp[0] == '-';
        var body = negative ? digitsAndExp[1..] : digitsAndExp;
        int ePos = body.IndexOf('E');
        var digits = body[..ePos].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int exp = int.Parse(body[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dp = exp + 1;
        string text = "";
        if (exp < -4 || exp >= 6)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            text = mantissa + "e" + exp.ToString("+00;-00", CultureInfo.InvariantCulture);
        }
        else if (dp <= 0) text = "0." + new string('0', -dp) + digits;
        else if (dp >= digits.Length) text = digits + new string('0', dp - digits.Length);
        else text = digits[..dp] + "." + digits[dp..];
        return negative ? "-" + text : text;
    }

    private static int SignificantDigits(string roundTrip)
    {
        var mantissa = roundTrip.Split('E')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).TrimStart('0').TrimEnd('0');
        return Math.Max(1, mantissa.Length);
    }
}
