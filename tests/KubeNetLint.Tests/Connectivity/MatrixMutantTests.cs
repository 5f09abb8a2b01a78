using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The matrix's remaining corners (issue 18): the tiered class pairs (the stand-ins of the ingress
/// controller and of a Gateway).</summary>
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
}
