using KubeNetLint.Core.Rules.NetworkPolicy;

namespace KubeNetLint.Tests.Rules.NetworkPolicy;

/// <summary>How the KNL3xx messages list things: up to the limit in full, then "and N more".</summary>
public sealed class ConnectivityRulesTests
{
    [Theory]
    [InlineData(0, 3, "")]
    [InlineData(3, 3, "a, b, c")]                  // at the limit: all of them
    [InlineData(4, 3, "a, b, c and 1 more")]       // one past it
    [InlineData(7, 3, "a, b, c and 4 more")]
    [InlineData(5, 5, "a, b, c, d, e")]
    [InlineData(6, 5, "a, b, c, d, e and 1 more")]
    public void Lists_up_to_the_limit_then_counts_the_rest(int count, int max, string expected) =>
        Assert.Equal(expected, ConnectivityRules.List(Enumerable.Range(0, count).Select(i => ((char)('a' + i)).ToString()), max));
}
