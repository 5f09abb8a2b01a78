using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Model.ModelKit;

namespace KubeNetLint.Tests.Model;

/// <summary>How documents become objects: identity fields, Lists, typed lists, non-objects, names.</summary>
public sealed class DocumentModelTests
{
    [Fact]
    public void A_document_without_apiVersion_or_kind_is_named_for_what_it_lacks()
    {
        var model = Build("""
            kind: Service
            metadata: {name: a}
            ---
            apiVersion: v1
            metadata: {name: b}
            ---
            metadata: {name: c}
            """);
        Assert.Empty(model.Resources);
        Assert.Equal(
        [
            "the document has no apiVersion; it is not a Kubernetes object and is skipped",
            "the document has no kind; it is not a Kubernetes object and is skipped",
            "the document has no apiVersion and kind; it is not a Kubernetes object and is skipped",
        ], model.NonObjects.Select(n => n.Reason));
    }

    [Fact]
    public void A_scalar_document_is_quoted_whole_up_to_30_characters()
    {
        var thirty = new string('x', 30);
        var model = Build($"{thirty}\n---\n{thirty}y\n---\n- a\n");
        Assert.Equal(
        [
            $"the document is a single value ('{thirty}'), not a Kubernetes object (a mapping with apiVersion and kind)",
            $"the document is a single value ('{thirty}…'), not a Kubernetes object (a mapping with apiVersion and kind)",
            "the document is a list, not a Kubernetes object (a mapping with apiVersion and kind)",
        ], model.NonObjects.Select(n => n.Reason));
    }

    [Fact]
    public void Items_of_a_kind_List_name_their_own_apiVersion_and_kind()
    {
        var model = Build("""
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Service
                metadata: {name: svc}
              - metadata: {name: nameless}
              - kind: ConfigMap
                metadata: {name: no-version}
            """);
        var svc = Assert.Single(model.Resources);
        Assert.Equal(("v1", "Service", "svc"), (svc.ApiVersion, svc.Kind, svc.Name));
        Assert.Equal(
        [
            "this item of a List has no apiVersion and kind; a `kind: List` item must name its own, so it is skipped",
            "this item of a List has no apiVersion; a `kind: List` item must name its own, so it is skipped",
        ], model.NonObjects.Select(n => n.Reason));
    }

    [Fact]
    public void Items_of_a_typed_list_take_its_version_and_kind_unless_they_name_their_own()
    {
        var model = Build("""
            apiVersion: apps/v1
            kind: DeploymentList
            items:
              - metadata: {name: plain}
              - apiVersion: extensions/v1beta1
                metadata: {name: old}
              - apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: other}
            """);
        Assert.Empty(model.NonObjects);
        Assert.Equal(
        [
            "apps/v1 Deployment plain apps",
            "extensions/v1beta1 Deployment old extensions",
            "apps/v1 StatefulSet other apps",
        ], model.Resources.Select(r => $"{r.ApiVersion} {r.Kind} {r.Name} {r.Group}"));
        // An item without a kind has no `kind` node: its location is its name.
        Assert.Equal("4:22", At(model.Resources[0].NameNode!));
        Assert.Equal(model.Resources[0].NameNode!.Location, model.Resources[0].Location);
    }

    [Fact]
    public void An_item_of_a_typed_list_without_name_or_kind_points_at_itself()
    {
        var model = Build("""
            apiVersion: v1
            kind: ServiceList
            items:
              - spec: {type: ClusterIP}
            """);
        var r = Assert.Single(model.Resources);
        Assert.Equal(("Service", ""), (r.Kind, r.Name));
        Assert.Equal(r.Root.Location, r.Location);
        Assert.Equal("4:5", At(r.Root));
    }

    [Fact]
    public void A_List_whose_items_are_not_a_list_is_a_type_error()
    {
        var model = Build("""
            apiVersion: v1
            kind: List
            items: {a: b}
            ---
            apiVersion: v1
            kind: List
            items: ~
            """);
        Assert.Empty(model.Resources);
        Assert.Equal(["3:8 items a list"], Errors(model));
    }

    [Fact]
    public void The_group_is_the_apiVersion_before_its_slash()
    {
        var model = Build("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: core}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            ---
            apiVersion: /v1
            kind: Widget
            metadata: {name: odd}
            """);
        Assert.Equal(["", "networking.k8s.io", ""], model.Resources.Select(r => r.Group));
    }

    [Fact]
    public void A_generateName_stands_for_the_name_with_a_star()
    {
        var model = Build("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {generateName: cfg-}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {labels: {a: b}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: named, generateName: ignored-}
            """);
        Assert.Equal(["cfg-*", "", "named"], model.Resources.Select(r => r.Name));
    }

    [Fact]
    public void A_type_error_of_a_typed_view_names_its_object()
    {
        var model = Build("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: 5
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: other}
            spec:
              ports: [~, 80]
            """);
        Assert.Equal(["5:9 spec.type a string", "11:14 spec.ports[] a mapping"], Errors(model));
        Assert.Equal(["default/Service/web", "default/Service/other"], model.TypeErrors.Select(e => e.Subject!.Id));
    }

    [Fact]
    public void Objects_route_to_their_typed_views_by_group_and_kind()
    {
        var model = Build("""
            apiVersion: example.com/v1
            kind: HTTPRoute
            metadata: {name: not-gateway-api}
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha1
            kind: BackendLBPolicy
            metadata: {name: not-a-route}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: route}
            """);
        Assert.Equal(["route"], model.Routes.Select(r => r.Name));
    }

    [Fact]
    public void Secret_keys_come_from_data_or_stringData()
    {
        var model = Build("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data: {tls.crt: eA==}
            stringData: {tls.key: x}
            """);
        var secret = Assert.Single(model.Secrets);
        Assert.True(secret.HasKey("tls.crt"));
        Assert.True(secret.HasKey("tls.key"));
        Assert.False(secret.HasKey("ca.crt"));
        Assert.Equal("Opaque", secret.Type);
    }

    [Theory]
    [InlineData("KNL101", "KNL101", true)]
    [InlineData("KNL101", "KNL102", false)]
    [InlineData("all -- served elsewhere", "KNL102", true)]
    [InlineData("KNL101, KNL103", "KNL103", true)]
    public void The_ignore_annotation_suppresses_the_rules_it_names(string annotation, string rule, bool suppressed)
    {
        var model = Build($"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              annotations:
                kubenetlint.io/ignore: "{annotation}"
            """);
        Assert.Equal(suppressed, model.Resources[0].Suppresses(rule));
    }
}
