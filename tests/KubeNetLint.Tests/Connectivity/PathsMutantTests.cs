using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The path engine's corners (issue 18): searches bounded by hops, by port and by simple paths;
/// names; hops into and out of the internet; route hops and their ports; explanations of each hop kind.</summary>
public sealed class PathsMutantTests
{
    private static string D(string name, params string[] ports) => Deployment("app", name, $"app: {name}", ports);

    /// <summary>A policy isolating <paramref name="name"/> for ingress with the given rules.</summary>
    private static string In(string name, params string[] rules) =>
        Doc("NetworkPolicy", "networking.k8s.io/v1", name, $"podSelector: {{matchLabels: {{app: {name}}}}}\ningress:\n{string.Join("\n", rules)}", "app");

    private static string From(string peer, string? port = null) =>
        $"  - from: [{{podSelector: {{matchLabels: {{app: {peer}}}}}}}]" + (port is null ? "" : $"\n    ports: [{{port: {port}}}]");

    private static string Id(string name) => $"app/Deployment/{name}";

    private static PathGraph Graph(string yaml) => Analyze(yaml).Paths();

    private static PathNode N(PathGraph g, string name) => g.Find(Id(name)) ?? throw new Xunit.Sdk.XunitException($"no node {name}");

    private static readonly PortQuery Pg = new("TCP", 5432);

    // ---- transitive searches --------------------------------------------------------------------

    /// <summary>o reaches x directly on 80 only; via, which o reaches, sends 5432 to x. (Not "y": YAML 1.1 reads it as a boolean.)</summary>
    private static readonly string Detour =
        D("o") + D("via", "9000") + D("x", "80", "5432") + In("x", From("o", "80"), From("via", "5432")) + In("via", From("o"));

    [Fact]
    public void Forward_with_a_port_a_node_counts_by_a_longer_path_whose_last_hop_carries_the_port()
    {
        var g = Graph(Detour);
        Assert.Equal("TCP 80", Analyze(Detour).Allowed(Id("o"), Id("x")));
        var plain = g.Transitive(N(g, "o"), forward: true).Nodes.Single(r => r.Node.Id == Id("x"));
        Assert.Equal("app/Deployment/o -> app/Deployment/x", plain.Path.Describe());
        var r = Assert.Single(g.Transitive(N(g, "o"), forward: true, Pg).Nodes, r => r.Node.Id == Id("x"));
        Assert.Equal("app/Deployment/o -> app/Deployment/via -> app/Deployment/x", r.Path.Describe());
        Assert.Equal(2, r.Hops);
        Assert.True(r.Path.Hops[^1].Covers(Pg));
        // The backward search (what KNL310 uses) agrees: o reaches x on 5432 in 2 hops.
        Assert.Equal(2, g.Transitive(N(g, "x"), forward: false, Pg).Nodes.Single(n => n.Node.Id == Id("o")).Hops);
        // No source sends 9999 to x: x is not reached on it.
        Assert.DoesNotContain(g.Transitive(N(g, "o"), forward: true, new PortQuery("TCP", 9999)).Nodes, n => n.Node.Id == Id("x"));
        // Within one hop, x is not reached on 5432.
        Assert.DoesNotContain(g.Transitive(N(g, "o"), forward: true, Pg, maxHops: 1).Nodes, n => n.Node.Id == Id("x"));
    }

    [Fact]
    public void Forward_with_a_port_the_path_does_not_pass_through_the_node_it_ends_at()
    {
        // o → x on 80; x → z; z → x on 5432; and o → w → v → z, which avoids x. The breadth-first tree
        // reaches z through x, so the path carrying 5432 into x must go around: o → w → v → z → x.
        var yaml = D("o") + D("x", "80", "5432") + D("z") + D("w") + D("v") +
                   In("x", From("o", "80"), From("z", "5432")) + In("z", From("x"), From("v")) + In("v", From("w")) + In("w", From("o"));
        var g = Graph(yaml);
        Assert.Equal("app/Deployment/o -> app/Deployment/x -> app/Deployment/z",
            g.Transitive(N(g, "o"), forward: true).Nodes.Single(r => r.Node.Id == Id("z")).Path.Describe());
        var r = g.Transitive(N(g, "o"), forward: true, Pg).Nodes.Single(n => n.Node.Id == Id("x"));
        Assert.Equal("app/Deployment/o -> app/Deployment/w -> app/Deployment/v -> app/Deployment/z -> app/Deployment/x", r.Path.Describe());
        Assert.Equal(4, r.Hops);
        Assert.DoesNotContain(g.Transitive(N(g, "o"), forward: true, Pg, maxHops: 3).Nodes, n => n.Node.Id == Id("x"));
        // Without the way around, x is not reached on 5432 by any simple path.
        var noDetour = Graph(D("o") + D("x", "80", "5432") + D("z") + In("x", From("o", "80"), From("z", "5432")) + In("z", From("x")));
        Assert.DoesNotContain(noDetour.Transitive(N(noDetour, "o"), forward: true, Pg).Nodes, n => n.Node.Id == Id("x"));
    }
}
