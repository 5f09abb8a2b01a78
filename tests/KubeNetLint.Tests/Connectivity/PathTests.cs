using System.Text;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The path engine: paths through allowed connections and routes on testdata/paths/shop, the
/// transitive searches, agreement with the matrix, and bounds on the work a search does.</summary>
public sealed class PathTests
{
    private static readonly string Shop = Path.Combine(Repo.Root, "testdata", "paths", "shop");

    private static PathGraph Paths(string path) => Analysis(ManifestLoader.Load([path])).Paths();

    private static ConnectivityAnalysis Analysis(LoadResult load)
    {
        var model = LintEngine.BuildModel(load, LintConfig.Empty);
        return ConnectivityAnalysis.Build(new ResourceGraph(model, LintConfig.Empty));
    }

    private static PathGraph PathsOf(string yaml) =>
        Analysis(ManifestLoader.LoadFiles([new SourceFile { Path = "test.yaml", FullPath = Path.GetFullPath("test.yaml"), Text = yaml }])).Paths();

    [Fact]
    public void The_internet_reaches_the_db_through_the_Gateway_and_the_Ingress_shortest_first()
    {
        var g = Paths(Shop);
        var result = g.Between(g.External, g.Find("shop/StatefulSet/db")!);
        Assert.Equal(
            ["external -> shop/Gateway/public -> shop/Deployment/api -> shop/StatefulSet/db",
             "external -> shop/Ingress/web -> shop/Deployment/frontend -> shop/Deployment/api -> shop/StatefulSet/db"],
            result.Paths.Select(p => p.Describe()));
        Assert.False(result.Truncated);
        Assert.Equal([HopKind.Entry, HopKind.Route, HopKind.Connection, HopKind.Connection], result.Paths[1].Hops.Select(h => h.Kind));
        var route = result.Paths[1].Hops[1];
        Assert.Equal("TCP 8080", route.Ports.ToString());
        Assert.Equal("shop/frontend", Assert.Single(route.Routes).Service);
    }

    [Fact]
    public void Each_hop_names_the_rules_that_allow_it_with_file_and_line()
    {
        var g = Paths(Shop);
        var path = g.Between(g.External, g.Find("shop/StatefulSet/db")!).Paths[0];
        var last = g.Explain(path.Hops[^1]);
        var rule = Assert.Single(last.Reasons, r => r.Text.StartsWith("ingress rule 1 of NetworkPolicy shop/db", StringComparison.Ordinal));
        Assert.EndsWith("policies.yaml", rule.Location!.Path, StringComparison.Ordinal);
        Assert.Equal(49, rule.Location.Line);
        Assert.Contains(last.Reasons, r => r.Text == "shop/Deployment/api is not isolated for egress");
        Assert.Equal("Service shop/db:5432", Assert.Single(last.Services).Describe());
        var routed = g.Explain(path.Hops[1]);
        Assert.Contains(routed.Reasons, r => r.Text.StartsWith("ingress rule 2 of NetworkPolicy shop/api allows TCP 9090", StringComparison.Ordinal));
    }

    [Fact]
    public void The_port_and_the_hop_limit_narrow_the_paths()
    {
        var g = Paths(Shop);
        var db = g.Find("shop/StatefulSet/db")!;
        Assert.Equal(2, g.Between(g.External, db, new PortQuery("TCP", 5432)).Paths.Count);
        Assert.Empty(g.Between(g.External, db, new PortQuery("TCP", 9090)).Paths);
        Assert.Single(g.Between(g.External, db, maxHops: 3).Paths);
        Assert.Empty(g.Between(g.External, db, maxHops: 2).Paths);
        var limited = g.Between(g.External, db, limit: 1);
        Assert.Single(limited.Paths);
        Assert.True(limited.Truncated);
    }

    [Fact]
    public void Blast_radius_and_who_reaches_a_workload()
    {
        var g = Paths(Shop);
        var fromInternet = g.Transitive(g.External, forward: true);
        Assert.Equal(["shop/Ingress/web", "shop/Gateway/public", "shop/Deployment/api", "shop/Deployment/frontend", "shop/StatefulSet/db"],
            fromInternet.Nodes.Select(r => r.Node.Id));
        Assert.Equal([1, 1, 2, 2, 3], fromInternet.Nodes.Select(r => r.Hops));
        Assert.DoesNotContain(fromInternet.Nodes, r => r.Node.Id == "shop/Deployment/admin");

        var toFrontend = g.Transitive(g.Find("shop/Deployment/frontend")!, forward: false);
        Assert.Equal(["shop/Ingress/web", "external"], toFrontend.Nodes.Select(r => r.Node.Id));
        Assert.Equal("external -> shop/Ingress/web -> shop/Deployment/frontend", toFrontend.Nodes[1].Path.Describe());

        // The db may send anywhere (no egress policy), but nothing in the cluster takes its connections,
        // and the internet is never a stepping stone.
        var fromDb = g.Transitive(g.Find("shop/StatefulSet/db")!, forward: true);
        Assert.Equal(["external"], fromDb.Nodes.Select(r => r.Node.Id));
        Assert.Equal(["shop/Ingress/web", "shop/Gateway/public"], g.Transitive(g.External, forward: true, maxHops: 1).Nodes.Select(r => r.Node.Id));
    }

