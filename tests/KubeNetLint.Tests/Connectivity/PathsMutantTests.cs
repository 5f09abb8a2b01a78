using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The path engine's corners (issue 18): searches bounded by hops, by port and by simple paths;
/// names; hops into and out of the internet; route hops and their ports; explanations of each hop kind.</summary>
public sealed class PathsMutantTests
{
    private static string D(string name, params string[] ports) => Deployment("app", name, $"app: {name}", ports);

    /// <summary>A policy isolating <paramref name="name"/> for ingress with the given rules.</summary>
    private static string In(string name, params string[] rules) =>
        Doc("NetworkPolicy", "networking.k8s.io/v1", name, $"podSelector: {{matchLabels: {{app: {name}}}}}\ningress:\n{string.Join("\n", rules)}", "app");

    private static string From(string peer, string? port = null) =>
        $"  - from: [{{podSelector: {{matchLabels: {{app: {peer}}}}}}}]" + (port is null ? "" : $"\n    ports: [{{port: {port}}}]");

    private static string Id(string name) => $"app/Deployment/{name}";

    private static PathGraph Graph(string yaml) => Analyze(yaml).Paths();

    private static PathNode N(PathGraph g, string name) => g.Find(Id(name)) ?? throw new Xunit.Sdk.XunitException($"no node {name}");

    private static readonly PortQuery Pg = new("TCP", 5432);

    // ---- transitive searches --------------------------------------------------------------------

    /// <summary>o reaches x directly on 80 only; via, which o reaches, sends 5432 to x. (Not "y": YAML 1.1 reads it as a boolean.)</summary>
    private static readonly string Detour =
        D("o") + D("via", "9000") + D("x", "80", "5432") + In("x", From("o", "80"), From("via", "5432")) + In("via", From("o"));

    [Fact]
    public void Forward_with_a_port_a_node_counts_by_a_longer_path_whose_last_hop_carries_the_port()
    {
        var g = Graph(Detour);
        Assert.Equal("TCP 80", Analyze(Detour).Allowed(Id("o"), Id("x")));
        var plain = g.Transitive(N(g, "o"), forward: true).Nodes.Single(r => r.Node.Id == Id("x"));
        Assert.Equal("app/Deployment/o -> app/Deployment/x", plain.Path.Describe());
        var r = Assert.Single(g.Transitive(N(g, "o"), forward: true, Pg).Nodes, r => r.Node.Id == Id("x"));
        Assert.Equal("app/Deployment/o -> app/Deployment/via -> app/Deployment/x", r.Path.Describe());
        Assert.Equal(2, r.Hops);
        Assert.True(r.Path.Hops[^1].Covers(Pg));
        // The backward search (what KNL310 uses) agrees: o reaches x on 5432 in 2 hops.
        Assert.Equal(2, g.Transitive(N(g, "x"), forward: false, Pg).Nodes.Single(n => n.Node.Id == Id("o")).Hops);
        // No source sends 9999 to x: x is not reached on it.
        Assert.DoesNotContain(g.Transitive(N(g, "o"), forward: true, new PortQuery("TCP", 9999)).Nodes, n => n.Node.Id == Id("x"));
        // Within one hop, x is not reached on 5432; within two, it is (the limit counts the path that carries the port).
        Assert.DoesNotContain(g.Transitive(N(g, "o"), forward: true, Pg, maxHops: 1).Nodes, n => n.Node.Id == Id("x"));
        Assert.Equal(2, g.Transitive(N(g, "o"), forward: true, Pg, maxHops: 2).Nodes.Single(n => n.Node.Id == Id("x")).Hops);
    }

