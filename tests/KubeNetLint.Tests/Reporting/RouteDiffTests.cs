using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`diff --routes` on small inputs: which change each status change is, and the exact text.</summary>
public sealed class RouteDiffTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("knl-routediff").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static string App(string name, string labels = "app: web") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {"{"}name: {name}, namespace: shop{"}"}
        spec:
          selector: {"{"}matchLabels: {"{"}{labels}{"}}"}
          template:
            metadata: {"{"}labels: {"{"}{labels}{"}}"}
            spec: {"{"}containers: [{"{"}name: c, image: nginx, ports: [{"{"}containerPort: 8080{"}"}]{"}"}]{"}"}

        """;

    private static string Svc(string selector = "app: web") => $"""
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: web, namespace: shop{"}"}
        spec:
          selector: {"{"}{selector}{"}"}
          ports: [{"{"}port: 80, targetPort: 8080{"}"}]

        """;

    private static string Ing(string host = "a.example.com", string service = "web") => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {"{"}name: ing, namespace: shop{"}"}
        spec:
          ingressClassName: nginx
          rules:
          - host: {host}
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {"{"}service: {"{"}name: {service}, port: {"{"}number: 80{"}}}"}

        """;

    private static string Docs(params string[] docs) => string.Join("---\n", docs);

    private CliResult Diff(string before, string after, string format = "text")
    {
        var b = Path.Combine(_dir, "base.yaml");
        var h = Path.Combine(_dir, "head.yaml");
        File.WriteAllText(b, before);
        File.WriteAllText(h, after);
        return CliRunner.Run("diff", "--routes", "--base", b, "--head", h, "--format", format);
    }

    private static readonly string Healthy = Docs(App("web"), Svc(), Ing());
    private const string Route = "a.example.com Prefix / (Ingress shop/Ingress/ing) -> Service shop/web:80";
    private const string Ok = "frontend [ok], backend [ok], workloads shop/Deployment/web:8080 [ok]";
    private const string Missing = "frontend [ok], backend [service missing], workloads - [-]";
    private const string NoWorkloads = "frontend [ok], backend [ok], workloads - [no workloads]";

    [Fact]
    public void The_same_routes_are_no_change()
    {
        var r = Diff(Healthy, Healthy);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("No route changes.\n", r.Stdout);
    }

    [Fact]
    public void A_route_that_loses_its_workloads_broke()
    {
        Assert.Equal($"~ broke: {Route}\n    before: {Ok}\n    after:  {NoWorkloads}\n1 broke.\n",
            Diff(Healthy, Docs(App("web"), Svc("app: nobody"), Ing())).Stdout);
    }

    [Fact]
    public void A_route_whose_missing_service_appears_is_fixed()
    {
        // The frontend was fine before: only the backend was not, and that is not healthy.
        Assert.Equal($"~ fixed: {Route}\n    before: {Missing}\n    after:  {Ok}\n1 fixed.\n",
            Diff(Docs(App("web"), Ing()), Healthy).Stdout);
    }

    [Fact]
    public void Healthy_to_healthy_and_broken_to_broken_are_changed()
    {
        Assert.Equal($"~ changed: {Route}\n    before: {Ok}\n    after:  frontend [ok], backend [ok], workloads shop/Deployment/api:8080 [ok]\n1 changed.\n",
            Diff(Healthy, Docs(App("api"), Svc(), Ing())).Stdout);
        Assert.Equal($"~ changed: {Route}\n    before: {NoWorkloads}\n    after:  {Missing}\n1 changed.\n",
            Diff(Docs(App("web"), Svc("app: nobody"), Ing()), Docs(App("web"), Ing())).Stdout);
    }

    [Fact]
    public void Added_and_removed_routes_show_their_one_row()
    {
        Assert.Equal(
            $"- removed: {Route}\n    {Ok}\n" +
            $"+ added: b.example.com Prefix / (Ingress shop/Ingress/ing) -> Service shop/web:80\n    {Ok}\n" +
            "1 added, 1 removed.\n",
            Diff(Healthy, Docs(App("web"), Svc(), Ing("b.example.com"))).Stdout);
    }

    private static JsonElement Graph(CliResult r) => JsonDocument.Parse(r.Stdout).RootElement.GetProperty("runs")[0].GetProperty("graphs")[0].Clone();

    [Fact]
    public void The_sarif_graph_numbers_its_edges_and_points_each_frontend_at_the_newest_row()
    {
        var added = Graph(Diff(Healthy, Docs(App("web"), Svc(), Ing("b.example.com")), "sarif"));
        Assert.Equal("Route changes (kubenetlint): 1 added, 1 removed.", added.GetProperty("description").GetProperty("text").GetString());
        Assert.Equal(["r1 removed", "r2 added"],
            added.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("id").GetString()} {e.GetProperty("label").GetProperty("text").GetString()}"));
        string Uri(JsonElement g, string node) => g.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == node)
            .GetProperty("location").GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.EndsWith("/base.yaml", Uri(added, "a.example.com Prefix / (Ingress shop/Ingress/ing)"), StringComparison.Ordinal);
        Assert.EndsWith("/head.yaml", Uri(added, "b.example.com Prefix / (Ingress shop/Ingress/ing)"), StringComparison.Ordinal);
        // A changed row has both: the node is where the route is now.
        var changed = Graph(Diff(Healthy, Docs(App("api"), Svc(), Ing()), "sarif"));
        Assert.EndsWith("/head.yaml", Uri(changed, "a.example.com Prefix / (Ingress shop/Ingress/ing)"), StringComparison.Ordinal);
        Assert.Equal($"changed: {Ok} => frontend [ok], backend [ok], workloads shop/Deployment/api:8080 [ok]",
            changed.GetProperty("edges")[0].GetProperty("label").GetProperty("text").GetString());
    }
}