    [Fact]
    public void Connection_hops_are_the_matrix_connections()
    {
        var analysis = Analysis(ManifestLoader.Load([Path.Combine(Repo.Root, "testdata", "examples")]));
        var g = analysis.Paths();
        var hops = g.Nodes.Where(n => n.Kind == PathNodeKind.Endpoint).SelectMany(n => g.OutHops(n))
            .Where(h => h.Target.Kind == PathNodeKind.Endpoint).Select(h => $"{h.Source.Id} -> {h.Target.Id}: {h.Ports}").Order(StringComparer.Ordinal).ToList();
        var matrix = analysis.ComputeMatrix().Connections.Where(c => c.From.Kind == EndpointKind.Workload && c.To.Kind == EndpointKind.Workload)
            .Select(c => $"{c.From.Id} -> {c.To.Id}: {c.Allowed}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(matrix);
        Assert.Equal(matrix, hops);
        // In-edges agree with out-edges.
        var reverse = g.Nodes.Where(n => n.Kind == PathNodeKind.Endpoint).SelectMany(n => g.InHops(n))
            .Where(h => h.Source.Kind == PathNodeKind.Endpoint).Select(h => $"{h.Source.Id} -> {h.Target.Id}: {h.Ports}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(matrix, reverse);
    }

    /// <summary>A chain a → b → c in namespace app, plus <paramref name="noise"/> open workloads in another
    /// namespace that anyone (the internet included) may reach but that reach nothing in app.</summary>
    private static string Chain(int noise)
    {
        var sb = new StringBuilder();
        foreach (var name in new[] { "a", "b", "c" })
            sb.Append($"---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, namespace: app}}\nspec:\n  selector: {{matchLabels: {{app: {name}}}}}\n" +
                      $"  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec: {{containers: [{{name: c, image: x, ports: [{{containerPort: 80}}]}}]}}\n");
        sb.Append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: b, namespace: app}\nspec:\n  podSelector: {matchLabels: {app: b}}\n" +
                  "  ingress: [{from: [{podSelector: {matchLabels: {app: a}}}]}]\n");
        sb.Append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: c, namespace: app}\nspec:\n  podSelector: {matchLabels: {app: c}}\n" +
                  "  ingress: [{from: [{podSelector: {matchLabels: {app: b}}}]}]\n");
        sb.Append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: app}\nspec:\n  podSelector: {matchLabels: {app: a}}\n" +
                  "  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]\n");
        for (int i = 0; i < noise; i++)
            sb.Append($"---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: n{i}, namespace: noise}}\nspec:\n  selector: {{matchLabels: {{app: n{i}}}}}\n" +
                      $"  template:\n    metadata: {{labels: {{app: n{i}}}}}\n    spec: {{containers: [{{name: c, image: x}}]}}\n");
        return sb.ToString();
    }

    [Fact]
    public void A_path_search_steps_only_where_the_target_can_still_be_reached()
    {
        var small = PathsOf(Chain(50));
        var large = PathsOf(Chain(200));
        PathResult Search(PathGraph g) => g.Between(g.External, g.Find("app/Deployment/c")!);
        var s = Search(small);
        var l = Search(large);
        Assert.Equal("external -> app/Deployment/a -> app/Deployment/b -> app/Deployment/c", Assert.Single(s.Paths).Describe());
        Assert.Equal(s.Paths.Select(p => p.Describe()), l.Paths.Select(p => p.Describe()));
        // The depth-first walk enters only a, b (and looks at c); the noise workloads are looked at as
        // edges out of the internet and the chain, never entered.
        Assert.True(l.Stats.VerticesExamined <= 20, $"examined {l.Stats.VerticesExamined} vertices");
        Assert.Equal(s.Stats.VerticesExamined, l.Stats.VerticesExamined);
        // Edges grow with the noise linearly (each noise workload is one edge from the internet, from a and from b), not faster.
        Assert.True(l.Stats.EdgesExamined <= 4 * (s.Stats.EdgesExamined + 10), $"{s.Stats.EdgesExamined} → {l.Stats.EdgesExamined} edges");
    }

    [Fact]
    public void A_transitive_search_visits_each_node_once()
    {
        var g = PathsOf(Chain(200));
        var result = g.Transitive(g.External, forward: true);
        Assert.Equal(203, result.Nodes.Count); // a, b, c and the noise
        // Breadth-first: every reached node is examined once (plus the origin); the internet is not re-entered.
        Assert.Equal(result.Nodes.Count + 1 - result.Nodes.Count(r => r.Node.Kind == PathNodeKind.External), result.Stats.VerticesExamined);
    }

    [Fact]
    public void An_Ingress_backend_without_a_port_routes_nothing_even_to_a_one_port_Service()
    {
        // networking.k8s.io/v1 requires service.port (name or number); the API server rejects the Ingress
        // without it (KNL202). There is no single-port fallback anywhere: the route table, the ingress
        // controller's targets (KNL307) and the paths agree.
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              defaultBackend:
                service: {name: web}
            """;
        var g = PathsOf(yaml);
        var hop = Assert.Single(g.Analysis.Graph.Routes.IngressPaths()).Backend!;
        Assert.Equal(BackendStatus.NoPort, hop.Status);
        Assert.Empty(g.Analysis.IngressRoutes);
        Assert.DoesNotContain(g.Between(g.External, g.Find("shop/Deployment/web")!).Paths, p => p.Hops.Any(h => h.Kind == HopKind.Route));
        Assert.Contains("KNL202", Lint.Text(yaml).Reported.Select(f => f.RuleId));

        // With the port written, the same Ingress routes.
        var routed = PathsOf(yaml.Replace("service: {name: web}", "service: {name: web, port: {number: 80}}", StringComparison.Ordinal));
        Assert.Single(routed.Analysis.IngressRoutes);
        Assert.Contains(routed.Between(routed.External, routed.Find("shop/Deployment/web")!).Paths, p => p.Hops.Any(h => h.Kind == HopKind.Route));
    }
}
