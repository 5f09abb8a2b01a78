using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>`explain` in the analysis (issue 18): the caveat about dump pod IPs in ipBlocks (docs/semantics.md:
/// ipBlock is meant for addresses outside the cluster, and whether pod traffic is matched against it is up to
/// the network plugin), the verdict of a pair of external ranges, and the rules that allow a side.</summary>
public sealed class ExplanationTests
{
    /// <summary>A Pod of a cluster dump, with its IP in status.</summary>
    private static string Pod(string ns, string name, string ip, string port = "")
    {
        var ports = port.Length == 0 ? "" : $", ports: [{{containerPort: {port}}}]";
        return $"apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: {ns}, labels: {{app: {name}}}}}\n" +
               $"spec: {{containers: [{{name: c, image: \"example:1\"{ports}}}]}}\nstatus: {{phase: Running, podIP: {ip}}}\n---\n";
    }

    private static string Policy(string ns, string name, string spec) => Doc("NetworkPolicy", "networking.k8s.io/v1", name, spec, ns);

    private static string Caveat(string ip, string id, string block, string policy) =>
        $"pod IP {ip} of {id} lies in ipBlock {block} of NetworkPolicy {policy}; whether the network plugin matches pod traffic against " +
        "ipBlocks is implementation-defined (they are meant for addresses outside the cluster), and this verdict does not count it";

    /// <summary>db's ingress: a rule with only a pod peer, a rule with no peers at all, and an ipBlock with an except.</summary>
    private static readonly string Ingress =
        Pod("team-a", "inside", "10.244.1.7") + Pod("team-a", "excepted", "10.244.2.9") + Pod("team-a", "outside", "192.168.7.7") +
        Pod("team-a", "garbled", "not-an-ip") + Pod("data", "db", "10.244.3.3", "5432") +
        Policy("data", "db", """
            podSelector: {matchLabels: {app: db}}
            ingress:
              - from: [{podSelector: {matchLabels: {app: nobody}}}]
              - ports: [{port: 9999}]
              - from:
                  - podSelector: {matchLabels: {app: nobody}}
                  - ipBlock: {cidr: 10.0.0.0/8, except: [10.244.2.0/24]}
                ports: [{port: 5432}]
            """);

    [Fact]
    public void A_pod_IP_inside_an_ipBlock_of_the_destination_s_ingress_gets_a_caveat()
    {
        var a = Analyze(Ingress);
        Assert.Equal([Caveat("10.244.1.7", "team-a/Pod/inside", "10.0.0.0/8", "data/NetworkPolicy/db")],
            a.Explain(a.At("team-a/Pod/inside"), a.At("data/Pod/db")).Caveats);
        // Excepted, outside the block, or not an address: nothing to say.
        foreach (var other in new[] { "excepted", "outside", "garbled" })
            Assert.Empty(a.Explain(a.At($"team-a/Pod/{other}"), a.At("data/Pod/db")).Caveats);
        // The verdict does not count the block: only the rule without peers lets them in, on 9999.
        Assert.Equal("TCP 9999", a.Allowed("team-a/Pod/inside", "data/Pod/db"));
        // The other way round db's egress decides, and no policy isolates it for egress.
        Assert.Empty(a.Explain(a.At("data/Pod/db"), a.At("team-a/Pod/inside")).Caveats);
    }

    [Fact]
    public void External_addresses_and_manifests_have_no_pod_IPs()
    {
        var a = Analyze(Ingress + Deployment("team-a", "manifest", "app: manifest"));
        var db = a.At("data/Pod/db");
        Assert.Empty(a.Explain(a.At("10.1.2.3"), db).Caveats);
        Assert.Empty(a.Explain(a.At("team-a/Deployment/manifest"), db).Caveats);
    }

    [Fact]
    public void A_pod_IP_inside_an_ipBlock_of_the_source_s_egress_gets_a_caveat()
    {
        var yaml = Pod("team-a", "client", "10.244.1.7") + Pod("data", "db", "10.244.3.3", "5432") +
                   Policy("team-a", "client", """
                       podSelector: {matchLabels: {app: client}}
                       policyTypes: [Egress]
                       egress:
                         - to: [{ipBlock: {cidr: 10.244.0.0/16}}]
                       """);
        var a = Analyze(yaml);
        Assert.Equal([Caveat("10.244.3.3", "data/Pod/db", "10.244.0.0/16", "team-a/NetworkPolicy/client")],
            a.Explain(a.At("team-a/Pod/client"), a.At("data/Pod/db")).Caveats);
        Assert.Equal("none", a.Allowed("team-a/Pod/client", "data/Pod/db"));
        // db's ingress is not isolated; its pods' egress is not the question for client → db.
        Assert.Empty(a.Explain(a.At("data/Pod/db"), a.At("team-a/Pod/client")).Caveats);
    }

    [Fact]
    public void Two_external_ranges_are_allowed_nothing_however_open_the_policies_are()
    {
        var a = Analyze(Deployment("shop", "web", "app: web", "8080"));
        var v4 = a.At("0.0.0.0");
        var v6 = a.At("::1");
        Assert.NotEqual(v4, v6);
        var e = a.Explain(v4, v6);
        Assert.True(e.Allowed.IsEmpty);
        Assert.Equal("traffic between external addresses does not pass the cluster's policies and is not analysed", e.Note);
        // A range to itself: what the policies allow (its addresses talk to each other unrestricted).
        Assert.Equal(ConnectionSet.All, a.Explain(v4, v4).Allowed);
    }

    [Fact]
    public void The_allowing_rules_of_each_side_are_those_whose_peers_and_ports_admit_the_other()
    {
        var yaml = Deployment("shop", "web", "app: web", "http:8080") + Deployment("shop", "api", "app: api", "9090") +
                   Policy("shop", "web-out", """
                       podSelector: {matchLabels: {app: web}}
                       policyTypes: [Egress]
                       egress:
                         - to: [{podSelector: {matchLabels: {app: db}}}]
                         - to: [{podSelector: {matchLabels: {app: api}}}]
                           ports: [{port: 9090}]
                         - to: [{podSelector: {matchLabels: {app: api}}}]
                           ports: [{port: grpc}]
                       """) +
                   Policy("shop", "api-in", """
                       podSelector: {matchLabels: {app: api}}
                       ingress:
                         - from: [{podSelector: {}}]
                       """);
        var a = Analyze(yaml);
        var e = a.Explain(a.At("shop/Deployment/web"), a.At("shop/Deployment/api"));
        Assert.Equal([(2, "web-out", "TCP 9090")], e.AllowingRules(Direction.Egress).Select(r => (r.Number, r.Policy.Name, r.Allowed.ToString())));
        Assert.Equal([(1, "api-in", "all")], e.AllowingRules(Direction.Ingress).Select(r => (r.Number, r.Policy.Name, r.Allowed.ToString())));
        Assert.Equal([RuleOutcome.PeersDoNotMatch, RuleOutcome.Allows, RuleOutcome.NoPortResolves], e.Egress.Policies.Single().Rules.Select(r => r.Outcome));
    }
}
