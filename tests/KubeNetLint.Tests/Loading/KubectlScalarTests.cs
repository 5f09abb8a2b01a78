using System.Globalization;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>kubectl's typing of plain scalars (go-yaml v2's resolve(), as sigs.k8s.io/yaml applies it).
/// Each row is what the JSON sent to the API server holds for the text as written.</summary>
public sealed class KubectlScalarTests
{
    /// <summary>The resolved value in a fixed notation: str:TEXT, null, bool:true, int:N, uint:N, float:R.</summary>
    private static string Describe(ResolvedScalar r, string text) => r.Kind switch
    {
        JsonScalarKind.String => "str:" + text,
        JsonScalarKind.Null => "null",
        JsonScalarKind.Bool => r.Boolean ? "bool:true" : "bool:false",
        JsonScalarKind.Integer when r.IsUnsignedOverflow => "uint:" + r.Unsigned.ToString(CultureInfo.InvariantCulture),
        JsonScalarKind.Integer => "int:" + r.Integer.ToString(CultureInfo.InvariantCulture),
        _ => "float:" + r.Float.ToString("R", CultureInfo.InvariantCulture),
    };

    [Theory]
    // Booleans: YAML 1.1's words in three casings, and y/n; mixed case stays text.
    [InlineData("yes", "bool:true")] [InlineData("Yes", "bool:true")] [InlineData("YES", "bool:true")]
    [InlineData("yEs", "str:yEs")] [InlineData("y", "bool:true")] [InlineData("Y", "bool:true")]
    [InlineData("n", "bool:false")] [InlineData("N", "bool:false")] [InlineData("no", "bool:false")]
    [InlineData("on", "bool:true")] [InlineData("On", "bool:true")] [InlineData("ON", "bool:true")] [InlineData("oN", "str:oN")]
    [InlineData("off", "bool:false")] [InlineData("Off", "bool:false")] [InlineData("OFF", "bool:false")]
    [InlineData("true", "bool:true")] [InlineData("False", "bool:false")] [InlineData("tRUE", "str:tRUE")]
    // Nulls.
    [InlineData("", "null")] [InlineData("~", "null")] [InlineData("null", "null")] [InlineData("Null", "null")]
    [InlineData("NULL", "null")] [InlineData("nULL", "str:nULL")]
    // Integers: strconv.ParseInt(s, 0, 64) after dropping underscores.
    [InlineData("0", "int:0")] [InlineData("00", "int:0")] [InlineData("-0", "int:0")] [InlineData("+12", "int:12")]
    [InlineData("-12", "int:-12")] [InlineData("010", "int:8")] [InlineData("0o10", "int:8")] [InlineData("0O10", "int:8")]
    [InlineData("0x1F", "int:31")] [InlineData("0X1f", "int:31")] [InlineData("-0x1F", "int:-31")] [InlineData("0b101", "int:5")]
    [InlineData("0B101", "int:5")] [InlineData("-0b101", "int:-5")] [InlineData("0b-101", "int:-5")] [InlineData("1_000", "int:1000")]
    [InlineData("1__0", "int:10")] [InlineData("0x_1F", "int:31")]
    [InlineData("9223372036854775807", "int:9223372036854775807")] [InlineData("-9223372036854775808", "int:-9223372036854775808")]
    [InlineData("18446744073709551615", "uint:18446744073709551615")]
    // Floats: YAML-style decimals, 08/09 (not octal), big integers, the specials.
    [InlineData("08", "float:8")] [InlineData("09", "float:9")] [InlineData("1e3", "float:1000")] [InlineData("1E3", "float:1000")]
    [InlineData("1.0", "float:1")] [InlineData("1.", "float:1")] [InlineData(".5", "float:0.5")] [InlineData("-.5", "float:-0.5")]
    [InlineData("+.5", "float:0.5")] [InlineData("1.5e-3", "float:0.0015")] [InlineData("18446744073709551616", "float:1.8446744073709552E+19")]
    [InlineData(".inf", "float:Infinity")] [InlineData("-.Inf", "float:-Infinity")] [InlineData("+.INF", "float:Infinity")] [InlineData(".NaN", "float:NaN")]
    // Text: no number, overflowing floats, sexagesimal, timestamps, a first character go-yaml never tries.
    [InlineData("1e400", "str:1e400")] [InlineData("0x", "str:0x")] [InlineData("0o", "str:0o")] [InlineData("1.2.3", "str:1.2.3")]
    [InlineData("12:30", "str:12:30")] [InlineData("2001-12-14", "str:2001-12-14")] [InlineData("2001-12-14T21:59:43Z", "str:2001-12-14T21:59:43Z")]
    [InlineData("_1", "str:_1")] [InlineData("e3", "str:e3")] [InlineData("-", "str:-")] [InlineData("+", "str:+")] [InlineData(".", "str:.")]
    [InlineData("0xZZ", "str:0xZZ")] [InlineData("1e", "str:1e")] [InlineData("v1", "str:v1")] [InlineData("nginx", "str:nginx")]
    public void Plain_scalars_resolve_as_kubectl_sends_them(string text, string expected) =>
        Assert.Equal(expected, Describe(KubectlScalar.ResolvePlain(text), text));

