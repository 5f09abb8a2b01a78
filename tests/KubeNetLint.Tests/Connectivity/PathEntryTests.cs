using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using KubeNetLint.Tests.Infrastructure;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>How the internet enters the path graph (issue 18): through an ingress controller that is in the
/// input, a Gateway whose data plane is outside the cluster, a Gateway whose data-plane pods are in the
/// input; and the allowed connections as edges of the object graph.</summary>
public sealed class PathEntryTests
{
    private const string Docs = "203.0.113.0/24";

    private static string Policy(string ns, string name, string selector, string ingress) =>
        Doc("NetworkPolicy", "networking.k8s.io/v1", name, $"podSelector: {{matchLabels: {{{selector}}}}}\ningress:\n{ingress}", ns);

    private static readonly string Web =
        Deployment("app", "web", "app: web", "8080") + Doc("Service", "v1", "web", "selector: {app: web}\nports: [{port: 80, targetPort: 8080}]", "app");

    private static List<string> Reasons(PathGraph g, PathHop hop) => g.Explain(hop).Reasons.Select(r => r.Text).ToList();

    [Fact]
    public void The_internet_enters_an_Ingress_through_the_controller_pods_of_the_input_on_what_they_admit()
    {
        var yaml = Web + Deployment("ingress-nginx", "controller", "app.kubernetes.io/name: ingress-nginx", "443") +
                   Doc("Ingress", "networking.k8s.io/v1", "edge", "defaultBackend: {service: {name: web, port: {number: 80}}}", "app") +
                   Policy("ingress-nginx", "edge-in", "app.kubernetes.io/name: ingress-nginx", $"  - from: [{{ipBlock: {{cidr: {Docs}}}}}]\n    ports: [{{port: 443}}]");
        var g = Analyze(yaml).Paths();
        var entry = Assert.Single(g.OutHops(g.External), h => h.Kind == HopKind.Entry);
        Assert.Equal(("app/Ingress/edge", "TCP 443"), (entry.Target.Id, entry.Ports.ToString()));
        Assert.Equal(["external/203.0.113.0-203.0.113.255"], entry.Cells.Select(c => c.Id));
        Assert.Equal(["ingress-nginx/Deployment/controller"], entry.Openers.Select(o => o.Id));
        Assert.Equal([
            "the ingress controller (ingress-nginx/Deployment/controller) accepts connections from the internet",
            "ingress rule 1 of NetworkPolicy ingress-nginx/edge-in allows TCP 443",
        ], Reasons(g, entry));
        // The route hop: the controller pods open 8080 on web (nothing isolates web).
        var route = Assert.Single(g.OutHops(entry.Target));
        Assert.Equal(("app/Deployment/web", "TCP 8080"), (route.Target.Id, route.Ports.ToString()));
        Assert.Equal(["ingress-nginx/Deployment/controller"], route.Openers.Select(o => o.Id));
        Assert.Contains("ingress-nginx/Deployment/controller may open 8080/TCP on app/Deployment/web:", Reasons(g, route));
        Assert.Contains("external -> app/Ingress/edge -> app/Deployment/web",
            g.Between(g.External, g.Find("app/Deployment/web")!, maxHops: 2).Paths.Select(p => p.Describe()));
    }

    [Fact]
    public void An_ingress_controller_that_admits_no_external_address_gives_its_Ingresses_no_entry()
    {
        var yaml = Web + Deployment("ingress-nginx", "controller", "app.kubernetes.io/name: ingress-nginx", "443") +
                   Doc("Ingress", "networking.k8s.io/v1", "edge", "defaultBackend: {service: {name: web, port: {number: 80}}}", "app") +
                   Policy("ingress-nginx", "edge-in", "app.kubernetes.io/name: ingress-nginx", "  - from: [{podSelector: {}}]");
        var g = Analyze(yaml).Paths();
        Assert.DoesNotContain(g.OutHops(g.External), h => h.Kind == HopKind.Entry);
        Assert.Empty(g.Between(g.External, g.Find("app/Ingress/edge")!).Paths);
    }

