using KubeNetLint.Core.Graph;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Graph;

/// <summary>The resource graph (QuikGraph) over testdata/paths/shop: its vertices, its typed edges, built
/// only on demand, the neighbourhood of one object, and the hook for extra edges.</summary>
public sealed class ObjectGraphTests
{
    private static readonly string Shop = Path.Combine(Repo.Root, "testdata", "paths", "shop");

    private static ResourceGraph Resources(string path)
    {
        return Lint.Graph([path]);
    }

    private static List<string> Edges(ObjectGraph g, GraphEdgeKind kind) =>
        g.Edges.Where(e => e.Kind == kind).Select(e => $"{e.Source.Id} -> {e.Target.Id}").ToList();

    [Fact]
    public void Route_edges_include_request_mirror_backends()
    {
        var g = Resources(Path.Combine(Repo.TestData, "rules", "KNL511", "mirrors")).Objects;
        var edges = g.Edges.Where(e => e.Kind == GraphEdgeKind.RoutesTo && e.Source.Id == "shop/HTTPRoute/shop")
            .Select(e => $"{e.Target.Id} {e.Detail}").ToList();
        Assert.Contains("shop/Service/web shop/web:80", edges);
        Assert.Contains("shop/Service/shadow RequestMirror shop/shadow:80", edges);
        Assert.Contains("shop/Service/recorder RequestMirror shop/recorder:80", edges);
    }

    [Fact]
    public void Every_object_is_a_vertex_of_its_kind()
    {
        var g = Resources(Shop).Objects;
        string Kind(string id) => g.Find(id)!.Kind.ToString();
        Assert.Equal("Workload", Kind("shop/Deployment/frontend"));
        Assert.Equal("Workload", Kind("shop/StatefulSet/db"));
        Assert.Equal("Service", Kind("shop/Service/api"));
        Assert.Equal("Ingress", Kind("shop/Ingress/web"));
        Assert.Equal("Gateway", Kind("shop/Gateway/public"));
        Assert.Equal("Route", Kind("shop/HTTPRoute/api"));
        Assert.Equal("NetworkPolicy", Kind("shop/NetworkPolicy/default-deny"));
        Assert.Equal("Secret", Kind("shop/Secret/db-credentials"));
        Assert.Equal("ConfigMap", Kind("shop/ConfigMap/api-config"));
        Assert.Equal("Namespace", Kind("Namespace/shop"));
        Assert.Equal("External", Kind("external"));
        // The Ingress's TLS Secret is made outside the manifests (cert-manager): a vertex with no source.
        Assert.Null(g.Find("shop/Secret/shop-tls")!.Resource);
    }

    [Fact]
    public void Edges_come_from_the_graphs_own_resolutions()
    {
        var g = Resources(Shop).Objects;
        Assert.Equal(["shop/Service/frontend -> shop/Deployment/frontend", "shop/Service/api -> shop/Deployment/api", "shop/Service/db -> shop/StatefulSet/db"],
            Edges(g, GraphEdgeKind.Selects));
        Assert.Equal("80→http(8080)/TCP", g.Edges.Single(e => e.Kind == GraphEdgeKind.Selects && e.Source.Id == "shop/Service/frontend").Detail);
        Assert.Equal(["shop/Ingress/web -> shop/Service/frontend", "shop/HTTPRoute/api -> shop/Service/api"], Edges(g, GraphEdgeKind.RoutesTo));
        Assert.Equal(["shop/HTTPRoute/api -> shop/Gateway/public"], Edges(g, GraphEdgeKind.AttachesTo));
        Assert.Equal(["shop/Deployment/api -> shop/ConfigMap/api-config", "shop/Deployment/api -> shop/Secret/db-credentials", "shop/Ingress/web -> shop/Secret/shop-tls"],
            Edges(g, GraphEdgeKind.References));
        Assert.Equal(["shop/StatefulSet/db -> shop/Secret/db-credentials"], Edges(g, GraphEdgeKind.Mounts));
        Assert.Contains("shop/NetworkPolicy/default-deny -> shop/Deployment/admin", Edges(g, GraphEdgeKind.PolicySelects));
        // The frontend's namespaceSelector names ingress-nginx, which the input does not hold: no edge.
        Assert.DoesNotContain(Edges(g, GraphEdgeKind.PolicyPeer), e => e.StartsWith("shop/NetworkPolicy/frontend ", StringComparison.Ordinal));
        Assert.Contains("shop/NetworkPolicy/db -> shop/Deployment/api", Edges(g, GraphEdgeKind.PolicyPeer));
        // The objects' own relations only: allowed connections come from the connectivity layer.
        Assert.Empty(Edges(g, GraphEdgeKind.AllowedConnection));
    }

