using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Model.ModelKit;

namespace KubeNetLint.Tests.Model;

/// <summary>Gateway API objects as the model reads them (defaults from the standard-channel CRDs).</summary>
public sealed class GatewayModelTests
{
    [Fact]
    public void Allowed_namespaces_point_at_from_else_at_the_namespaces_mapping()
    {
        var model = Build("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw}
            spec:
              listeners:
                - {name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
                - {name: b, port: 81, protocol: HTTP, allowedRoutes: {namespaces: {selector: {matchLabels: {team: x}}}}}
                - {name: c, port: 82, protocol: HTTP}
            """);
        var listeners = model.Gateways[0].Listeners;
        Assert.Equal(("All", "6:78"), (listeners[0].AllowedNamespaces.From, At(listeners[0].AllowedNamespaces.Node!)));
        Assert.Equal(("Same", "7:71"), (listeners[1].AllowedNamespaces.From, At(listeners[1].AllowedNamespaces.Node!)));
        Assert.Equal("team=x", listeners[1].AllowedNamespaces.Selector!.ToString());
        Assert.Equal("Same", listeners[2].AllowedNamespaces.From);
        Assert.Null(listeners[2].AllowedNamespaces.Node);
        Assert.Equal(("None", null), (model.Gateways[0].AllowedListeners.From, model.Gateways[0].AllowedListeners.Node));
    }

    [Fact]
    public void Written_route_kinds_count_only_in_the_Gateway_API_group_and_when_the_protocol_carries_them()
    {
        var model = Build("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw}
            spec:
              listeners:
                - name: a
                  port: 80
                  protocol: HTTP
                  allowedRoutes:
                    kinds: [{group: example.com, kind: HTTPRoute}, {kind: TCPRoute}, {kind: GRPCRoute}]
            """);
        Assert.Equal(["GRPCRoute"], model.Gateways[0].Listeners[0].EffectiveKinds);
    }

    [Fact]
    public void Route_hostnames_are_strings_and_null_items_are_skipped()
    {
        var model = Build("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r}
            spec:
              hostnames: [~, a.example.com, 5]
              rules:
                - backendRefs:
                    - {name: svc, port: 80}
                    - {group: "", kind: Bucket, name: b}
                    - {group: example.com, kind: Service, name: c}
            """);
        var route = model.Routes[0];
        Assert.Equal(["a.example.com"], route.Hostnames.Select(h => h.Host));
        Assert.Equal(["5:33 spec.hostnames[] a string"], Errors(model));
        Assert.Equal([true, false, false], route.Rules[0].Backends.Select(b => b.IsService));
    }

    [Fact]
    public void Object_refs_point_at_their_namespace_else_their_name_else_themselves()
    {
        var model = Build("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: shop}
            spec:
              parentRefs:
                - {name: gw, namespace: infra}
                - {name: gw}
                - {sectionName: http}
            """);
        var refs = model.Routes[0].ParentRefs.Select(p => p.Ref).ToList();
        Assert.Equal(["6:29", "7:14", "8:7"], refs.Select(r => At(r.NamespaceOrName)));
        Assert.Equal(["infra", "shop", "shop"], refs.Select(r => r.Namespace));
    }

    [Fact]
    public void ReferenceGrant_and_policy_target_groups_are_read_as_written()
    {
        var model = Build("""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: g, namespace: infra}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
              to: [{group: "", kind: Secret}, {group: gateway.networking.k8s.io, kind: Gateway, name: gw}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: {name: p}
            spec:
              targetRefs:
                - {group: "", kind: Service, name: svc}
                - {group: example.com, kind: Service, name: other}
                - {group: "", kind: ServiceImport, name: imported}
              validation: {hostname: svc.example.com, wellKnownCACertificates: System}
            """);
        var grant = model.ReferenceGrants[0];
        Assert.Equal(["/Secret/", "gateway.networking.k8s.io/Gateway/gw"], grant.To.Select(t => $"{t.Group}/{t.Kind}/{t.Name}"));
        Assert.True(grant.Permits(GatewayApi.Group, "HTTPRoute", "shop", "", "Secret", "any"));
        Assert.False(grant.Permits(GatewayApi.Group, "HTTPRoute", "shop", "", "Service", "any"));
        Assert.False(grant.Permits(GatewayApi.Group, "HTTPRoute", "shop", "example.com", "Secret", "any"));
        Assert.True(grant.Permits(GatewayApi.Group, "HTTPRoute", "shop", GatewayApi.Group, "Gateway", "gw"));
        Assert.False(grant.Permits(GatewayApi.Group, "HTTPRoute", "shop", GatewayApi.Group, "Gateway", "other"));
        var targets = model.BackendTlsPolicies[0].TargetRefs;
        Assert.Equal(["", "example.com", ""], targets.Select(t => t.Group));
        Assert.Equal([true, false, false], targets.Select(t => t.IsService));
    }
}