    [Fact]
    public void Forward_with_a_port_the_path_does_not_pass_through_the_node_it_ends_at()
    {
        // o → x on 80; x → z; z → x on 5432; and o → w → v → z, which avoids x. The breadth-first tree
        // reaches z through x, so the path carrying 5432 into x must go around: o → w → v → z → x.
        var yaml = D("o") + D("x", "80", "5432") + D("z") + D("w") + D("v") +
                   In("x", From("o", "80"), From("z", "5432")) + In("z", From("x"), From("v")) + In("v", From("w")) + In("w", From("o"));
        var g = Graph(yaml);
        Assert.Equal("app/Deployment/o -> app/Deployment/x -> app/Deployment/z",
            g.Transitive(N(g, "o"), forward: true).Nodes.Single(r => r.Node.Id == Id("z")).Path.Describe());
        var r = g.Transitive(N(g, "o"), forward: true, Pg).Nodes.Single(n => n.Node.Id == Id("x"));
        Assert.Equal("app/Deployment/o -> app/Deployment/w -> app/Deployment/v -> app/Deployment/z -> app/Deployment/x", r.Path.Describe());
        Assert.Equal(4, r.Hops);
        Assert.DoesNotContain(g.Transitive(N(g, "o"), forward: true, Pg, maxHops: 3).Nodes, n => n.Node.Id == Id("x"));
        // Without the way around, x is not reached on 5432 by any simple path.
        var noDetour = Graph(D("o") + D("x", "80", "5432") + D("z") + In("x", From("o", "80"), From("z", "5432")) + In("z", From("x")));
        Assert.DoesNotContain(noDetour.Transitive(N(noDetour, "o"), forward: true, Pg).Nodes, n => n.Node.Id == Id("x"));
    }

    [Fact]
    public void The_search_around_a_node_stops_at_the_depth_of_the_nearest_source_it_finds()
    {
        // As above, with a chain of t nodes hanging off w, deeper than z (3 hops around x). The extra work a port
        // costs (the search around x) must not grow with the chain: it stops once z's depth is examined.
        long ExtraWork(int tail)
        {
            var yaml = D("o") + D("x", "80", "5432") + D("z") + D("w") + D("v") +
                       In("x", From("o", "80"), From("z", "5432")) + In("z", From("x"), From("v")) + In("v", From("w")) + In("w", From("o"));
            for (int i = 1; i <= tail; i++) yaml += D($"t{i}") + In($"t{i}", From(i == 1 ? "w" : $"t{i - 1}"));
            var g = Graph(yaml);
            var plain = g.Transitive(N(g, "o"), forward: true).Stats;
            var withPort = g.Transitive(N(g, "o"), forward: true, Pg);
            Assert.Equal(4, withPort.Nodes.Single(n => n.Node.Id == Id("x")).Hops);
            return withPort.Stats.EdgesExamined - plain.EdgesExamined;
        }
        long shortTail = ExtraWork(6), longTail = ExtraWork(24);
        Assert.True(shortTail > 0);
        Assert.Equal(shortTail, longTail);
    }

    /// <summary>a → b → c, c → d; only a takes connections from the internet.</summary>
    private static readonly string Chain =
        D("a") + D("b") + D("c") + D("d") + In("b", From("a")) + In("c", From("b")) + In("d", From("c")) +
        Doc("NetworkPolicy", "networking.k8s.io/v1", "a", "podSelector: {matchLabels: {app: a}}\ningress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]", "app");

    [Fact]
    public void A_hop_limit_bounds_both_directions_and_the_work()
    {
        var g = Graph(Chain);
        var forward = g.Transitive(N(g, "a"), forward: true, maxHops: 2);
        Assert.Equal([("external", 1), (Id("b"), 1), (Id("c"), 2)], forward.Nodes.Select(r => (r.Node.Id, r.Hops)));
        var backward = g.Transitive(N(g, "d"), forward: false, maxHops: 2);
        Assert.Equal([(Id("c"), 1), (Id("b"), 2)], backward.Nodes.Select(r => (r.Node.Id, r.Hops)));
        Assert.Equal([Id("c")], g.Transitive(N(g, "d"), forward: false, maxHops: 1).Nodes.Select(r => r.Node.Id));
        Assert.Equal([(Id("c"), 1), (Id("b"), 2), (Id("a"), 3), ("external", 4)],
            g.Transitive(N(g, "d"), forward: false).Nodes.Select(r => (r.Node.Id, r.Hops)));
        // One hop: the origin is expanded, and the first vertex at the limit stops the search (QuikGraph
        // still finishes it): two expansions either way, not one per node at distance 1.
        Assert.Equal(2, g.Transitive(N(g, "d"), forward: false, maxHops: 1).Stats.VerticesExamined);
        Assert.Equal(2, g.Transitive(N(g, "a"), forward: true, maxHops: 1).Stats.VerticesExamined);
    }

