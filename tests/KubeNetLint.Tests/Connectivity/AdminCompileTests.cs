using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Compiling the admin tiers (issue 18): invalid policies get no rules, a Baseline policy with
/// rules of one direction leaves the other direction without Baseline rules, undecidable Baseline rules
/// show in explanations (and cost nothing without one), admin ports that cannot be read add nothing.</summary>
public sealed class AdminCompileTests
{
    private static string Doc(string kind, string name, string spec) => $"""
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: {kind}
        metadata:
          name: {name}
        spec:
        {string.Join("\n", spec.Split('\n').Select(l => "  " + l))}
        ---

        """;

    private const string Web = "shop/Deployment/web";
    private const string Client = "other/Deployment/client";
    private static readonly string Pods = Deployment("shop", "web", "app: web", "http:8080") + Deployment("other", "client", "app: client");

    [Fact]
    public void An_invalid_admin_policy_compiles_no_rules_and_decides_nothing()
    {
        var a = Analyze(Pods + Doc("AdminNetworkPolicy", "inverted", """
            priority: 1
            subject: {namespaces: {}}
            ingress:
              - action: Deny
                from: [{namespaces: {}}]
                ports: [{portRange: {protocol: TCP, start: 90, end: 80}}]
            """));
        var compiled = Assert.Single(a.AdminPolicies);
        Assert.False(compiled.IsValid);
        Assert.Empty(compiled.Ingress);
        Assert.Equal("all", a.Allowed(Client, Web));
    }

    [Fact]
    public void A_compiled_admin_policy_gives_its_rules_by_direction()
    {
        var a = Analyze(Pods + Doc("AdminNetworkPolicy", "both", """
            priority: 1
            subject: {namespaces: {}}
            ingress:
              - action: Deny
                from: [{namespaces: {matchLabels: {team: none}}}]
            egress:
              - action: Allow
                to: [{namespaces: {}}]
              - action: Deny
                to: [{namespaces: {}}]
            """));
        var compiled = Assert.Single(a.AdminPolicies);
        Assert.Single(compiled.Rules(Direction.Ingress));
        Assert.Equal(2, compiled.Rules(Direction.Egress).Count);
        Assert.All(compiled.Rules(Direction.Egress), r => Assert.Equal(Direction.Egress, r.Direction));
    }

    [Fact]
    public void A_Baseline_policy_with_egress_rules_only_has_no_ingress_rules_for_its_subjects()
    {
        var a = Analyze(Pods + Doc("BaselineAdminNetworkPolicy", "default", """
            subject: {namespaces: {}}
            egress:
              - action: Deny
                to: [{namespaces: {matchLabels: {team: none}}}]
            """));
        var e = a.Explain(a.At(Client), a.At(Web));
        var baseline = e.Ingress.Tiers.Single(t => t.Tier == "Baseline");
        Assert.Contains("no applied Baseline tier policy has ingress rules for shop/Deployment/web", baseline.Summary);
        var egress = e.Egress.Tiers.Single(t => t.Tier == "Baseline");
        Assert.Contains("no Baseline rule matches shop/Deployment/web", egress.Summary);
        Assert.DoesNotContain("no applied Baseline tier policy", egress.Summary);
    }

    [Fact]
    public void An_undecidable_Baseline_rule_is_explained_and_the_pairwise_answer_needs_no_trace()
    {
        var a = Analyze(Pods + Doc("BaselineAdminNetworkPolicy", "default", """
            subject: {namespaces: {}}
            egress:
              - action: Deny
                to: [{nodes: {}}]
            """));
        Assert.Equal("all", a.Allowed(Web, Client));
        Assert.Equal("all", a.ComputeMatrix().InMatrix(Web, Client));
        var rules = a.Explain(a.At(Web), a.At(Client)).Egress.Tiers.Single(t => t.Tier == "Baseline").Rules;
        var rule = Assert.Single(rules);
        Assert.Equal("undecidable", rule.Outcome);
    }

    [Fact]
    public void Admin_ports_that_cannot_be_read_add_nothing_and_do_not_throw()
    {
        var spec = PortSpec.From([
            new AdminPort("TCP", 80, null, null, null!),
            new AdminPort("TCP", null, 80, null, null!),
            new AdminPort("ICMP", 80, 80, null, null!),
            new AdminPort("TCP", 90, 80, null, null!),
            new AdminPort("UDP", 53, 53, null, null!),
        ]);
        Assert.Equal("UDP 53", spec.Numeric.ToString());
        Assert.Empty(spec.Named);
    }
}
