using KubeNetLint.Core.Rules.Ingresses;

namespace KubeNetLint.Tests.Rules.Ingresses;

public sealed class HostNamesTests
{
    [Theory]
    [InlineData("shop.example.com", "shop.example.com", true)]
    [InlineData("Shop.Example.com", "shop.example.com", true)]
    [InlineData("shop.example.com.", "shop.example.com", true)]
    [InlineData("*.example.com", "shop.example.com", true)]
    [InlineData("*.example.com", "SHOP.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.shop.example.com", false)]
    [InlineData("*.example.com", "shopexample.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("*.example.com", "*.example.com", true)]
    [InlineData("shop.example.com", "*.example.com", false)]
    [InlineData("*.apps.example.com", "*.example.com", false)]
    [InlineData("*.example.com", "*.apps.example.com", false)]
    [InlineData("example.com", "shop.example.com", false)]
    [InlineData("f*.example.com", "foo.example.com", false)]
    public void Wildcards_cover_exactly_one_label(string name, string host, bool covered) =>
        Assert.Equal(covered, HostNames.Covers(name, host));

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("*.example.com")]
    [InlineData("localhost")]
    [InlineData("1password.example.com")]
    [InlineData("10.example.com")]
    [InlineData("1.2.3")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("a-b.c-d.example")]
    [InlineData("a0.z9.example")]
    public void Valid_hosts(string host) => Assert.Null(HostNames.Problem(host));

    [Theory]
    [InlineData("192.168.1.1", "IP address")]
    [InlineData("::1", "IP address")]
    [InlineData("2001:db8::1", "IP address")]
    [InlineData("Shop.example.com", "upper-case")]
    [InlineData("shop.A.example.com", "upper-case")]
    [InlineData("shop.Z.example.com", "upper-case")]
    [InlineData("*", "bare")]
    [InlineData("*shop.example.com", "wildcard")]
    [InlineData("shop.*.example.com", "wildcard")]
    [InlineData("*.*.example.com", "wildcard")]
    [InlineData("shop.example.*", "wildcard")]
    [InlineData("my_shop.example.com", "'_'")]
    [InlineData("shop.example.com:8443", "':'")]
    [InlineData("shop.example.com.", "trailing dot")]
    [InlineData("shop..example.com", "empty label")]
    [InlineData("shop..example.com.", "empty label")]
    [InlineData(".example.com", "empty label")]
    [InlineData("-shop.example.com", "'-'")]
    [InlineData("shop-.example.com", "'-'")]
    [InlineData("", "empty")]
    public void Invalid_hosts_say_why(string host, string reason) =>
        Assert.Contains(reason, HostNames.Problem(host) ?? "<valid>", StringComparison.Ordinal);

    [Fact]
    public void Length_limits()
    {
        Assert.Contains("longer than 63", HostNames.Problem(new string('a', 64) + ".example.com"), StringComparison.Ordinal);
        Assert.Null(HostNames.Problem(new string('a', 63) + ".example.com"));
        var tooLong = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        Assert.Contains("longer than 253", HostNames.Problem(tooLong), StringComparison.Ordinal);
        // Exactly 253 characters (three labels of 63, one of 61 and three dots) is allowed; one more is not.
        var atLimit = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('a', 61);
        Assert.Equal(253, atLimit.Length);
        Assert.Null(HostNames.Problem(atLimit));
        Assert.Contains("longer than 253", HostNames.Problem(atLimit + "a"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("256.1.1.1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("fe80::1", true)]
    [InlineData("example.com", false)]
    // netutils.ParseIPSloppy, as the API server's Ingress validation: leading zeros are dropped first.
    [InlineData("0010.0.0.1", true)]
    [InlineData("01.02.03.004", true)]
    [InlineData("0256.0.0.1", false)]
    [InlineData("1..2.3", false)]
    [InlineData("fe80::1%eth0", false)]
    public void Ip_addresses_are_read_like_go(string host, bool ip) => Assert.Equal(ip, HostNames.IsIpAddress(host));
}