    private static readonly string Gateway =
        Doc("Gateway", "gateway.networking.k8s.io/v1", "gw", "gatewayClassName: example\nlisteners: [{name: http, protocol: HTTP, port: 80}, {name: dns, protocol: UDP, port: 53}]", "app") +
        Doc("HTTPRoute", "gateway.networking.k8s.io/v1", "r", "parentRefs: [{name: gw}]\nrules: [{backendRefs: [{name: web, port: 80}]}]", "app");

    [Fact]
    public void A_Gateway_whose_data_plane_is_outside_the_cluster_takes_its_listener_ports_from_the_internet()
    {
        // gatewayDataPlanes: none (a cloud load balancer): requests reach the backends from external addresses,
        // so web's policy decides which ranges may open its port.
        var config = Lint.Config("gatewayDataPlanes:\n  example: none\n").Value;
        var yaml = Web + Gateway + Policy("app", "web-in", "app: web", $"  - from: [{{ipBlock: {{cidr: {Docs}}}}}]\n    ports: [{{port: 8080}}]");
        var g = Analyze(yaml, config).Paths();
        var entry = Assert.Single(g.OutHops(g.External), h => h.Kind == HopKind.Entry);
        Assert.Equal(("app/Gateway/gw", "TCP 80; UDP 53"), (entry.Target.Id, entry.Ports.ToString()));
        Assert.Empty(entry.Cells);
        Assert.Empty(entry.Openers);
        Assert.Equal(["the Gateway's data plane is outside the cluster: its listeners take requests from the internet"], Reasons(g, entry));
        var route = Assert.Single(g.OutHops(entry.Target));
        Assert.Equal(("app/Deployment/web", "TCP 8080"), (route.Target.Id, route.Ports.ToString()));
        Assert.Equal(["external/203.0.113.0-203.0.113.255"], route.Openers.Select(o => o.Id));
        Assert.Contains("external addresses may open 8080/TCP on app/Deployment/web:", Reasons(g, route));
        Assert.Contains("ingress rule 1 of NetworkPolicy app/web-in allows TCP 8080", Reasons(g, route));
    }

    [Fact]
    public void A_Gateway_whose_data_plane_admits_no_external_range_on_its_listeners_has_no_route_to_an_isolated_backend()
    {
        var config = Lint.Config("gatewayDataPlanes:\n  example: none\n").Value;
        var yaml = Web + Gateway + Policy("app", "web-in", "app: web", "  - from: [{podSelector: {}}]");
        var g = Analyze(yaml, config).Paths();
        Assert.Single(g.OutHops(g.External), h => h.Kind == HopKind.Entry);
        Assert.Empty(g.OutHops(g.Find("app/Gateway/gw")!));
    }

    [Fact]
    public void A_Gateway_whose_data_plane_pods_are_in_the_input_takes_what_they_admit_of_its_listener_ports()
    {
        // GEP-1762: the data-plane pods carry gateway.networking.k8s.io/gateway-name in the Gateway's namespace.
        var yaml = Web + Gateway + Deployment("app", "gw-proxy", "gateway.networking.k8s.io/gateway-name: gw", "80", "53/UDP", "9901") +
                   Policy("app", "proxy-in", "gateway.networking.k8s.io/gateway-name: gw", $"  - from: [{{ipBlock: {{cidr: {Docs}}}}}]\n    ports: [{{port: 80}}, {{port: 9901}}]");
        var a = Analyze(yaml);
        var g = a.Paths();
        var entry = Assert.Single(g.OutHops(g.External), h => h.Kind == HopKind.Entry);
        // The policy admits 80 and 9901; the listeners take 80 and UDP 53: the entry is TCP 80.
        Assert.Equal(("app/Gateway/gw", "TCP 80"), (entry.Target.Id, entry.Ports.ToString()));
        Assert.Equal(["external/203.0.113.0-203.0.113.255"], entry.Cells.Select(c => c.Id));
        Assert.Equal(["app/Deployment/gw-proxy"], entry.Openers.Select(o => o.Id));
        Assert.Equal([
            "the Gateway's data plane (app/Deployment/gw-proxy) accepts its listener ports from the internet",
            "ingress rule 1 of NetworkPolicy app/proxy-in allows TCP 80",
        ], Reasons(g, entry));
        var route = Assert.Single(g.OutHops(entry.Target));
        Assert.Equal(["app/Deployment/gw-proxy"], route.Openers.Select(o => o.Id));
        Assert.Null(a.Find("app/Gateway/gw"));
    }

