using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>What an endpoint says about itself: the note on the Pods a dump's endpoint stands for, where it
/// is defined, and how an ingress route reads.</summary>
public sealed class EndpointNotesTests
{
    /// <summary>A dump of <paramref name="count"/> Pods of one ReplicaSet that the dump does not hold.</summary>
    private static string OrphanPods(int count) => "apiVersion: v1\nkind: PodList\nitems:\n" + string.Concat(Enumerable.Range(1, count).Select(i => $$"""
        - metadata:
            name: web-5d8f9c-{{i}}
            namespace: shop
            labels: {app: web}
            ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f9c, uid: "1", controller: true}]
          spec: {containers: [{name: web, image: nginx}]}

        """));

    [Theory]
    [InlineData(1, "shop/ReplicaSet/web-5d8f9c is not in the input; it stands for its 1 Pod web-5d8f9c-1")]
    [InlineData(2, "shop/ReplicaSet/web-5d8f9c is not in the input; it stands for its 2 Pods web-5d8f9c-1, web-5d8f9c-2")]
    [InlineData(5, "shop/ReplicaSet/web-5d8f9c is not in the input; it stands for its 5 Pods web-5d8f9c-1, web-5d8f9c-2, web-5d8f9c-3, web-5d8f9c-4, web-5d8f9c-5")]
    [InlineData(6, "shop/ReplicaSet/web-5d8f9c is not in the input; it stands for its 6 Pods web-5d8f9c-1, web-5d8f9c-2, web-5d8f9c-3, web-5d8f9c-4, web-5d8f9c-5, …")]
    public void A_dump_endpoint_names_up_to_five_of_the_Pods_it_stands_for(int pods, string note)
    {
        var e = Analyze(OrphanPods(pods)).At("shop/ReplicaSet/web-5d8f9c");
        Assert.Equal(note, e.PodsNote);
    }

    [Fact]
    public void A_workload_of_the_manifests_has_no_note_and_is_located_at_its_name()
    {
        var a = Analyze(Deployment("shop", "web", "app: web", "http:8080"));
        var web = a.At("shop/Deployment/web");
        Assert.Null(web.PodsNote);
        Assert.Equal(4, web.Location!.Line); // metadata.name of the Deployment (Net.Deployment's 4th line)
    }

    [Fact]
    public void An_ingress_route_reads_ingress_service_port_and_target()
    {
        var yaml = Deployment("shop", "web", "app: web", "http:8080") + """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}, {port: 81, targetPort: 8080}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop, namespace: shop}
            spec:
              rules:
                - http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
                      - {path: /b, pathType: Prefix, backend: {service: {name: web, port: {number: 81}}}}
            """;
        var routes = Analyze(yaml).IngressRoutes.Select(r => r.ToString()).ToList();
        Assert.Equal([
            "Ingress shop/shop → Service web:http → shop/Deployment/web TCP 8080",
            "Ingress shop/shop → Service web:81 → shop/Deployment/web TCP 8080",
        ], routes);
    }
}
