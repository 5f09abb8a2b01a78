using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The matrix's remaining corners (issue 18): the tiered class pairs (self-pairs, the stand-ins of
/// the ingress controller and of a Gateway), the declared dependencies it denies, and a focused matrix
/// with declared dependencies.</summary>
public sealed class MatrixMutantTests
{
    /// <summary>An admin policy with one rule that matches nobody: pairs are decided tier by tier, and every
    /// verdict is the NetworkPolicy one (no tier decides anything, the default allows).</summary>
    private static readonly string AdminTier = Doc("AdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1", "unrelated", """
        priority: 50
        subject: {namespaces: {}}
        ingress:
          - action: Deny
            from: [{namespaces: {matchLabels: {team: none}}}]
        """);

    /// <summary>web (8080, 9090) behind Service web:80 → 8080, api (9090); a Gateway gw whose data-plane pods
    /// are not in the input (a stand-in) routes to web, and an Ingress whose controller is not in the input
    /// (a stand-in) routes to web too.</summary>
    private static readonly string Frontends =
        Deployment("app", "web", "app: web", "8080", "9090") + Deployment("app", "api", "app: api", "9090") +
        Doc("Service", "v1", "web", "selector: {app: web}\nports: [{port: 80, targetPort: 8080}]", "app") +
        Doc("Gateway", "gateway.networking.k8s.io/v1", "gw", "gatewayClassName: example\nlisteners: [{name: http, protocol: HTTP, port: 80}]", "app") +
        Doc("HTTPRoute", "gateway.networking.k8s.io/v1", "r", "parentRefs: [{name: gw}]\nrules: [{backendRefs: [{name: web, port: 80}]}]", "app") +
        Doc("Ingress", "networking.k8s.io/v1", "edge", "defaultBackend: {service: {name: web, port: {number: 80}}}", "app");

