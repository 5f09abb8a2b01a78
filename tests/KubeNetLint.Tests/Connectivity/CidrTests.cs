using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Prefix containment, address membership and the parser's errors (issue 18).</summary>
public sealed class CidrTests
{
    private static Cidr C(string text)
    {
        Assert.True(Cidr.TryParse(text, out var c, out var error), error);
        return c;
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", true)]
    [InlineData("10.0.0.0/8", "10.255.255.255/32", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0/16", false)]
    [InlineData("10.0.0.0/8", "9.0.0.0/16", false)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", false)]
    [InlineData("::/0", "10.0.0.0/8", false)]
    [InlineData("0.0.0.0/0", "::/128", false)]
    [InlineData("fd00::/8", "fd00:1::/32", true)]
    public void A_prefix_contains_the_prefixes_inside_its_range_of_its_family(string outer, string inner, bool expected) =>
        Assert.Equal(expected, C(outer).Contains(C(inner)));

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("9.255.255.255", false)]
    [InlineData("11.0.0.0", false)]
    public void A_prefix_contains_the_addresses_from_its_first_to_its_last(string address, bool expected)
    {
        Assert.True(Cidr.TryParseAddress(address, out var family, out var value));
        Assert.Equal(expected, C("10.0.0.0/8").Contains(family, value));
        // The same number in the other family is another address.
        Assert.False(C("::/0").Contains(family, value));
    }

    [Theory]
    [InlineData("10.0.0.0", "needs a prefix length")]
    [InlineData("/8", "'' is not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.0/", "from 0 to 32")]
    [InlineData("10.0.0.0/33", "from 0 to 32")]
    [InlineData("10.0.0.0/0008", "from 0 to 32")]
    [InlineData("10.0.0.0/+8", "from 0 to 32")]
    [InlineData("fd00::/129", "from 0 to 128")]
    public void Malformed_prefixes_are_refused_with_the_reason(string text, string message)
    {
        Assert.False(Cidr.TryParse(text, out _, out var error));
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("fd00::/128", 128)]
    [InlineData("fd00::/100", 100)]
    [InlineData("10.0.0.0/0", 0)]
    [InlineData("10.0.0.1/32", 32)]
    public void Prefix_lengths_of_one_to_three_digits_are_read(string text, int prefix) => Assert.Equal(prefix, C(text).PrefixLength);

    [Fact]
    public void Cover_splits_a_range_into_the_fewest_aligned_prefixes()
    {
        Assert.True(Cidr.TryParseAddress("10.0.0.1", out var family, out var first));
        Assert.True(Cidr.TryParseAddress("10.0.0.6", out _, out var last));
        Assert.Equal(["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"], Cidr.Cover(family, first, last).Select(c => c.ToString()));
        Assert.Equal(["0.0.0.0/0"], Cidr.Cover(family, 0, Cidr.MaxAddress(family)).Select(c => c.ToString()));
        Assert.Equal(["10.0.0.6/32"], Cidr.Cover(family, last, last).Select(c => c.ToString()));
    }
}
