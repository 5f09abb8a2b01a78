using KubeNetLint.Core.Config;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Graph;

/// <summary>The route table (RouteGraph.Table) of testdata/graph/routes.yaml row by row: frontends of accepted
/// and failing parents, the match text of HTTP and gRPC rules, Ingress paths without a backend or a Service
/// name, each backend's status, the field it points at, and the container ports behind it.</summary>
public sealed class RouteTableTests
{
    private static readonly string Routes = Path.Combine(Repo.TestData, "graph", "routes.yaml");

    private static ResourceGraph Build(LintConfig? config = null)
    {
        return Lint.Graph([Routes], config);
    }

    private static string Row(RoutePath p) =>
        $"{p.Frontend.Kind} {p.Frontend.Source.Id} gw={p.Frontend.Gateway ?? "-"} listener={p.Frontend.Listener ?? "-"} host={p.Frontend.Host} match={p.Frontend.Match} ok={p.Frontend.Ok} status={p.Frontend.Status}"
        + (p.Backend is null ? " -> (none)" : $" -> {p.Backend.Kind} {p.Backend.Describe()} {p.Backend.Status} @{p.Backend.Node.Location.Line} workloads={p.Backend.Workloads.Count} ports={string.Join(",", p.Backend.ContainerPorts().Select(t => $"{t.Workload.Name}:{t.ContainerPort}"))}")
        + (p.Mirror ? " mirror" : "");

    [Fact]
    public void Every_row_of_the_route_table()
    {
        // A parent that fails (a Gateway missing in another namespace, an implementation's own kind) still
        // lists the route's rules, for the Gateway and section it names and every hostname of the route. A
        // rule without matches is `PathPrefix /` for an HTTPRoute and `(any)` otherwise. Target ports 65535
        // and 1 reach the workload; a named one that does not resolve on it reaches nothing.
        Assert.Equal(
            [
            "Ingress shop/Ingress/web gw=- listener=- host=* match=(default backend) ok=True status=ok -> Resource shop/(resource) UnsupportedKind @129 workloads=0 ports=",
            "Ingress shop/Ingress/web gw=- listener=- host=* match=Prefix /api ok=True status=ok -> Service shop/web:80 Ok @137 workloads=1 ports=web:65535",
            "Ingress shop/Ingress/web gw=- listener=- host=* match=Exact /none ok=True status=ok -> (none)",
            "Ingress shop/Ingress/web gw=- listener=- host=* match=ImplementationSpecific / ok=True status=ok -> Resource shop/(resource) UnsupportedKind @143 workloads=0 ports=",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener=http host=a.example.com match=PathPrefix / ok=True status=ok -> Service shop/web:80 Ok @86 workloads=1 ports=web:65535",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener=http host=a.example.com match=Exact /x GET header X-A=1 header X-B~b.* query q=v ok=True status=ok -> Service shop/web:81 Ok @97 workloads=1 ports=web:1",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener=http host=a.example.com match=PathPrefix / ok=True status=ok -> Service shop/nope:80 ServiceMissing @100 workloads=0 ports=",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener=http host=b.example.com match=PathPrefix / ok=True status=ok -> Service shop/web:80 Ok @86 workloads=1 ports=web:65535",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener=http host=b.example.com match=Exact /x GET header X-A=1 header X-B~b.* query q=v ok=True status=ok -> Service shop/web:81 Ok @97 workloads=1 ports=web:1",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener=http host=b.example.com match=PathPrefix / ok=True status=ok -> Service shop/nope:80 ServiceMissing @100 workloads=0 ports=",
            "HTTPRoute shop/HTTPRoute/web gw=elsewhere/gw listener=https host=a.example.com,b.example.com match=PathPrefix / ok=False status=no Gateway 'gw' in namespace 'elsewhere' -> Service shop/web:80 Ok @86 workloads=1 ports=web:65535",
            "HTTPRoute shop/HTTPRoute/web gw=elsewhere/gw listener=https host=a.example.com,b.example.com match=Exact /x GET header X-A=1 header X-B~b.* query q=v ok=False status=no Gateway 'gw' in namespace 'elsewhere' -> Service shop/web:81 Ok @97 workloads=1 ports=web:1",
            "HTTPRoute shop/HTTPRoute/web gw=elsewhere/gw listener=https host=a.example.com,b.example.com match=PathPrefix / ok=False status=no Gateway 'gw' in namespace 'elsewhere' -> Service shop/nope:80 ServiceMissing @100 workloads=0 ports=",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener= host=a.example.com,b.example.com match=PathPrefix / ok=False status=a parentRef of kind example.com/Gateway is implementation-specific -> Service shop/web:80 Ok @86 workloads=1 ports=web:65535",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener= host=a.example.com,b.example.com match=Exact /x GET header X-A=1 header X-B~b.* query q=v ok=False status=a parentRef of kind example.com/Gateway is implementation-specific -> Service shop/web:81 Ok @97 workloads=1 ports=web:1",
            "HTTPRoute shop/HTTPRoute/web gw=shop/gw listener= host=a.example.com,b.example.com match=PathPrefix / ok=False status=a parentRef of kind example.com/Gateway is implementation-specific -> Service shop/nope:80 ServiceMissing @100 workloads=0 ports=",
            "GRPCRoute shop/GRPCRoute/rpc gw=shop/gw listener=http host=* match=foo.Bar/Get ok=True status=ok -> Service shop/web:82 Ok @116 workloads=1 ports=",
            "GRPCRoute shop/GRPCRoute/rpc gw=shop/gw listener=http host=* match=*/Only ok=True status=ok -> Service shop/web:82 Ok @116 workloads=1 ports=",
            "GRPCRoute shop/GRPCRoute/rpc gw=shop/gw listener=http host=* match=(any) ok=True status=ok -> Service shop/web:80 Ok @119 workloads=1 ports=web:65535",
            ], Build().Routes.Table().Select(Row));
    }

    [Fact]
    public void A_gateway_name_over_63_characters_has_no_data_plane_selector()
    {
        var graph = Build();
        var at = graph.Model.Gateways.Single(g => g.Name.Length == 63);
        var over = graph.Model.Gateways.Single(g => g.Name.Length == 64);
        var selector = graph.Routes.DataPlaneSelector(at);
        Assert.NotNull(selector);
        Assert.Equal("shop", selector.Value.Namespace);
        Assert.Equal(at.Name, selector.Value.Labels["gateway.networking.k8s.io/gateway-name"]);
        Assert.Null(graph.Routes.DataPlaneSelector(over));
        // A class whose data plane has no pods of its own: no selector, whatever the name.
        var none = Build(Lint.Config("gatewayDataPlanes: {example: none}\n"));
        Assert.Null(none.Routes.DataPlaneSelector(none.Model.Gateways.Single(g => g.Name.Length == 63)));
        Assert.Null(none.Routes.DataPlaneSelector(none.Model.Gateways.Single(g => g.Name == "gw")));
        // A configured data plane has no name limit.
        var labelled = Build(Lint.Config("gatewayDataPlanes: {example: {namespace: infra, podLabels: {proxy: \"{gateway}\"}}}\n"));
        var far = labelled.Routes.DataPlaneSelector(labelled.Model.Gateways.Single(g => g.Name.Length == 64));
        Assert.Equal(("infra", new string('h', 64)), (far!.Value.Namespace, far.Value.Labels["proxy"]));
    }
}
