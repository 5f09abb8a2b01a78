using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Rules;

/// <summary>The name formats of k8s.io/apimachinery/pkg/util/validation at their boundaries: the length
/// limits (DNS1123LabelMaxLength 63, DNS1035LabelMaxLength 63, DNS1123SubdomainMaxLength 253, IANA_SVC_NAME
/// 15), the characters each allows, and the exact reasons the rules quote.</summary>
public sealed class KubernetesNamesTests
{
    private const string Label1123 = "it must consist of lowercase letters, digits and '-', and start and end with a letter or digit";
    private const string Label1035 = "it must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit";
    private const string Subdomain = "it must be lowercase labels of letters, digits and '-' separated by dots, each starting and ending with a letter or digit";

    [Theory]
    [InlineData("a", null)] [InlineData("0", null)] [InlineData("a-0", null)] [InlineData("9a", null)]
    [InlineData("", Label1123)] [InlineData("-a", Label1123)] [InlineData("a-", Label1123)] [InlineData("A", Label1123)]
    [InlineData("a.b", Label1123)] [InlineData("a_b", Label1123)]
    public void Dns1123_labels(string value, string? expected) =>
        Assert.Equal(expected, KubernetesNames.Dns1123LabelProblem(value));

    [Fact]
    public void Dns1123_labels_are_at_most_63_characters()
    {
        Assert.Null(KubernetesNames.Dns1123LabelProblem(new string('a', 63)));
        Assert.Equal("it is 64 characters long, at most 63 are allowed", KubernetesNames.Dns1123LabelProblem(new string('a', 64)));
        // The length is checked first: a long name with bad characters gets the length reason.
        Assert.Equal("it is 64 characters long, at most 63 are allowed", KubernetesNames.Dns1123LabelProblem(new string('A', 64)));
    }

    [Theory]
    [InlineData("a", null)] [InlineData("a-0", null)] [InlineData("abc9", null)]
    [InlineData("0a", Label1035)] [InlineData("", Label1035)] [InlineData("a-", Label1035)] [InlineData("-a", Label1035)] [InlineData("aB", Label1035)]
    public void Dns1035_labels_start_with_a_letter(string value, string? expected) =>
        Assert.Equal(expected, KubernetesNames.Dns1035LabelProblem(value));

    [Fact]
    public void Dns1035_labels_are_at_most_63_characters()
    {
        Assert.Null(KubernetesNames.Dns1035LabelProblem(new string('a', 63)));
        Assert.Equal("it is 64 characters long, at most 63 are allowed", KubernetesNames.Dns1035LabelProblem(new string('a', 64)));
    }

    [Theory]
    [InlineData("a", null)] [InlineData("a.b", null)] [InlineData("my-db.example.com", null)] [InlineData("0.0", null)]
    [InlineData("", Subdomain)] [InlineData("a..b", Subdomain)] [InlineData(".a", Subdomain)] [InlineData("a.", Subdomain)]
    [InlineData("a.-b", Subdomain)] [InlineData("Example.com", Subdomain)]
    public void Dns1123_subdomains(string value, string? expected) =>
        Assert.Equal(expected, KubernetesNames.Dns1123SubdomainProblem(value));

    [Fact]
    public void Dns1123_subdomains_are_at_most_253_characters()
    {
        var ok = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253]; // 4 labels, trimmed to 253
        Assert.Null(KubernetesNames.Dns1123SubdomainProblem(ok));
        Assert.Equal("it is 254 characters long, at most 253 are allowed", KubernetesNames.Dns1123SubdomainProblem(ok + "a"));
    }

    [Theory]
    [InlineData("http", null)] [InlineData("h2c", null)] [InlineData("a-b", null)] [InlineData("x", null)]
    [InlineData("123456789012345", "it must contain at least one letter")]
    [InlineData("abcdefghijklmno", null)]
    [InlineData("abcdefghijklmnop", "it is 16 characters long, at most 15 are allowed")]
    [InlineData("HTTP", "it must consist of lowercase letters, digits and '-'")]
    [InlineData("web_port", "it must consist of lowercase letters, digits and '-'")]
    [InlineData("", "it must consist of lowercase letters, digits and '-'")]
    [InlineData("-web", "it must not start or end with '-'")]
    [InlineData("web-", "it must not start or end with '-'")]
    [InlineData("we--b", "it must not contain '--'")]
    [InlineData("8080", "it must contain at least one letter")]
    public void Iana_service_names(string value, string? expected) =>
        Assert.Equal(expected, KubernetesNames.IanaServiceNameProblem(value));

    [Theory]
    [InlineData(0, false)] [InlineData(1, true)] [InlineData(80, true)] [InlineData(65535, true)] [InlineData(65536, false)] [InlineData(-1, false)]
    public void Port_numbers_are_1_to_65535(long port, bool valid) =>
        Assert.Equal(valid, KubernetesNames.IsValidPortNumber(port));

    [Theory]
    [InlineData("10.0.0.1", true)] [InlineData("255.255.255.255", true)] [InlineData("::1", true)] [InlineData("fe80::1", true)]
    [InlineData("256.0.0.1", true)] // the shape IsIpAddress checks: four groups of 1-3 digits
    [InlineData("10.0.0", false)] [InlineData("10.0.0.1.2", false)] [InlineData("1000.0.0.1", false)] [InlineData("a.b.c.d", false)]
    [InlineData("my-db", false)] [InlineData("1:2:3", false)] [InlineData("10.0.0.1 ", false)]
    public void Ip_addresses(string value, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsIpAddress(value));

    [Theory]
    // IsValidIPForLegacyField: dotted IPv4 parts may carry leading zeros (each at most 255 once they are dropped).
    [InlineData("10.0.0.1", true)] [InlineData("010.001.000.001", true)] [InlineData("0000.0.0.0", true)] [InlineData("0255.0.0.0", true)]
    [InlineData("255.255.255.255", true)] [InlineData("256.0.0.1", false)] [InlineData("1000.0.0.1", false)] [InlineData("0.0.0.1000", false)]
    [InlineData("10.0.0", false)] [InlineData("10.0.0.1.1", false)] [InlineData("10..0.1", false)] [InlineData("10.0.0.a", false)]
    [InlineData("10.0.0.+1", false)] [InlineData("", false)]
    // IPv6, IPv4-mapped included; no zone, brackets or prefix.
    [InlineData("::1", true)] [InlineData("2001:db8::1", true)] [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("fe80::1%eth0", false)] [InlineData("[::1]", false)] [InlineData("2001:db8::/32", false)] [InlineData("1:2", false)]
    [InlineData("gggg::1", false)]
    public void Legacy_ip_addresses(string value, bool expected) =>
        Assert.Equal(expected, KubernetesNames.IsLegacyIpAddress(value));
}