    [Theory]
    // Every word of go-yaml v2's resolve table (resolve.go), in each of its casings.
    [InlineData("No", "bool:false")] [InlineData("NO", "bool:false")] [InlineData("True", "bool:true")] [InlineData("TRUE", "bool:true")]
    [InlineData("false", "bool:false")] [InlineData("FALSE", "bool:false")]
    [InlineData(".nan", "float:NaN")] [InlineData(".NAN", "float:NaN")] [InlineData(".Inf", "float:Infinity")] [InlineData(".INF", "float:Infinity")]
    [InlineData("+.inf", "float:Infinity")] [InlineData("+.Inf", "float:Infinity")] [InlineData("-.inf", "float:-Infinity")] [InlineData("-.INF", "float:-Infinity")]
    [InlineData("Nan", "str:Nan")] [InlineData("-.nan", "str:-.nan")] [InlineData("Y ", "str:Y ")] [InlineData("yes!", "str:yes!")]
    // Integers at the edges of strconv.ParseInt/ParseUint with base 0, and go-yaml's own 0b handling.
    [InlineData("+0x10", "int:16")] [InlineData("+1", "int:1")] [InlineData("-0x8000000000000000", "int:-9223372036854775808")]
    [InlineData("9223372036854775808", "uint:9223372036854775808")] [InlineData("0x8000000000000000", "uint:9223372036854775808")]
    [InlineData("0xFFFFFFFFFFFFFFFF", "uint:18446744073709551615")] [InlineData("0x10000000000000000", "str:0x10000000000000000")]
    [InlineData("-9223372036854775809", "float:-9.223372036854776E+18")] [InlineData("-0x8000000000000001", "str:-0x8000000000000001")]
    [InlineData("0b", "str:0b")] [InlineData("0b2", "str:0b2")] [InlineData("-0b", "str:-0b")] [InlineData("0o8", "str:0o8")] [InlineData("0x1p3", "str:0x1p3")]
    [InlineData("0b+11", "int:3")] [InlineData("0b1111111111111111111111111111111111111111111111111111111111111111", "uint:18446744073709551615")]
    [InlineData("-0b1000000000000000000000000000000000000000000000000000000000000000", "int:-9223372036854775808")]
    [InlineData("-0b1000000000000000000000000000000000000000000000000000000000000001", "str:-0b1000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("077", "int:63")] [InlineData("0777777777777777777777", "int:9223372036854775807")] [InlineData("0x7fffffffffffffff", "int:9223372036854775807")]
    [InlineData("_", "str:_")] [InlineData("1_", "int:1")]
    // Decimal floats: YAML's pattern first, then strconv.ParseFloat.
    [InlineData("1e+3", "float:1000")] [InlineData("1.5E+2", "float:150")] [InlineData("-1e-2", "float:-0.01")] [InlineData("08.5", "float:8.5")]
    [InlineData("1e-", "str:1e-")] [InlineData("1.5e", "str:1.5e")] [InlineData("+.", "str:+.")] [InlineData("-e1", "str:-e1")] [InlineData("1.5x", "str:1.5x")]
    [InlineData(".5e1", "float:5")] [InlineData(".e1", "str:.e1")] [InlineData(".5.", "str:.5.")]
    public void Every_case_of_the_resolve_table_and_number_edges(string text, string expected) =>
        Assert.Equal(expected, Describe(KubectlScalar.ResolvePlain(text), text));

    [Fact]
    public void Quoted_and_str_tagged_scalars_are_text_and_core_tags_resolve_by_content()
    {
        Assert.Equal("str:10", Describe(KubectlScalar.Resolve("10", ScalarStyle.DoubleQuoted, null), "10"));
        Assert.Equal("str:yes", Describe(KubectlScalar.Resolve("yes", ScalarStyle.SingleQuoted, null), "yes"));
        Assert.Equal("str:10", Describe(KubectlScalar.Resolve("10", ScalarStyle.Plain, "tag:yaml.org,2002:str"), "10"));
        Assert.Equal("int:10", Describe(KubectlScalar.Resolve("10", ScalarStyle.DoubleQuoted, "tag:yaml.org,2002:int"), "10"));
        Assert.Equal("str:10", Describe(KubectlScalar.Resolve("10", ScalarStyle.Plain, "!custom"), "10"));
    }

    [Theory]
    [InlineData("1e3", 1000)] [InlineData("8.0", 8)] [InlineData("010", 8)] [InlineData("-0x10", -16)]
    public void Whole_numbers_reach_integer_fields(string text, long expected)
    {
        Assert.True(KubectlScalar.ResolvePlain(text).TryGetWholeNumber(out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("80.5")] [InlineData(".inf")] [InlineData(".nan")] [InlineData("yes")] [InlineData("18446744073709551615")] [InlineData("1e19")]
    public void Fractions_specials_and_out_of_range_values_do_not(string text) =>
        Assert.False(KubectlScalar.ResolvePlain(text).TryGetWholeNumber(out _));

    [Theory]
    [InlineData("yes", "true")] [InlineData("Off", "false")] [InlineData("010", "8")] [InlineData("0x1F", "31")]
    [InlineData("1.0", "1")] [InlineData("1.5", "1.5")] [InlineData("1e6", "1e+06")] [InlineData("123456.0", "123456")]
    [InlineData("1234567.0", "1.234567e+06")] [InlineData("0.0001", "0.0001")] [InlineData("0.00001", "1e-05")] [InlineData("-2.5", "-2.5")]
    [InlineData("3.14159", "3.14159")] [InlineData(".inf", ".inf")] [InlineData("app", "app")] [InlineData("2024-01-02", "2024-01-02")]
    public void Mapping_keys_become_the_text_sigs_k8s_io_yaml_writes(string key, string expected) =>
        Assert.Equal(expected, KubectlScalar.JsonKey(key, ScalarStyle.Plain, null));

    [Fact]
    public void A_quoted_key_stays_as_written() =>
        Assert.Equal("yes", KubectlScalar.JsonKey("yes", ScalarStyle.DoubleQuoted, null));

    [Theory]
    // Go's float syntax after a leading '.': underscores only between digits.
    [InlineData(".5_0", "float:0.5")] [InlineData(".1_2_3", "float:0.123")] [InlineData(".5e3_0", "float:5E+29")]
    [InlineData("._5", "str:._5")] [InlineData(".5_", "str:.5_")] [InlineData(".5__0", "str:.5__0")]
    [InlineData(".5_e3", "str:.5_e3")] [InlineData(".5e_3", "str:.5e_3")]
    // Hex digits at the ends of their ranges, in both cases; g is no digit of any base ParseInt gets here.
    [InlineData("0xa", "int:10")] [InlineData("0xA", "int:10")] [InlineData("0xf", "int:15")] [InlineData("0xF", "int:15")]
    [InlineData("0xg", "str:0xg")] [InlineData("0xG", "str:0xG")] [InlineData("0b12", "str:0b12")] [InlineData("0o78", "str:0o78")]
    public void Edges_of_go_syntax(string text, string expected) =>
        Assert.Equal(expected, Describe(KubectlScalar.ResolvePlain(text), text));

    [Theory]
    [InlineData("9.2e18", 9200000000000000000L)]
    [InlineData("-9.223372036854775808e18", long.MinValue)]
    [InlineData("9.223372036854774784e18", 9223372036854774784L)] // the largest double below 2^63
    public void Whole_floats_anywhere_in_int64_range_reach_an_integer_field(string text, long expected)
    {
        Assert.True(KubectlScalar.ResolvePlain(text).TryGetWholeNumber(out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9.223372036854775808e18")] [InlineData("-9.3e18")] [InlineData("1e19")]
    public void Whole_floats_outside_int64_range_do_not(string text) =>
        Assert.False(KubectlScalar.ResolvePlain(text).TryGetWholeNumber(out _));

    [Theory]
    [InlineData("5", true)] [InlineData("1.5", true)] [InlineData(".inf", true)] [InlineData("0x1F", true)]
    [InlineData("yes", false)] [InlineData("null", false)] [InlineData("v1", false)]
    public void Numbers_are_integers_and_floats(string text, bool expected) =>
        Assert.Equal(expected, KubectlScalar.ResolvePlain(text).IsNumber);
}