    // ---- simple paths between two nodes ---------------------------------------------------------

    [Fact]
    public void Paths_are_simple_and_may_pass_nodes_nearer_the_target_than_the_hops_left()
    {
        // a → x; x → c; x → b; b → c; b → a. x is one hop from c, yet a → x → b → c passes it with two left.
        var yaml = D("a") + D("x") + D("b") + D("c") +
                   In("x", From("a")) + In("c", From("x"), From("b")) + In("b", From("x")) + In("a", From("b"));
        var g = Graph(yaml);
        Assert.Equal(["app/Deployment/a -> app/Deployment/x -> app/Deployment/c", "app/Deployment/a -> app/Deployment/x -> app/Deployment/b -> app/Deployment/c"],
            g.Between(N(g, "a"), N(g, "c"), maxHops: 6).Paths.Select(p => p.Describe()));
        Assert.Empty(g.Between(N(g, "a"), N(g, "a")).Paths);
    }

    [Fact]
    public void A_path_search_stops_at_its_edge_budget_and_says_so()
    {
        var g = Graph(Chain);
        var full = g.Between(g.External, N(g, "d"));
        Assert.Equal("external -> app/Deployment/a -> app/Deployment/b -> app/Deployment/c -> app/Deployment/d", Assert.Single(full.Paths).Describe());
        Assert.False(full.Truncated);
        g.EdgeBudget = 1;
        var cut = g.Between(g.External, N(g, "d"));
        Assert.True(cut.Truncated);
        Assert.Empty(cut.Paths);
    }

