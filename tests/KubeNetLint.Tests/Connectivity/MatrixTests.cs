using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The matrix's cached paths (issue 18): classes with more rules than a 64-bit mask holds take the
/// pairwise path, members of one class reach each other, and a matrix without declared dependencies has
/// none denied.</summary>
public sealed class MatrixTests
{
    private static readonly string Pods = Deployment("shop", "web", "app: web", "http:8080") + Deployment("shop", "api", "app: api", "grpc:9090");

    /// <summary>Matched by rule 0 only: its mask bit is the one rule 64's would wrap onto (1UL &lt;&lt; 64 == 1).</summary>
    private static readonly string Zero = Deployment("shop", "zero", "app: nothing-0", "1000");

    private static void AssertRuleZeroAndLast(ConnectivityAnalysis a, string direction)
    {
        var m = a.ComputeMatrix();
        if (direction == "egress")
        {
            Assert.Equal("TCP 9090", m.InMatrix("shop/Deployment/web", "shop/Deployment/api"));
            Assert.Equal("TCP 1000", m.InMatrix("shop/Deployment/web", "shop/Deployment/zero"));
            Assert.Equal("TCP 1000", a.Allowed("shop/Deployment/web", "shop/Deployment/zero"));
        }
        else
        {
            Assert.Equal("TCP 8080", m.InMatrix("shop/Deployment/api", "shop/Deployment/web"));
            Assert.Equal("TCP 1000", m.InMatrix("shop/Deployment/zero", "shop/Deployment/web"));
            Assert.Equal("TCP 1000", a.Allowed("shop/Deployment/zero", "shop/Deployment/web"));
        }
    }

    /// <summary>A policy with <paramref name="count"/> rules: all but the last to pods that do not exist on
    /// ports 1000+i, the last (index count-1) to the api on 9090.</summary>
    private static string ManyRules(string direction, int count)
    {
        var (peerKey, subject) = direction == "egress" ? ("to", "web") : ("from", "web");
        var target = direction == "egress" ? "api" : "web";
        var rules = Enumerable.Range(0, count).Select(i => i == count - 1
            ? $"  - {{{peerKey}: [{{podSelector: {{matchLabels: {{app: {(direction == "egress" ? "api" : "api")}}}}}}}], ports: [{{port: {(direction == "egress" ? 9090 : 8080)}}}]}}"
            : $"  - {{{peerKey}: [{{podSelector: {{matchLabels: {{app: nothing-{i}}}}}}}], ports: [{{port: {1000 + i}}}]}}");
        var selected = direction == "egress" ? "web" : target;
        return Doc("NetworkPolicy", "networking.k8s.io/v1", $"many-{direction}", $"podSelector: {{matchLabels: {{app: {selected}}}}}\npolicyTypes: [{(direction == "egress" ? "Egress" : "Ingress")}]\n{direction}:\n{string.Join("\n", rules)}", "shop");
    }

    private static string AdminTier => Doc("AdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1", "unrelated", """
        priority: 50
        subject: {namespaces: {}}
        ingress:
          - action: Deny
            from: [{namespaces: {matchLabels: {team: none}}}]
        """);

    [Theory]
    [InlineData("egress", 64, false)]
    [InlineData("egress", 65, false)]
    [InlineData("egress", 70, true)]
    [InlineData("ingress", 64, false)]
    [InlineData("ingress", 65, false)]
    [InlineData("ingress", 70, true)]
    public void A_class_with_more_rules_than_a_mask_holds_gets_the_same_sets_as_pairwise(string direction, int count, bool tiered)
    {
        var a = Analyze(Pods + ManyRules(direction, count) + (tiered ? AdminTier : ""));
        Assert.Equal(tiered, a.HasAdminTier);
        var (from, to, expected) = direction == "egress"
            ? ("shop/Deployment/web", "shop/Deployment/api", "TCP 9090")
            : ("shop/Deployment/api", "shop/Deployment/web", "TCP 8080");
        Assert.Equal(expected, a.Allowed(from, to));
        Assert.Equal(expected, a.ComputeMatrix().InMatrix(from, to));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(64)]
    public void The_tiered_matrix_also_takes_the_pairwise_path_for_long_rule_lists(int count)
    {
        foreach (var direction in new[] { "egress", "ingress" })
        {
            AssertRuleZeroAndLast(Analyze(Pods + Zero + ManyRules(direction, count) + AdminTier), direction);
            AssertRuleZeroAndLast(Analyze(Pods + Zero + ManyRules(direction, count)), direction);
        }
    }

    [Fact]
    public void Members_of_one_class_reach_each_other_whatever_their_number()
    {
        var three = Deployment("shop", "a", "app: x", "80") + Deployment("shop", "b", "app: x", "80") + Deployment("shop", "c", "app: x", "80");
        var m = Analyze(three).ComputeMatrix();
        Assert.Equal("all", m.InMatrix("shop/Deployment/a", "shop/Deployment/b"));
        Assert.Equal("all", m.InMatrix("shop/Deployment/c", "shop/Deployment/a"));
        Assert.Equal("none", m.InMatrix("shop/Deployment/a", "shop/Deployment/a"));
        var two = Analyze(Deployment("shop", "a", "app: x", "80") + Deployment("shop", "b", "app: x", "80")).ComputeMatrix();
        Assert.Equal("all", two.InMatrix("shop/Deployment/b", "shop/Deployment/a"));
    }

    [Fact]
    public void A_matrix_without_declared_dependencies_denies_none()
    {
        var m = Analyze(Pods).ComputeMatrix();
        Assert.Null(m.Declared);
        Assert.Empty(m.DeclaredDenied);
        Assert.Null(m.Focus(Analyze(Pods).At("shop/Deployment/web")).Declared);
    }
}