    [Fact]
    public void A_Gateway_whose_data_plane_pods_admit_no_listener_port_has_no_entry()
    {
        var yaml = Web + Gateway + Deployment("app", "gw-proxy", "gateway.networking.k8s.io/gateway-name: gw", "80") +
                   Policy("app", "proxy-in", "gateway.networking.k8s.io/gateway-name: gw", $"  - from: [{{ipBlock: {{cidr: {Docs}}}}}]\n    ports: [{{port: 9901}}]");
        var g = Analyze(yaml).Paths();
        Assert.DoesNotContain(g.OutHops(g.External), h => h.Kind == HopKind.Entry);
    }

    // ---- admin-tier reasons -----------------------------------------------------------------------------

    [Theory]
    [InlineData("", new[] { "ingress rule 1 of AdminNetworkPolicy web-to-api (Admin tier) allows all" })]
    [InlineData("\n    ports: [{portNumber: {port: 9090, protocol: TCP}}]",
        new[] { "ingress rule 1 of AdminNetworkPolicy web-to-api (Admin tier) allows TCP 9090", "app/Deployment/api is not isolated for ingress" })]
    [InlineData("", new[] { "app/Deployment/api is not isolated for ingress" }, "Pass")]
    public void A_connection_hop_names_the_admin_rules_that_allow_it_and_an_unisolated_side_only_when_a_later_tier_was_reached(string ports, string[] ingress, string action = "Allow")
    {
        // A Pass rule decides its ports too (for the NetworkPolicy tier), but it allows nothing itself.
        var yaml = Deployment("app", "web", "app: web", "8080") + Deployment("app", "api", "app: api", "9090") +
                   Doc("AdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1", "web-to-api", """
                       priority: 10
                       subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}
                       ingress:
                         - action: ACTION
                           from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]
                       """.Replace("ACTION", action, StringComparison.Ordinal) + ports);
        var g = Analyze(yaml).Paths();
        var hop = g.OutHops(g.Find("app/Deployment/web")!).Single(h => h.Target.Id == "app/Deployment/api");
        Assert.Equal(["app/Deployment/web is not isolated for egress", .. ingress], Reasons(g, hop));
    }

    // ---- the object graph's connection edges ----------------------------------------------------------

    [Fact]
    public void Connection_edges_join_workloads_and_the_internet_and_skip_nodes_the_object_graph_lacks()
    {
        var yaml = Deployment("app", "web", "app: web", "8080") + Deployment("app", "api", "app: api", "9090") +
                   Policy("app", "api-in", "app: api", "  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 9090}]");
        var a = Analyze(yaml);
        static string Edge(GraphEdge e) => $"{e.Source.Id} -> {e.Target.Id} {e.Kind} {e.Detail}";
        Assert.Equal([
            "app/Deployment/api -> app/Deployment/web AllowedConnection all",
            "app/Deployment/api -> external AllowedConnection all",
            "app/Deployment/web -> app/Deployment/api AllowedConnection TCP 9090",
            "app/Deployment/web -> external AllowedConnection all",
            "external -> app/Deployment/web AllowedConnection all",
        ], a.ConnectionEdges(a.Graph.Objects).Select(Edge).Order(StringComparer.Ordinal));
        // An object graph without api: only the edges between nodes it has.
        var webOnly = Analyze(Deployment("app", "web", "app: web", "8080")).Graph.Objects;
        Assert.Equal(["app/Deployment/web -> external AllowedConnection all", "external -> app/Deployment/web AllowedConnection all"],
            a.ConnectionEdges(webOnly).Select(Edge).Order(StringComparer.Ordinal));
    }
}