    [Fact]
    public void Check_does_not_build_the_object_graph()
    {
        var result = Lint.Paths([Shop]);
        Assert.False(result.Graph.ObjectsBuilt);
        _ = result.Graph.Objects;
        Assert.True(result.Graph.ObjectsBuilt);
    }

    [Fact]
    public void The_neighbourhood_of_a_Service_is_what_it_touches()
    {
        var g = Resources(Shop).Objects;
        var one = g.Neighbourhood(g.Find("shop/Service/frontend")!, 1);
        Assert.Equal(["shop/Deployment/frontend", "shop/Ingress/web", "shop/Service/frontend"], one.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        var zero = g.Neighbourhood(g.Find("shop/Service/frontend")!, 0);
        Assert.Equal(["shop/Service/frontend"], zero.Nodes.Select(n => n.Id));
        Assert.Empty(zero.Edges);
        var two = g.Neighbourhood(g.Find("shop/Service/frontend")!, 2);
        Assert.Contains("shop/Secret/shop-tls", two.Nodes.Select(n => n.Id));
        Assert.DoesNotContain("shop/StatefulSet/db", two.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void The_apis_configured_database_address_is_a_declared_dependency()
    {
        var g = Resources(Shop).Objects;
        Assert.Equal(["shop/Deployment/api -> shop/Service/db"], Edges(g, GraphEdgeKind.DeclaredDependency).Distinct());
    }

    [Theory]
    [InlineData("shop/Deployment/api", "shop/Deployment/api")]
    [InlineData("shop/api[Deployment]", "shop/Deployment/api")]
    [InlineData("shop/admin", "shop/Deployment/admin")]
    [InlineData("shop/api", "shop/Deployment/api")]
    [InlineData("external", "external")]
    public void Resolve_takes_the_names_explain_takes(string text, string id) =>
        Assert.Equal(id, Resources(Shop).Objects.Resolve(text)?.Id);

    [Fact]
    public void An_ambiguous_or_unknown_name_resolves_to_nothing()
    {
        var g = Resources(Shop).Objects;
        Assert.Null(g.Resolve("shop/nothing"));
        Assert.Null(g.Resolve("shop/Deployment/nothing"));
    }
}

/// <summary>Declared dependencies (issue 15 item 5) are edges of the resource graph: caller → Service,
/// from the one resolution KNL120–KNL122 use.</summary>
public sealed class DeclaredDependencyEdgeTests
{
    [Fact]
    public void A_declared_address_is_an_edge_from_the_caller_to_its_service()
    {
        var path = Path.Combine(Repo.Root, "testdata", "rules", "KNL121", "not-exposed.yaml");
        var g = Lint.Graph([path]).Objects;
        var declared = g.Edges.Where(e => e.Kind == GraphEdgeKind.DeclaredDependency).ToList();
        Assert.Contains(declared, e => e.Source.Id == "shop/Deployment/api" && e.Target.Id == "shop/Service/db"
                                       && e.Detail == "db:5433 (env DB_ADDR of container api)" && e.Location!.Line == 88);
        Assert.All(declared, e => Assert.Equal(GraphNodeKind.Service, e.Target.Kind));
    }
}
