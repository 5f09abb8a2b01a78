using KubeNetLint.Core.Connectivity;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The reachability ground truth of ../shared/corpus/FINDINGS.md for microservices-demo and argo-cd.</summary>
public sealed class CorpusTests
{
    private static string Corpus(string path) => Path.Combine(Repo.Shared, "corpus", path);

    private static ReachabilityMatrix MicroservicesDemo(string manifests) =>
        Net.AnalyzePaths([Corpus(manifests), Corpus("microservices-demo/network-policies")]).ComputeMatrix();

    private static string D(string name) => $"default/Deployment/{name}";

    private static void AllowedOn(ReachabilityMatrix m, string from, string to, int port) =>
        Assert.True(m.Get(from, to).Contains("TCP", port), $"{from} -> {to}:{port} should be allowed, allowed set is {m.Get(from, to)}");

    private static void DeniedOn(ReachabilityMatrix m, string from, string to, int port) =>
        Assert.False(m.Get(from, to).Contains("TCP", port), $"{from} -> {to}:{port} should be denied, allowed set is {m.Get(from, to)}");

    [SharedFact]
    public void Microservices_demo_allows_every_declared_call_and_nothing_else_listed()
    {
        var m = MicroservicesDemo("microservices-demo/kubernetes-manifests");
        Assert.Equal(12, m.Endpoints.Count(e => e.Kind == EndpointKind.Workload));
        foreach (var (callee, port) in new[] { ("adservice", 9555), ("cartservice", 7070), ("checkoutservice", 5050), ("currencyservice", 7000),
                     ("productcatalogservice", 3550), ("recommendationservice", 8080), ("shippingservice", 50051) })
            AllowedOn(m, D("frontend"), D(callee), port);
        foreach (var (callee, port) in new[] { ("cartservice", 7070), ("currencyservice", 7000), ("emailservice", 8080), ("paymentservice", 50051),
                     ("productcatalogservice", 3550), ("shippingservice", 50051) })
            AllowedOn(m, D("checkoutservice"), D(callee), port);
        AllowedOn(m, D("recommendationservice"), D("productcatalogservice"), 3550);
        AllowedOn(m, D("cartservice"), D("redis-cart"), 6379);
        AllowedOn(m, D("loadgenerator"), D("frontend"), 8080);
        AllowedOn(m, "external/0.0.0.0-255.255.255.255", D("frontend"), 8080);

        DeniedOn(m, D("loadgenerator"), D("cartservice"), 7070);
        DeniedOn(m, D("frontend"), D("redis-cart"), 6379);
        DeniedOn(m, D("frontend"), D("paymentservice"), 50051);
        DeniedOn(m, D("frontend"), D("emailservice"), 8080);
        DeniedOn(m, D("recommendationservice"), D("cartservice"), 7070);
        DeniedOn(m, D("checkoutservice"), D("adservice"), 9555);
        Assert.DoesNotContain(m.Connections, c => c.To.Id == D("loadgenerator"));
        // Only the frontend accepts anything from outside.
        Assert.Equal([D("frontend"), D("frontend")], m.Connections.Where(c => c.From.IsExternal).Select(c => c.To.Id).ToArray());
        // The exact sets: each callee opens exactly its pod port to its callers.
        Assert.Equal("TCP 8080", m.Get(D("checkoutservice"), D("emailservice")).ToString());
        Assert.Equal("all", m.Get(D("checkoutservice"), D("frontend")).ToString());
    }

    [SharedFact]
    public void Microservices_demo_release_bundle_gives_the_same_matrix()
    {
        var folder = MicroservicesDemo("microservices-demo/kubernetes-manifests");
        var release = MicroservicesDemo("microservices-demo/release/kubernetes-manifests.yaml");
        Assert.Equal(folder.Connections.Select(c => $"{c.From.Id} {c.To.Id} {c.Allowed}"), release.Connections.Select(c => $"{c.From.Id} {c.To.Id} {c.Allowed}"));
    }

    private static string A(string kind, string name) => $"default/{kind}/{name}";

    [SharedFact]
    public void Argo_cd_install_matches_the_ground_truth()
    {
        var m = Net.AnalyzePaths([Corpus("argo-cd/install.yaml")]).ComputeMatrix();
        string server = A("Deployment", "argocd-server"), repo = A("Deployment", "argocd-repo-server"), redis = A("Deployment", "argocd-redis"),
            dex = A("Deployment", "argocd-dex-server"), appset = A("Deployment", "argocd-applicationset-controller"),
            notifications = A("Deployment", "argocd-notifications-controller"), controller = A("StatefulSet", "argocd-application-controller");
        Assert.Equal(7, m.Endpoints.Count(e => e.Kind == EndpointKind.Workload));

        foreach (var from in new[] { server, repo, controller }) AllowedOn(m, from, redis, 6379);
        foreach (var from in new[] { appset, notifications, dex }) DeniedOn(m, from, redis, 6379);
        foreach (var from in new[] { server, controller, notifications, appset }) AllowedOn(m, from, repo, 8081);
        DeniedOn(m, dex, repo, 8081);
        foreach (var from in new[] { server, controller, notifications, appset, dex, redis }) AllowedOn(m, from, repo, 8084);
        AllowedOn(m, server, dex, 5556);
        AllowedOn(m, server, dex, 5557);
        foreach (var from in new[] { repo, controller, notifications, appset, redis })
        {
            DeniedOn(m, from, dex, 5556);
            DeniedOn(m, from, dex, 5557);
            AllowedOn(m, from, dex, 5558);
        }
        foreach (var from in new[] { repo, controller, notifications, appset, dex, redis }) Assert.True(m.Get(from, server).IsAll);
        Assert.True(m.Get("external/0.0.0.0-255.255.255.255", server).IsAll);
        // namespaceSelector: {} admits pods, not external addresses.
        foreach (var to in new[] { controller, appset, notifications, repo, dex, redis })
            Assert.True(m.Get("external/0.0.0.0-255.255.255.255", to).IsEmpty, $"external -> {to}");
        Assert.Equal("TCP 8082", m.Get(server, controller).ToString());
        Assert.Equal("TCP 7000,8080", m.Get(server, appset).ToString());
        Assert.Equal("TCP 9001", m.Get(server, notifications).ToString());
        Assert.Equal("TCP 5556-5558", m.Get(server, dex).ToString());
    }

    [SharedFact]
    public void Argo_cd_ha_redis_egress_allows_redis_ha_and_dns_only()
    {
        var a = Net.AnalyzePaths([Corpus("argo-cd/ha/install.yaml")]);
        var redisHa = a.At("default/StatefulSet/argocd-redis-ha-server");
        Assert.True(a.IsIsolated(redisHa, Direction.Egress));
        Assert.Equal("TCP 53; UDP 53", a.Allowed(redisHa, a.At("203.0.113.1")).ToString());
        Assert.Equal("TCP 53; UDP 53", a.Allowed(redisHa, a.At("default/Deployment/argocd-server")).ToString());
        var haproxy = a.At("default/Deployment/argocd-redis-ha-haproxy");
        Assert.Equal("TCP 6379,26379", a.Allowed(haproxy, redisHa).ToString());
        // Every other HA workload allows all egress: only this one is isolated for egress.
        Assert.Equal([redisHa.Id], a.Workloads.Where(e => a.IsIsolated(e, Direction.Egress)).Select(e => e.Id).ToArray());
    }
}
