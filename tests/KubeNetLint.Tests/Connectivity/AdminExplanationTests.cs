using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The explanation of the admin tiers, rule by rule (issue 18): shadowed and skipped rules,
/// rules whose ports do not resolve, tiers not reached, same-priority conflicts between Deny and Pass.</summary>
public sealed class AdminExplanationTests
{
    private static string Anp(string name, int priority, string action, string ports = "") => Doc("AdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1", name, $"""
        priority: {priority}
        subject: {"{"}namespaces: {"{"}matchLabels: {"{"}kubernetes.io/metadata.name: shop{"}}}"}
        ingress:
          - action: {action}
            from: [{"{"}namespaces: {"{}}"}]{ports}
        """);

    private const string Web = "shop/Deployment/web";
    private const string Client = "other/Deployment/client";

    private static readonly string Pods = Deployment("shop", "web", "app: web", "http:8080") + Deployment("other", "client", "app: client");

    private static DirectionVerdict Ingress(string yaml)
    {
        var a = Analyze(Pods + yaml);
        return a.Explain(a.At(Client), a.At(Web)).Ingress;
    }

    private static TierVerdict Tier(DirectionVerdict v, string tier) => v.Tiers.Single(t => t.Tier == tier);

    [Fact]
    public void A_rule_below_one_that_decided_the_same_ports_is_shadowed()
    {
        var v = Ingress(Anp("first", 1, "Deny") + Anp("second", 2, "Allow"));
        var rules = Tier(v, "Admin").Rules;
        Assert.Equal(["deny", "shadowed"], rules.Select(r => r.Outcome));
        Assert.Contains("rules above decided those ports already", rules[1].Detail);
        Assert.Equal("none", v.Allowed.ToString());
    }

    [Fact]
    public void A_rule_below_a_Pass_of_the_same_ports_is_skipped()
    {
        var v = Ingress(Anp("first", 1, "Pass") + Anp("second", 2, "Deny"));
        var rules = Tier(v, "Admin").Rules;
        Assert.Equal(["pass", "skipped"], rules.Select(r => r.Outcome));
        Assert.Contains("passed those ports on: the rest of this tier is skipped for them", rules[1].Detail);
        Assert.Equal("all", v.Allowed.ToString());
    }

    [Fact]
    public void A_rule_whose_named_port_the_destination_lacks_matches_nothing_and_is_not_undecidable()
    {
        var v = Ingress(Anp("named", 1, "Allow", "\n    ports: [{namedPort: nope}]"));
        var rule = Assert.Single(Tier(v, "Admin").Rules);
        Assert.Equal("shadowed", rule.Outcome);
        Assert.Contains("none of its ports resolve on the destination", rule.Detail);
    }

    [Fact]
    public void When_the_Admin_tier_decides_every_port_the_later_tiers_are_not_reached()
    {
        var isolate = Doc("NetworkPolicy", "networking.k8s.io/v1", "deny", "podSelector: {}\npolicyTypes: [Ingress]", "shop");
        var v = Ingress(Anp("allow", 1, "Allow") + isolate);
        Assert.Equal("all", v.Allowed.ToString());
        Assert.Equal("not reached: the Admin tier decided every port", Tier(v, "NetworkPolicy").Summary);
        Assert.Equal("not reached", Tier(v, "Baseline").Summary);
        Assert.False(Tier(v, "Baseline").Reached);
    }

    [Fact]
    public void Deny_and_Pass_at_the_same_priority_are_a_conflict_and_two_Denies_are_not()
    {
        var conflict = Ingress(Anp("a-deny", 3, "Deny") + Anp("b-pass", 3, "Pass"));
        Assert.Contains("AdminNetworkPolicy/a-deny and AdminNetworkPolicy/b-pass both have priority 3", Assert.Single(conflict.Ambiguities));
        Assert.Empty(Ingress(Anp("a-deny", 3, "Deny") + Anp("b-deny", 3, "Deny")).Ambiguities);
        Assert.Single(Ingress(Anp("a-allow", 3, "Allow") + Anp("b-pass", 3, "Pass")).Ambiguities);
    }
}
