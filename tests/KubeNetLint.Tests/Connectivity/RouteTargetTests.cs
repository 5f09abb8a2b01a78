using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Which backends the Gateway and ingress-controller stand-ins reach (issue 18): only through
/// accepted routes to resolvable backends, on target ports within 1-65535, and a Gateway whose data-plane
/// pods are in the input gets no stand-in.</summary>
public sealed class RouteTargetTests
{
    private const string GatewayId = "shop/Gateway/public";
    private const string Api = "shop/Deployment/api";

    private static string Service(string targetPort, string name = "api") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: shop}
        spec:
          selector: {app: api}
          ports: [{port: 80, targetPort: {{targetPort}}}]
        ---

        """;

    private static string Gateway(string sectionName = "http", string backend = "api") => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: shop}
        spec:
          gatewayClassName: example
          listeners: [{name: http, protocol: HTTP, port: 80}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: api, namespace: shop}
        spec:
          parentRefs: [{name: public, sectionName: {{sectionName}}}]
          rules:
            - backendRefs: [{name: {{backend}}, port: 80}]
        ---

        """;

    private static string Ingress(string backend = "api") => """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: api, namespace: shop}
        spec:
          rules:
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: BACKEND, port: {number: 80}}}}
        ---

        """.Replace("BACKEND", backend);

    private static readonly string ApiPods = Deployment("shop", "api", "app: api", "http:8080") + Deployment("shop", "client", "app: client");

    private static string GatewayRoute(ConnectivityAnalysis a)
    {
        var gw = a.At(GatewayId);
        return a.GatewayTargets[gw.Class].TryGetValue(a.At(Api).Class, out var set) ? set.ToString() : "absent";
    }

    [Theory]
    [InlineData("8080", "TCP 8080")]
    [InlineData("http", "TCP 8080")]
    [InlineData("1", "TCP 1")]
    [InlineData("65535", "TCP 65535")]
    [InlineData("65536", "absent")]
    [InlineData("missing", "absent")] // a named port the pods do not declare
    public void The_Gateway_stand_in_reaches_a_backend_on_its_target_port_within_1_65535(string targetPort, string expected)
    {
        var a = Analyze(ApiPods + Service(targetPort) + Gateway());
        Assert.Equal(expected, GatewayRoute(a));
        Assert.Equal(expected == "absent" ? "none" : expected, a.Allowed(GatewayId, Api));
    }

    [Fact]
    public void A_route_the_Gateway_does_not_accept_or_a_backend_that_does_not_resolve_opens_nothing()
    {
        Assert.Equal("TCP 8080", GatewayRoute(Analyze(ApiPods + Service("8080") + Gateway())));
        Assert.Equal("absent", GatewayRoute(Analyze(ApiPods + Service("8080") + Gateway(sectionName: "nope"))));
        Assert.Equal("absent", GatewayRoute(Analyze(ApiPods + Service("8080") + Gateway(backend: "nothing"))));
        Assert.Equal("none", Analyze(ApiPods + Service("8080") + Gateway(sectionName: "nope")).Allowed(GatewayId, Api));
    }

    [Fact]
    public void The_Gateway_stand_in_accepts_its_listener_ports_only()
    {
        var a = Analyze(ApiPods + Service("8080") + Gateway());
        Assert.Equal("TCP 80", a.Allowed("shop/Deployment/client", GatewayId));
    }

    [Fact]
    public void A_Gateway_with_its_data_plane_pods_in_the_input_has_no_stand_in()
    {
        var plane = Deployment("shop", "public-gw", "gateway.networking.k8s.io/gateway-name: public", "http:80");
        var a = Analyze(ApiPods + Service("8080") + Gateway() + plane);
        Assert.DoesNotContain(a.Endpoints, e => e.Kind == EndpointKind.Gateway);
        Assert.Contains(Analyze(ApiPods + Service("8080") + Gateway()).Endpoints, e => e.Id == GatewayId);
    }

    [Theory]
    [InlineData("8080", 8080)]
    [InlineData("1", 1)]
    [InlineData("65535", 65535)]
    [InlineData("65536", null)]
    public void Ingress_routes_reach_target_ports_within_1_65535(string targetPort, int? expected)
    {
        var a = Analyze(ApiPods + Service(targetPort) + Ingress());
        Assert.Equal(expected, a.IngressRoutes.SingleOrDefault()?.ContainerPort);
        if (expected is { } port)
            Assert.Equal($"TCP {port}", a.Allowed("ingress-nginx/IngressController/ingress-controller", Api));
    }

    [Fact]
    public void Ingress_backends_that_do_not_resolve_make_no_route()
    {
        Assert.Empty(Analyze(ApiPods + Service("8080") + Ingress(backend: "nothing")).IngressRoutes);
        // One backend, one route, whatever the number of paths naming it.
        Assert.Single(Analyze(ApiPods + Service("8080") + Ingress()).IngressRoutes);
    }

    [Fact]
    public void A_controller_workload_must_be_in_the_controller_namespace()
    {
        var lookalike = Deployment("shop", "ingress-nginx-controller", "app.kubernetes.io/name: ingress-nginx", "http:80");
        var a = Analyze(ApiPods + Service("8080") + Ingress() + lookalike);
        Assert.Equal(["ingress-nginx/IngressController/ingress-controller"], a.IngressControllers.Select(e => e.Id).ToArray());
    }

    [Fact]
    public void A_backend_in_another_namespace_without_a_ReferenceGrant_or_an_ExternalName_Service_is_not_reached()
    {
        var otherApi = Deployment("other", "api", "app: api", "http:8080");
        var otherService = Service("8080").Replace("namespace: shop", "namespace: other");
        var crossRoute = Gateway().Replace("backendRefs: [{name: api, port: 80}]", "backendRefs: [{name: api, namespace: other, port: 80}]");
        var a = Analyze(ApiPods + otherApi + otherService + crossRoute);
        Assert.Equal("none", a.Allowed(GatewayId, "other/Deployment/api"));
        Assert.Empty(a.GatewayTargets[a.At(GatewayId).Class]);

        var external = """
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec: {type: ExternalName, externalName: api.example.com, selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
            ---

            """;
        var b = Analyze(ApiPods + external + Gateway());
        Assert.Empty(b.GatewayTargets[b.At(GatewayId).Class]);
    }

    [Fact]
    public void An_Ingress_path_without_a_backend_makes_no_route_and_no_crash()
    {
        var noBackend = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: api, namespace: shop}
            spec:
              rules:
                - http:
                    paths:
                      - {path: /, pathType: Prefix}
            ---

            """;
        Assert.Empty(Analyze(ApiPods + Service("8080") + noBackend).IngressRoutes);
    }
}