    private const string Gw = "app/Gateway/gw";
    private const string Controller = "ingress-nginx/IngressController/ingress-controller";
    private const string Web = "app/Deployment/web";
    private const string Api = "app/Deployment/api";
    private const string Internet = "external/0.0.0.0-255.255.255.255";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_stand_ins_open_only_what_they_route_and_a_Gateway_takes_only_its_listener_ports_with_admin_tiers_too(bool tiered)
    {
        // docs/semantics.md, "The Gateway in the connectivity matrix": the stand-in accepts its listener ports
        // and opens only the container ports its routes reach. Admin policies that decide nothing change none of it.
        var a = Analyze(Frontends + (tiered ? AdminTier : ""));
        Assert.Equal(tiered, a.HasAdminTier);
        var m = a.ComputeMatrix();
        Assert.Equal("TCP 8080", m.InMatrix(Gw, Web));
        Assert.Equal("none", m.InMatrix(Gw, Api));
        Assert.Equal("none", m.InMatrix(Gw, Internet));
        Assert.Equal("TCP 80", m.InMatrix(Api, Gw));
        Assert.Equal("TCP 80", m.InMatrix(Internet, Gw));
        Assert.Equal("TCP 8080", m.InMatrix(Controller, Web));
        Assert.Equal("none", m.InMatrix(Controller, Api));
        Assert.Equal("none", m.InMatrix(Controller, Internet));
        Assert.Equal("none", m.InMatrix(Web, Controller));
        // The matrix and the pair query give one verdict for every pair.
        foreach (var from in a.Endpoints)
            foreach (var to in a.Endpoints)
                Assert.True(a.Allowed(from, to).Equals(m.Get(from.Id, to.Id)), $"{from.Id} -> {to.Id}: matrix {m.Get(from.Id, to.Id)}, pair {a.Allowed(from, to)}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Members_of_one_class_reach_each_other_with_admin_tiers(int members)
    {
        var yaml = string.Concat(Enumerable.Range(0, members).Select(i => Deployment("shop", $"m{i}", "app: x", "80"))) + AdminTier;
        var a = Analyze(yaml);
        Assert.True(a.HasAdminTier);
        var m = a.ComputeMatrix();
        Assert.Equal("all", m.InMatrix("shop/Deployment/m0", "shop/Deployment/m1"));
        Assert.Equal("all", m.InMatrix($"shop/Deployment/m{members - 1}", "shop/Deployment/m0"));
        Assert.Equal("none", m.InMatrix("shop/Deployment/m0", "shop/Deployment/m0"));
        Assert.Equal(members * (members - 1), m.Connections.Count(c => !c.From.IsExternal && !c.To.IsExternal));
    }

    private static string Isolated(string name, string? from = null) => Doc("NetworkPolicy", "networking.k8s.io/v1", $"only-{name}",
        $"podSelector: {{matchLabels: {{app: {name}}}}}\npolicyTypes: [Ingress]" + (from is null ? "" : $"\ningress: [{{from: [{{podSelector: {{matchLabels: {{app: {from}}}}}}}]}}]"), "shop");

    /// <summary>client and friend both call web (Service web:80 → 8080); web admits friend only, and nobody
    /// may connect to client or friend: client and web have no allowed connection either way, only the
    /// declared (denied) one. third calls nobody.</summary>
    private static readonly string Declared =
        Deployment("shop", "web", "app: web", "8080") + Doc("Service", "v1", "web", "selector: {app: web}\nports: [{port: 80, targetPort: 8080}]", "shop") +
        Caller("shop", "client", "{name: TARGET_URL, value: \"http://web:80/\"}") + Caller("shop", "friend", "{name: TARGET_URL, value: \"http://web:80/\"}") + Deployment("shop", "third", "app: third", "7000") +
        Isolated("web", from: "friend") + Isolated("client") + Isolated("friend");

    private static string Describe(DeclaredConnection d) => $"{d.From.Id} -> {d.To.Id} {d.Protocol}/{d.Port}";

    [Fact]
    public void The_declared_dependencies_the_policies_deny_are_listed()
    {
        var a = Analyze(Declared);
        var m = a.ComputeMatrix().WithDeclared(a);
        Assert.Equal(["shop/Deployment/client -> shop/Deployment/web TCP/8080"], m.DeclaredDenied.Select(Describe));
        var friend = m.Connections.Single(c => c.From.Id == "shop/Deployment/friend" && c.To.Id == "shop/Deployment/web");
        Assert.Equal("TCP 8080", m.DeclaredOn(friend).ToString());
    }

    [Fact]
    public void A_focused_matrix_keeps_the_declared_dependencies_of_its_endpoint_and_their_endpoints()
    {
        var a = Analyze(Declared);
        var m = a.ComputeMatrix().WithDeclared(a);

        // client: no allowed connection to or from web, but its denied dependency on web brings web in.
        var client = m.Focus(a.At("shop/Deployment/client"));
        Assert.Equal(["shop/Deployment/client -> shop/Deployment/web TCP/8080"], client.Declared!.Select(Describe));
        Assert.DoesNotContain(client.Connections, c => c.From.Id == "shop/Deployment/web" || c.To.Id == "shop/Deployment/web");
        Assert.Contains(client.Endpoints, e => e.Id == "shop/Deployment/web");
        Assert.DoesNotContain(client.Endpoints, e => e.Id == "shop/Deployment/friend");

        // web: both dependencies on it, in input order.
        var web = m.Focus(a.At("shop/Deployment/web"));
        Assert.Equal(["shop/Deployment/client -> shop/Deployment/web TCP/8080", "shop/Deployment/friend -> shop/Deployment/web TCP/8080"],
            web.Declared!.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Contains(web.Endpoints, e => e.Id == "shop/Deployment/client");
        Assert.Single(web.DeclaredDenied);

        // third: none (an empty list, the dependencies having been asked for).
        var third = m.Focus(a.At("shop/Deployment/third"));
        Assert.NotNull(third.Declared);
        Assert.Empty(third.Declared);
    }
}
