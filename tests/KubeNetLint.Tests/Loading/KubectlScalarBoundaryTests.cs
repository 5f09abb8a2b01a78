using System.Globalization;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>kubectl's scalar typing at the edges of int64 and uint64, in every base go-yaml reads, and
/// the text sigs.k8s.io/yaml writes for float keys (strconv.FormatFloat(f, 'g', -1, 32)).</summary>
public sealed class KubectlScalarBoundaryTests
{
    private static string Describe(ResolvedScalar r) => r.Kind switch
    {
        JsonScalarKind.String => "str",
        JsonScalarKind.Integer when r.IsUnsignedOverflow => "uint:" + r.Unsigned.ToString(CultureInfo.InvariantCulture),
        JsonScalarKind.Integer => "int:" + r.Integer.ToString(CultureInfo.InvariantCulture),
        JsonScalarKind.Float => "float:" + r.Float.ToString("R", CultureInfo.InvariantCulture),
        _ => r.Kind.ToString(),
    };

    private static string Ones(int n) => new('1', n);

    [Theory]
    // Decimal, at and next to each bound.
    [InlineData("9223372036854775806", "int:9223372036854775806")]
    [InlineData("9223372036854775807", "int:9223372036854775807")]
    [InlineData("9223372036854775808", "uint:9223372036854775808")]
    [InlineData("-9223372036854775806", "int:-9223372036854775806")]
    [InlineData("-9223372036854775807", "int:-9223372036854775807")]
    [InlineData("-9223372036854775808", "int:-9223372036854775808")]
    [InlineData("18446744073709551615", "uint:18446744073709551615")]
    [InlineData("18446744073709551616", "float:1.8446744073709552E+19")]
    // A sign is no digit of an unsigned number, and only one sign is read.
    [InlineData("-18446744073709551615", "float:-1.8446744073709552E+19")]
    [InlineData("+18446744073709551615", "float:1.8446744073709552E+19")]
    [InlineData("+-1", "str")]
    [InlineData("--1", "str")]
    [InlineData("+0x8000000000000000", "str")]
    // Hex at the int64 bounds.
    [InlineData("0x7ffffffffffffffe", "int:9223372036854775806")]
    [InlineData("-0x7fffffffffffffff", "int:-9223372036854775807")]
    [InlineData("-0x8000000000000000", "int:-9223372036854775808")]
    public void Integers_at_the_edges(string text, string expected) =>
        Assert.Equal(expected, Describe(KubectlScalar.ResolvePlain(text)));

    [Fact]
    public void Binary_with_go_yaml_s_own_0b_reading_at_the_edges()
    {
        Assert.Equal("int:9223372036854775807", Describe(KubectlScalar.ResolvePlain("0b" + Ones(63))));
        Assert.Equal("uint:9223372036854775808", Describe(KubectlScalar.ResolvePlain("0b1" + new string('0', 63))));
        Assert.Equal("uint:18446744073709551615", Describe(KubectlScalar.ResolvePlain("0b" + Ones(64))));
        Assert.Equal("str", Describe(KubectlScalar.ResolvePlain("0b1" + new string('0', 64))));
        // A sign after 0b (go-yaml passes what follows to ParseInt with base 2).
        Assert.Equal("int:-9223372036854775807", Describe(KubectlScalar.ResolvePlain("0b-" + Ones(63))));
        Assert.Equal("int:-9223372036854775806", Describe(KubectlScalar.ResolvePlain("0b-" + Ones(62) + "0")));
        Assert.Equal("int:-9223372036854775808", Describe(KubectlScalar.ResolvePlain("0b-1" + new string('0', 63))));
        Assert.Equal("str", Describe(KubectlScalar.ResolvePlain("0b-1" + new string('0', 62) + "1")));
        Assert.Equal("str", Describe(KubectlScalar.ResolvePlain("0b-" + Ones(64))));
        // And a sign before it.
        Assert.Equal("int:-9223372036854775806", Describe(KubectlScalar.ResolvePlain("-0b" + Ones(62) + "0")));
        Assert.Equal("int:-9223372036854775808", Describe(KubectlScalar.ResolvePlain("-0b1" + new string('0', 63))));
        Assert.Equal("int:9223372036854775807", Describe(KubectlScalar.ResolvePlain("0b+" + Ones(63))));
        Assert.Equal("str", Describe(KubectlScalar.ResolvePlain("0b+1" + new string('0', 63))));
        Assert.Equal("str", Describe(KubectlScalar.ResolvePlain("0b-")));
        Assert.Equal("str", Describe(KubectlScalar.ResolvePlain("0b+")));
    }

    [Theory]
    [InlineData("", false, 0L)]
    [InlineData("+", false, 0L)]
    [InlineData("-", false, 0L)]
    [InlineData("-0", true, 0L)]
    [InlineData("-1", true, -1L)]
    [InlineData("-9223372036854775806", true, -9223372036854775806L)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("-9223372036854775809", false, 0L)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("9223372036854775808", false, 0L)]
    public void ParseInt_with_base_0(string text, bool ok, long expected)
    {
        Assert.Equal(ok, KubectlScalar.TryParseGoInt(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    // Fixed notation from 1e-4 up to below 1e6, exponent form outside, whatever the digit count.
    [InlineData("1234567.0", "1.234567e+06")]
    [InlineData("12345678.0", "1.2345678e+07")]
    [InlineData("999999.0", "999999")]
    [InlineData("1000000.0", "1e+06")]
    [InlineData("123456.7", "123456.7")]
    [InlineData("0.5", "0.5")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("0.05", "0.05")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00012", "0.00012")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1.5e-7", "1.5e-07")]
    [InlineData("-1.5e-7", "-1.5e-07")]
    [InlineData("1e30", "1e+30")]
    [InlineData("2.5e10", "2.5e+10")]
    [InlineData("1e100", ".inf")]
    [InlineData("-1e100", "-.inf")]
    [InlineData("0.0", "0")]
    [InlineData("-0.0", "-0")]
    [InlineData("10.0", "10")]
    [InlineData("12.5", "12.5")]
    public void Float_keys_are_written_as_go_formats_a_float32(string key, string expected) =>
        Assert.Equal(expected, KubectlScalar.JsonKey(key, ScalarStyle.Plain, null));
}