    [Fact]
    public void A_workload_reaches_the_internet_in_one_hop_with_the_ranges_it_may_open()
    {
        var yaml = D("web") + D("db") +
                   Doc("NetworkPolicy", "networking.k8s.io/v1", "web-out", "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n    ports: [{port: 443}]", "app") +
                   Doc("NetworkPolicy", "networking.k8s.io/v1", "db-out", "podSelector: {matchLabels: {app: db}}\npolicyTypes: [Egress]\negress: []", "app");
        var g = Graph(yaml);
        var into = g.InHops(g.External).ToList();
        var hop = Assert.Single(into);
        Assert.Equal((Id("web"), "TCP 443"), (hop.Source.Id, hop.Ports.ToString()));
        Assert.Equal(["external/10.0.0.0-10.255.255.255"], hop.Cells.Select(c => c.Id));
        var path = Assert.Single(g.Between(N(g, "web"), g.External).Paths);
        Assert.Equal("app/Deployment/web -> external", path.Describe());
        Assert.Empty(g.Between(N(g, "db"), g.External).Paths);
        Assert.Equal([Id("web")], g.Transitive(g.External, forward: false).Nodes.Select(r => r.Node.Id));
        // The hop's reasons: web's egress rule, with its line; the internet has no policies.
        var reasons = g.Explain(hop).Reasons;
        var rule = Assert.Single(reasons);
        Assert.Equal("egress rule 1 of NetworkPolicy app/web-out allows TCP 443", rule.Text);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("- to: [{ipBlock", StringComparison.Ordinal)) + 1, rule.Location!.Line);
        // The other way: a connection from the internet names the destination's side.
        var fromInternet = g.OutHops(g.External).Single(h => h.Target.Id == Id("web"));
        Assert.Equal(["app/Deployment/web is not isolated for ingress"], g.Explain(fromInternet).Reasons.Select(r => r.Text));
    }

    // ---- names ------------------------------------------------------------------------------------

    [Fact]
    public void Names_resolve_to_the_internet_workloads_and_frontends()
    {
        var yaml = D("web", "8080") + Doc("Service", "v1", "web", "selector: {app: web}\nports: [{port: 80, targetPort: 8080}]", "app") +
                   Doc("Ingress", "networking.k8s.io/v1", "edge", "defaultBackend: {service: {name: web, port: {number: 80}}}", "app");
        var g = Graph(yaml);
        Assert.Same(g.External, g.Resolve("internet"));
        Assert.Same(g.External, g.Resolve("external"));
        Assert.Same(g.External, g.Resolve("203.0.113.7"));
        Assert.Equal("app/Ingress/edge", g.Resolve("app/edge")!.Id);
        Assert.Equal(Id("web"), g.Resolve("app/web")!.Id);
        Assert.Null(g.Resolve("app/nothing"));
        Assert.Null(g.Resolve("other/web"));
    }

    // ---- frontends --------------------------------------------------------------------------------

    [Fact]
    public void An_Ingress_without_a_backend_in_the_input_routes_nothing_and_a_search_passes_it_by()
    {
        var g = Graph(D("web", "8080") + Doc("Ingress", "networking.k8s.io/v1", "edge", "defaultBackend: {service: {name: missing, port: {number: 80}}}", "app"));
        var edge = g.Find("app/Ingress/edge")!;
        Assert.Empty(g.OutHops(edge));
        Assert.Contains(g.Transitive(g.External, forward: true).Nodes, r => r.Node == edge);
        Assert.Empty(g.Between(edge, N(g, "web")).Paths);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void A_route_lands_on_a_target_port_at_either_end_of_the_range(int target)
    {
        var yaml = D("web", $"{target}") + Doc("Service", "v1", "web", $"selector: {{app: web}}\nports: [{{port: 80, targetPort: {target}}}]", "app") +
                   Doc("Ingress", "networking.k8s.io/v1", "edge", "defaultBackend: {service: {name: web, port: {number: 80}}}", "app");
        var g = Graph(yaml);
        var route = Assert.Single(g.OutHops(g.Find("app/Ingress/edge")!));
        Assert.Equal((HopKind.Route, Id("web"), $"TCP {target}"), (route.Kind, route.Target.Id, route.Ports.ToString()));
    }

    [Fact]
    public void A_Service_port_without_a_number_is_named_by_its_name()
    {
        var a = Analyze(D("web", "8080") + Doc("Service", "v1", "web", "selector: {app: web}\nports: [{name: http, port: http, targetPort: 8080}]", "app"));
        var svc = a.Graph.Model.Services.Single();
        Assert.Null(svc.Ports[0].Port);
        Assert.Equal("Service app/web:http", new ServiceVia(svc, svc.Ports[0], 8080).Describe());
    }

    [Fact]
    public void Only_accepted_routes_with_a_Service_port_make_route_hops()
    {
        var yaml = D("web", "8080") + D("api", "9090") +
                   Doc("Service", "v1", "web", "selector: {app: web}\nports: [{port: 80, targetPort: 8080}]", "app") +
                   Doc("Service", "v1", "api", "selector: {app: api}\nports: [{port: 80, targetPort: 9090}]", "app") +
                   Doc("Service", "v1", "outside", "type: ExternalName\nexternalName: api.example.com\nselector: {app: api}\nports: [{port: 80}]", "app") +
                   Doc("Gateway", "gateway.networking.k8s.io/v1", "gw", "gatewayClassName: example\nlisteners: [{name: http, protocol: HTTP, port: 80}]", "app") +
                   Doc("HTTPRoute", "gateway.networking.k8s.io/v1", "routes", """
                       parentRefs: [{name: gw}]
                       rules:
                         - matches: [{path: {type: PathPrefix, value: /web}}]
                           backendRefs: [{name: web, port: 80}]
                         - matches: [{path: {type: PathPrefix, value: /out}}]
                           backendRefs: [{name: outside, port: 80}]
                         - matches: [{path: {type: PathPrefix, value: /old}}]
                           filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /web}}}]
                       """, "app") +
                   Doc("HTTPRoute", "gateway.networking.k8s.io/v1", "detached", "parentRefs: [{name: gw, sectionName: https}]\nrules: [{backendRefs: [{name: api, port: 80}]}]", "app");
        var g = Graph(yaml);
        var route = Assert.Single(g.OutHops(g.Find("app/Gateway/gw")!));
        Assert.Equal((Id("web"), "TCP 8080"), (route.Target.Id, route.Ports.ToString()));
        Assert.Equal("/web", Assert.Single(route.Routes).Match.Split(' ')[^1]);
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(6, "and 1 more routes")]
    public void A_route_hop_names_five_routes_and_counts_the_rest(int routes, string? more)
    {
        var rules = string.Join("\n", Enumerable.Range(0, routes).Select(i => $"  - host: h{i}.example.com\n    http: {{paths: [{{path: /, pathType: Prefix, backend: {{service: {{name: web, port: {{number: 80}}}}}}}}]}}"));
        var yaml = D("web", "8080") + Doc("Service", "v1", "web", "selector: {app: web}\nports: [{port: 80, targetPort: 8080}]", "app") +
                   Doc("Ingress", "networking.k8s.io/v1", "edge", $"rules:\n{rules}", "app");
        var g = Graph(yaml);
        var hop = Assert.Single(g.OutHops(g.Find("app/Ingress/edge")!));
        Assert.Equal(routes, hop.Routes.Count);
        var reasons = g.Explain(hop).Reasons.Select(r => r.Text).ToList();
        Assert.Equal(5, reasons.Count(r => r.StartsWith("routed by Ingress app/Ingress/edge h", StringComparison.Ordinal)));
        Assert.Equal(more is null ? [] : [more], reasons.Where(r => r.StartsWith("and ", StringComparison.Ordinal)));
        Assert.Single(reasons, r => r.EndsWith("/IngressController/ingress-controller may open 8080/TCP on app/Deployment/web:", StringComparison.Ordinal));
        // The entry of the Ingress: its controller is not in the input, which the one reason says.
        var entry = Assert.Single(g.OutHops(g.External), h => h.Kind == HopKind.Entry);
        Assert.Equal(["the ingress controller is not in the input: it is taken to accept requests from the internet"], g.Explain(entry).Reasons.Select(r => r.Text));
    }

    [Fact]
    public void A_connection_hop_lists_only_the_Service_ports_it_allows()
    {
        var yaml = D("client") + D("web", "8080", "9090") +
                   Doc("Service", "v1", "web", "selector: {app: web}\nports: [{name: http, port: 80, targetPort: 8080}, {name: admin, port: 90, targetPort: 9090}, {name: gone, port: 91, targetPort: missing}]", "app") +
                   In("web", From("client", "8080"));
        var g = Graph(yaml);
        var hop = g.OutHops(N(g, "client")).Single(h => h.Target.Id == Id("web"));
        Assert.Equal(["Service app/web:80"], g.Explain(hop).Services.Select(s => s.Describe()));
    }

    // ---- the view QuikGraph searches ----------------------------------------------------------------

    [Fact]
    public void The_graph_view_knows_its_own_nodes_and_edges_only()
    {
        var g = Graph(Chain);
        var other = Graph(Chain + D("e"));
        var view = new PathGraphView<PathHop>(g.Nodes, g.OutHops);
        Assert.True(view.ContainsVertex(N(g, "a")));
        Assert.False(view.ContainsVertex(N(other, "a")));
        Assert.False(view.ContainsVertex(N(other, "e")));
        Assert.Equal(g.Nodes.Count, N(other, "e").Index);
        Assert.False(view.IsVerticesEmpty);
        Assert.True(new PathGraphView<PathHop>([], g.OutHops).IsVerticesEmpty);
        Assert.True(view.TryGetOutEdges(N(g, "a"), out var edges));
        Assert.Contains(edges, h => h.Target == N(g, "b"));
        Assert.False(view.TryGetOutEdges(N(other, "e"), out var none));
        Assert.Empty(none);
        Assert.True(view.ContainsEdge(N(g, "a"), N(g, "b")));
        Assert.False(view.ContainsEdge(N(g, "a"), N(g, "c")));
        Assert.True(view.TryGetEdge(N(g, "b"), N(g, "c"), out var edge));
        Assert.Equal((N(g, "b"), N(g, "c")), (edge.Source, edge.Target));
        Assert.False(view.TryGetEdge(N(g, "c"), N(g, "b"), out _));
        Assert.True(view.TryGetEdges(N(g, "b"), N(g, "c"), out var all));
        Assert.Equal([N(g, "c")], all.Select(h => h.Target));
        Assert.True(view.TryGetEdges(N(g, "c"), N(g, "b"), out var nothing));
        Assert.Empty(nothing);
    }
}
