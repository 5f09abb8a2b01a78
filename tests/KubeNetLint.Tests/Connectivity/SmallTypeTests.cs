using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Port queries, the diff's emptiness and the endpoint order (issue 18).</summary>
public sealed class SmallTypeTests
{
    [Theory]
    [InlineData("8080", "8080/TCP")]
    [InlineData("53/udp", "53/UDP")]
    [InlineData("1", "1/TCP")]
    [InlineData("65535/SCTP", "65535/SCTP")]
    public void A_port_query_reads_number_and_protocol(string text, string expected)
    {
        Assert.True(PortQuery.TryParse(text, out var q, out var error), error);
        Assert.Equal(expected, q.ToString());
    }

    [Theory]
    [InlineData("0", "is not a port")]
    [InlineData("65536", "is not a port")]
    [InlineData("80/TCP/x", "is not a port")]
    [InlineData("-1", "is not a port")]
    [InlineData("http", "is not a port")]
    [InlineData("80/ICMP", "'ICMP' is not a protocol")]
    public void A_bad_port_query_is_refused_with_the_reason(string text, string message)
    {
        Assert.False(PortQuery.TryParse(text, out _, out var error));
        Assert.Contains(message, error);
    }

    private static ReachabilityDiff Diff(string[]? added = null, string[]? removed = null, ConnectionChange[]? changes = null) => new()
    {
        Endpoints = [], EndpointsAdded = added ?? [], EndpointsRemoved = removed ?? [], Changes = changes ?? [],
    };

    [Fact]
    public void A_diff_is_empty_only_without_changes_and_without_endpoints_added_or_removed()
    {
        Assert.True(Diff().IsEmpty);
        Assert.False(Diff(added: ["shop/Deployment/web"]).IsEmpty);
        Assert.False(Diff(removed: ["shop/Deployment/web"]).IsEmpty);
        Assert.False(Diff(changes: [new("a", "b", ChangeKind.Added, null, ConnectionSet.All)]).IsEmpty);
    }

    [Fact]
    public void Endpoints_are_ordered_by_kind_then_external_cells_by_address_and_the_rest_by_id()
    {
        var a = Analyze(Deployment("shop", "web", "app: web") + Deployment("shop", "api", "app: api") + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: out, namespace: shop}
            spec:
              podSelector: {}
              egress: [{to: [{ipBlock: {cidr: 9.0.0.0/8}}, {ipBlock: {cidr: 10.0.0.0/8}}, {ipBlock: {cidr: 100.0.0.0/8}}]}]
            ---

            """);
        var sorted = a.Endpoints.Reverse().Order(EndpointOrder.Instance).ToList();
        Assert.Equal(["shop/Deployment/api", "shop/Deployment/web"], sorted.Where(e => !e.IsExternal).Select(e => e.Id));
        Assert.True(sorted.FindLastIndex(e => !e.IsExternal) < sorted.FindIndex(e => e.IsExternal));
        var cells = sorted.Where(e => e.IsExternal).Select(e => e.Cell!).ToList();
        Assert.Equal(cells.OrderBy(c => c.Family).ThenBy(c => c.First), cells);
        Assert.Contains(cells, c => c.ToString().Contains("9.0.0.0"));

        var web = a.At("shop/Deployment/web");
        Assert.Equal(0, EndpointOrder.Instance.Compare(web, web));
        Assert.Equal(1, EndpointOrder.Instance.Compare(web, null));
        Assert.Equal(-1, EndpointOrder.Instance.Compare(null, web));
    }
}
