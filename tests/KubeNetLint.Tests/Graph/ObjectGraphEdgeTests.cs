using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Graph;

/// <summary>Every vertex and edge of the object graph of testdata/graph/objects.yaml, exactly: one of each
/// relation with the detail the `graph` command prints, placeholders for objects made elsewhere, the names
/// `--focus` takes, neighbourhoods and added edges.</summary>
public sealed class ObjectGraphEdgeTests
{
    private static readonly string Objects = Path.Combine(Repo.TestData, "graph", "objects.yaml");

    private static ObjectGraph Build()
    {
        return Lint.Graph([Objects]).Objects;
    }

    private static string Vertex(GraphNode n) =>
        $"{n.Id} {n.Kind} {n.KindName} {n.Namespace ?? "-"} {n.Name} {(n.Resource is null ? "placeholder" : $"line {n.Location!.Line}")}";

    private static string Edge(GraphEdge e) =>
        $"{e.Kind} {e.Source.Id} -> {e.Target.Id}: {e.Detail} @{e.Location?.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    [Fact]
    public void Every_object_is_one_vertex_and_missing_secrets_and_configmaps_are_placeholders()
    {
        // The ConfigMap of group example.com is no vertex: only core ConfigMaps are. Empty names
        // (an imagePullSecret, a volume's secretName) name nothing.
        Assert.Equal(
            [
            "Namespace/default Namespace Namespace - default placeholder",
            "Namespace/other Namespace Namespace - other line 13",
            "Namespace/shop Namespace Namespace - shop line 7",
            "external External External - internet placeholder",
            "shop/Deployment/web Workload Deployment shop web line 19",
            "other/Deployment/api Workload Deployment other api line 50",
            "other/Deployment/worker Workload Deployment other worker line 67",
            "other/Service/api Service Service other api line 83",
            "shop/Service/web Service Service shop web line 94",
            "shop/Ingress/web Ingress Ingress shop web line 201",
            "shop/Gateway/public Gateway Gateway shop public line 118",
            "shop/ListenerSet/extra ListenerSet ListenerSet shop extra line 143",
            "other/ListenerSet/foreign ListenerSet ListenerSet other foreign line 159",
            "shop/ListenerSet/orphan ListenerSet ListenerSet shop orphan line 173",
            "shop/HTTPRoute/web Route HTTPRoute shop web line 186",
            "shop/NetworkPolicy/web NetworkPolicy NetworkPolicy shop web line 220",
            "AdminNetworkPolicy/other-namespace AdminPolicy AdminNetworkPolicy - other-namespace line 245",
            "AdminNetworkPolicy/api-pods AdminPolicy AdminNetworkPolicy - api-pods line 256",
            "AdminNetworkPolicy/no-subject AdminPolicy AdminNetworkPolicy - no-subject line 267",
            "shop/ConfigMap/web-settings ConfigMap ConfigMap shop web-settings line 111",
            "shop/Secret/shop-tls Secret Secret shop shop-tls placeholder",
            "certs/Secret/shared-tls Secret Secret certs shared-tls placeholder",
            "shop/Secret/alt-tls Secret Secret shop alt-tls placeholder",
            "shop/Secret/web-cert Secret Secret shop web-cert placeholder",
            "shop/Secret/registry Secret Secret shop registry placeholder",
            "shop/ConfigMap/web-env ConfigMap ConfigMap shop web-env placeholder",
            ], Build().Nodes.Select(Vertex));
    }

    [Fact]
    public void Every_relation_is_one_edge_with_its_detail()
    {
        // Not here: the Ingress's resource default backend and its path without a backend, the ListenerSet
        // whose Gateway is not in the input, certificate refs that are no core Secret, the policy peers with
        // invalid selectors (egress rule 2), the admin policy without a subject.
        Assert.Equal(
            [
            "Mounts shop/Deployment/web -> shop/Secret/web-cert: projected volume @35",
            "Mounts shop/Deployment/web -> shop/ConfigMap/web-settings: projected volume @36",
            "References shop/Deployment/web -> shop/Secret/registry: imagePullSecrets @29",
            "References shop/Deployment/web -> shop/ConfigMap/web-env: envFrom @45",
            "Selects other/Service/api -> other/Deployment/api: 80→9000/TCP, 81→admin(unresolved)/TCP @86",
            "Selects shop/Service/web -> shop/Deployment/web: 80→http(8080)/TCP @97",
            "RoutesTo shop/Ingress/web -> shop/Service/web: shop.example.com Prefix / → shop/web:80 @215",
            "References shop/Gateway/public -> shop/Secret/shop-tls: listener 'https' certificate @131",
            "References shop/Gateway/public -> certs/Secret/shared-tls: listener 'https' certificate @132",
            "AttachesTo shop/ListenerSet/extra -> shop/Gateway/public: admitted @147",
            "References shop/ListenerSet/extra -> shop/Secret/alt-tls: listener 'alt' certificate @154",
            "AttachesTo other/ListenerSet/foreign -> shop/Gateway/public: not admitted @163",
            "RoutesTo shop/HTTPRoute/web -> shop/Service/web: shop/web:80 @195",
            "AttachesTo shop/HTTPRoute/web -> shop/Gateway/public: listeners https @190",
            "AttachesTo shop/HTTPRoute/web -> shop/Gateway/public: not accepted: Gateway 'public' has no listener named 'nothing' (listeners: 'https' (HTTPS/443)) @191",
            "PolicySelects shop/NetworkPolicy/web -> shop/Deployment/web: podSelector @223",
            "PolicyPeer shop/NetworkPolicy/web -> external: ingress rule 1: every peer @226",
            "PolicyPeer shop/NetworkPolicy/web -> Namespace/other: ingress rule 2: namespaceSelector team=other @228",
            "PolicyPeer shop/NetworkPolicy/web -> shop/Deployment/web: ingress rule 2: podSelector app=web @229",
            "PolicyPeer shop/NetworkPolicy/web -> other/Deployment/api: ingress rule 2: podSelector app=api @230",
            "PolicyPeer shop/NetworkPolicy/web -> external: egress rule 1: ipBlock 0.0.0.0/0 except 10.0.0.0/8, 192.168.0.0/16 @234",
            "PolicyPeer shop/NetworkPolicy/web -> external: egress rule 1: ipBlock 10.1.0.0/16 @235",
            "PolicySelects AdminNetworkPolicy/other-namespace -> other/Deployment/api: subject @248",
            "PolicySelects AdminNetworkPolicy/other-namespace -> other/Deployment/worker: subject @248",
            "PolicySelects AdminNetworkPolicy/api-pods -> other/Deployment/api: subject @259",
            ], Build().Edges.Select(Edge));
    }

