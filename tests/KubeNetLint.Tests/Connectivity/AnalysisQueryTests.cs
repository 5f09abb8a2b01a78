using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The analysis' small queries other layers ask (issue 18): endpoint look-up by the
/// netpol-analyzer form and suggestions, the Admin tier's share of IngressAdmits and EgressMayAllowDns,
/// ipBlock peers, the build timings.</summary>
public sealed class AnalysisQueryTests
{
    private static string NetPol(string name, string spec) => Doc("NetworkPolicy", "networking.k8s.io/v1", name, spec, "shop");
    private static string Anp(string name, string spec) => Doc("AdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1", name, spec);

    private static readonly string Pods =
        Deployment("shop", "web", "app: web", "http:8080") +
        Deployment("shop", "api", "app: api", "9090") +
        Deployment("other", "db", "app: db", "5432");

    [Fact]
    public void Resolve_reads_the_namespace_name_kind_form_only_when_it_ends_with_the_bracket()
    {
        var a = Analyze(Pods);
        Assert.Equal("shop/Deployment/web", a.Resolve("shop/web[Deployment]")?.Id);
        Assert.Null(a.Resolve("shop/web[Deploymentx"));
        Assert.Null(a.Resolve("/web[Deployment]"));
        Assert.Null(a.Resolve("web[Deployment]"));
        Assert.Null(a.Resolve("[shop/web]"));
    }

    [Fact]
    public void Suggestions_rank_exact_name_containment_and_few_edits_and_drop_the_rest()
    {
        var a = Analyze(Pods);
        // Contained in an id (the name "we" is too short to count on its own).
        Assert.Equal(["shop/Deployment/web"], a.Suggestions("Deployment/we"));
        // A short name is not searched for inside ids...
        Assert.Empty(a.Suggestions("xx/eb"));
        // ...a name of three letters is.
        Assert.Equal(["other/Deployment/db", "shop/Deployment/api", "shop/Deployment/web"], a.Suggestions("xx/loy"));
        Assert.Equal(["shop/Deployment/api"], a.Suggestions("xx/loy", max: 3).Skip(1).Take(1));
        // A few edits away (at most 3 + max(3, length / 4)); the far ids are left out.
        Assert.Equal(["shop/Deployment/api", "shop/Deployment/web"], a.Suggestions("shop/deployment/xyz"));
        Assert.Equal(["shop/Deployment/api", "shop/Deployment/web"], a.Suggestions("shop/deployment/aaa"));
        Assert.Equal(["other/Deployment/db"], a.Suggestions("db"));
        // A long unknown id is as far from every short id as it is long (the full edit distance).
        Assert.Empty(a.Suggestions(new string('q', 80)));
    }

    [Fact]
    public void Timings_name_each_build_step_and_the_admin_step_only_with_admin_policies()
    {
        var plain = Analyze(Pods);
        Assert.Contains(plain.Timings, t => t.Step == "ingress routes");
        Assert.DoesNotContain(plain.Timings, t => t.Step == "admin policies");
        var tiered = Analyze(Pods + Anp("deny-db", """
            priority: 1
            subject: {namespaces: {}}
            ingress:
              - action: Deny
                from: [{namespaces: {}}]
            """));
        Assert.Contains(tiered.Timings, t => t.Step == "admin policies");
    }

    [Fact]
    public void IngressAdmits_adds_the_ports_of_Admin_Allow_rules_but_not_of_Deny_rules()
    {
        var a = Analyze(Pods + NetPol("web-80", """
            podSelector: {matchLabels: {app: web}}
            ingress:
              - ports: [{port: 80}]
            """) + Anp("admin", """
            priority: 5
            subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}
            ingress:
              - action: Allow
                from: [{namespaces: {}}]
                ports: [{portNumber: {protocol: TCP, port: 9090}}]
              - action: Deny
                from: [{namespaces: {}}]
                ports: [{portNumber: {protocol: TCP, port: 9091}}]
            """));
        Assert.Equal("TCP 80,9090", a.IngressAdmits(a.At("shop/Deployment/web")).ToString());
        Assert.Equal("all", a.IngressAdmits(a.At("shop/Deployment/api")).ToString());
    }

    [Theory]
    [InlineData("", true)] // not isolated for egress
    [InlineData("egress:\n  - ports: [{port: 80}]", false)]
    [InlineData("egress:\n  - ports: [{port: dns}]", true)] // a named port might be DNS
    [InlineData("egress:\n  - ports: [{port: 53, protocol: UDP}]", true)]
    [InlineData("egress:\n  - ports: [{port: 53, protocol: TCP}]", true)]
    [InlineData("egress:\n  - ports: [{port: 53, protocol: SCTP}]", false)]
    [InlineData("egress:\n  - ports: [{port: 80}, {port: 53, protocol: UDP}]", true)]
    public void EgressMayAllowDns_follows_the_NetworkPolicy_egress_ports(string egress, bool expected)
    {
        var policy = egress.Length == 0 ? "" : NetPol("web-out", "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\n" + egress);
        var a = Analyze(Pods + policy);
        Assert.Equal(expected, a.EgressMayAllowDns(a.At("shop/Deployment/web")));
    }

    [Theory]
    [InlineData("Allow", "{portNumber: {protocol: UDP, port: 53}}", true)]
    [InlineData("Allow", "{portNumber: {protocol: TCP, port: 53}}", true)]
    [InlineData("Allow", "{namedPort: dns}", true)]
    [InlineData("Allow", "{portNumber: {protocol: TCP, port: 80}}", false)]
    [InlineData("Deny", "{portNumber: {protocol: UDP, port: 53}}", false)]
    [InlineData("Pass", "{portNumber: {protocol: UDP, port: 53}}", false)]
    public void EgressMayAllowDns_counts_an_Admin_Allow_of_port_53(string action, string port, bool expected)
    {
        var a = Analyze(Pods + NetPol("web-out", "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: 80}]") + Anp("admin", """
            priority: 5
            subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}
            egress:
              - action: ACTION
                to: [{namespaces: {}}]
                ports: [PORT]
            """.Replace("ACTION", action).Replace("PORT", port)));
        Assert.Equal(expected, a.EgressMayAllowDns(a.At("shop/Deployment/web")));
    }

    [Fact]
    public void An_ipBlock_peer_never_matches_pods_and_a_selector_peer_does_when_it_selects_one()
    {
        var a = Analyze(Pods + NetPol("peers", """
            podSelector: {}
            ingress:
              - from:
                  - ipBlock: {cidr: 0.0.0.0/0}
                  - podSelector: {matchLabels: {app: api}}
                  - podSelector: {matchLabels: {app: nothing}}
            """));
        var peers = a.Graph.Model.NetworkPolicies.Single().IngressRules.Single().Peers!;
        Assert.False(a.PeerMatchesAnyPod(peers[0], "shop"));
        Assert.True(a.PeerMatchesAnyPod(peers[1], "shop"));
        Assert.False(a.PeerMatchesAnyPod(peers[2], "shop"));
    }
}