    [Theory]
    [InlineData("shop/web[Service]", "shop/Service/web")]
    [InlineData("other/foreign[ListenerSet]", "other/ListenerSet/foreign")]
    [InlineData("shop/web", "shop/Deployment/web")]
    [InlineData("AdminNetworkPolicy/api-pods", "AdminNetworkPolicy/api-pods")]
    [InlineData("shop/web[Secret]", null)]
    [InlineData("/web[Service]", null)]
    [InlineData("shop/x[", null)]
    [InlineData("shop[x]", null)]
    [InlineData("x]", null)]
    [InlineData("shop/web/x[Service]", null)]
    [InlineData("shop/web-settings", "shop/ConfigMap/web-settings")]
    [InlineData("shop/public", "shop/Gateway/public")]
    public void Resolve_reads_kind_in_brackets_and_unique_names(string text, string? id) =>
        Assert.Equal(id, Build().Resolve(text)?.Id);

    [Fact]
    public void A_neighbourhood_holds_what_is_within_its_depth_either_way()
    {
        var g = Build();
        var api = g.Find("other/Deployment/api")!;
        string Ids(int depth) => string.Join(" ", g.Neighbourhood(api, depth).Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.Equal("", Ids(-1));
        Assert.Equal("other/Deployment/api", Ids(0));
        Assert.Equal("AdminNetworkPolicy/api-pods AdminNetworkPolicy/other-namespace other/Deployment/api other/Service/api shop/NetworkPolicy/web", Ids(1));
        Assert.Equal("AdminNetworkPolicy/api-pods AdminNetworkPolicy/other-namespace Namespace/other external other/Deployment/api other/Deployment/worker other/Service/api shop/Deployment/web shop/NetworkPolicy/web",
            Ids(2));
        var one = g.Neighbourhood(api, 1);
        Assert.Equal(
            [
                "Selects other/Service/api -> other/Deployment/api: 80→9000/TCP, 81→admin(unresolved)/TCP @86",
                "PolicyPeer shop/NetworkPolicy/web -> other/Deployment/api: ingress rule 2: podSelector app=api @230",
                "PolicySelects AdminNetworkPolicy/other-namespace -> other/Deployment/api: subject @248",
                "PolicySelects AdminNetworkPolicy/api-pods -> other/Deployment/api: subject @259",
            ], one.Edges.Select(Edge));
        Assert.Same(api, one.Find("other/Deployment/api"));
    }

    [Fact]
    public void With_adds_edges_and_vertices_to_a_copy_on_the_graphs_own_vertices()
    {
        var g = Build();
        var web = g.Find("shop/Deployment/web")!;
        var api = g.Find("other/Deployment/api")!;
        // An equal vertex that is another instance is replaced by the graph's own; a new one is added.
        var apiCopy = api with { };
        Assert.NotSame(api, apiCopy);
        var elsewhere = new GraphNode("elsewhere/Deployment/x", GraphNodeKind.Workload, "Deployment", "elsewhere", "x", null);
        var own = new GraphEdge(web, api, GraphEdgeKind.AllowedConnection, "TCP/9000");
        var h = g.With([own, new GraphEdge(web, apiCopy, GraphEdgeKind.AllowedConnection, "TCP/9001"), new GraphEdge(elsewhere, web, GraphEdgeKind.DeclaredDependency, "x")]);
        Assert.Equal((g.NodeCount + 1, g.EdgeCount + 3), (h.NodeCount, h.EdgeCount));
        Assert.Null(g.Find("elsewhere/Deployment/x"));
        Assert.DoesNotContain(g.Edges, e => e.Kind == GraphEdgeKind.AllowedConnection);
        Assert.Same(elsewhere, h.Find("elsewhere/Deployment/x"));
        var added = h.Edges.Where(e => e.Kind is GraphEdgeKind.AllowedConnection or GraphEdgeKind.DeclaredDependency).ToList();
        Assert.Equal(["shop/Deployment/web -AllowedConnection-> other/Deployment/api", "shop/Deployment/web -AllowedConnection-> other/Deployment/api",
            "elsewhere/Deployment/x -DeclaredDependency-> shop/Deployment/web"], added.Select(e => e.ToString()));
        Assert.Same(own, added[0]);
        Assert.NotSame(added[1], own);
        Assert.Same(api, added[1].Target);
        Assert.Same(web, added[1].Source);
        Assert.Equal("TCP/9001", added[1].Detail);
        Assert.Same(elsewhere, added[2].Source);
        Assert.Contains(added[1], h.InEdges(api));
        Assert.Contains(added[2], h.OutEdges(elsewhere));
        Assert.Empty(g.OutEdges(elsewhere));
    }
}
