using System.Net;
using CsCheck;
using KubeNetLint.Tests.Connectivity.Reference;
using static KubeNetLint.Tests.Connectivity.Reference.ReferenceEvaluator;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The oracle tested on its own: the examples of the Kubernetes NetworkPolicy documentation
/// (https://kubernetes.io/docs/concepts/services-networking/network-policies/) and the networking/v1
/// defaulting rules, each checked against the reference evaluator and, through the rendered YAML,
/// against the engine.</summary>
public sealed class ReferenceEvaluatorExamples
{
    // ---- tiny builders ------------------------------------------------------------------------------

    /// <summary>"role=db,tier=x" as a label map.</summary>
    private static Dictionary<string, string> L(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);

    private static RefSelector Sel(string matchLabels, params RefRequirement[] expressions) => new(L(matchLabels), expressions);

    private static RefPod Pod(string ns, string name, string labels, params RefContainerPort[] ports) =>
        new("Deployment", ns, name, L(labels), [ports]);

    private static RefNamespace Ns(string name, string labels = "") => new(name, L(labels));

    private static RefPolicyPort Tcp(int port, int? endPort = null) => new("TCP", port, null, endPort);

    private static RefPeer PodPeer(string labels) => new(Sel(labels), null, null);

    private static RefPeer NsPeer(string labels) => new(null, Sel(labels), null);

    private static RefPeer Block(string cidr, params string[] except) => new(null, null, new RefIpBlock(cidr, except));

    private static bool Allowed(RefCluster c, object from, object to, int port, string protocol = "TCP") =>
        Allows(c, Endpoint(from), Endpoint(to), protocol, port);

    private static RefEndpoint Endpoint(object x) => x switch
    {
        RefPod pod => RefEndpoint.Of(pod),
        string address => RefEndpoint.Of(address),
        _ => throw new ArgumentException(x.ToString()),
    };

    /// <summary>Every example also goes through the engine: the reference and the matrix must agree.</summary>
    private static void AgreesWithEngine(RefCluster cluster)
    {
        var disagreement = ReferenceEvaluatorProperties.Compare(cluster, out _);
        if (disagreement is not null) Assert.Fail(disagreement);
    }

    // ---- the documentation's examples ---------------------------------------------------------------

    /// <summary>The "test-network-policy" example: db pods accept TCP 6379 from 172.17.0.0/16 except
    /// 172.17.1.0/24, from any pod in a namespace labelled project=myproject, and from role=frontend pods
    /// of the policy's namespace; they may only connect to 10.0.0.0/24 on TCP 5978.</summary>
    [Fact]
    public void The_documentation_example_policy()
    {
        var db = Pod("default", "db", "role=db", new RefContainerPort(6379, null, null));
        var frontend = Pod("default", "frontend", "role=frontend");
        var other = Pod("default", "other", "role=other");
        var mine = Pod("myproject", "anything", "role=other");
        var elsewhereFrontend = Pod("elsewhere", "frontend", "role=frontend");
        var policy = new RefPolicy("default", "test-network-policy", Sel("role=db"), ["Ingress", "Egress"],
            [new RefRule([Block("172.17.0.0/16", "172.17.1.0/24"), NsPeer("project=myproject"), PodPeer("role=frontend")], [Tcp(6379)])],
            [new RefRule([Block("10.0.0.0/24")], [Tcp(5978)])]);
        var c = new RefCluster([Ns("default"), Ns("myproject", "project=myproject"), Ns("elsewhere")],
            [db, frontend, other, mine, elsewhereFrontend], [policy]);

        Assert.True(Allowed(c, frontend, db, 6379));
        Assert.False(Allowed(c, frontend, db, 6380));
        Assert.False(Allowed(c, frontend, db, 6379, "UDP"));
        Assert.False(Allowed(c, other, db, 6379));                 // wrong labels
        Assert.True(Allowed(c, mine, db, 6379));                   // any pod of a matching namespace
        Assert.False(Allowed(c, elsewhereFrontend, db, 6379));     // podSelector alone: the policy's namespace only
        Assert.True(Allowed(c, "172.17.0.5", db, 6379));
        Assert.False(Allowed(c, "172.17.1.5", db, 6379));          // except
        Assert.False(Allowed(c, "10.0.0.7", db, 6379));
        Assert.True(Allowed(c, db, "10.0.0.7", 5978));
        Assert.False(Allowed(c, db, "10.0.1.7", 5978));
        Assert.False(Allowed(c, db, "10.0.0.7", 5979));
        Assert.False(Allowed(c, db, frontend, 80));                // db is isolated for egress
        Assert.True(Allowed(c, frontend, other, 80));              // neither is selected: not isolated
        Assert.True(Allowed(c, frontend, "8.8.8.8", 53, "UDP"));
        AgreesWithEngine(c);
    }

    [Fact]
    public void Default_deny_all_ingress_leaves_egress_open()
    {
        var a = Pod("default", "a", "app=a");
        var b = Pod("default", "b", "app=b");
        var c = new RefCluster([Ns("default")], [a, b],
            [new RefPolicy("default", "default-deny-ingress", Sel(""), ["Ingress"], null, null)]);
        Assert.False(Allowed(c, a, b, 80));
        Assert.False(Allowed(c, "1.2.3.4", a, 80));
        Assert.True(Allowed(c, a, "1.2.3.4", 80));
        AgreesWithEngine(c);
    }

    [Fact]
    public void Allow_all_ingress_with_one_empty_rule()
    {
        var a = Pod("default", "a", "app=a");
        var c = new RefCluster([Ns("default")], [a, Pod("other", "b", "app=b")],
            [new RefPolicy("default", "allow-all-ingress", Sel(""), null, [new RefRule(null, null)], null)]);
        Assert.True(Allowed(c, c.Pods[1], a, 12345, "SCTP"));
        Assert.True(Allowed(c, "1.2.3.4", a, 1));
        AgreesWithEngine(c);
    }

    [Fact]
    public void Default_deny_all_egress()
    {
        var a = Pod("default", "a", "app=a");
        var b = Pod("default", "b", "app=b");
        var c = new RefCluster([Ns("default")], [a, b],
            [new RefPolicy("default", "default-deny-egress", Sel(""), ["Egress"], null, null)]);
        Assert.False(Allowed(c, a, b, 53, "UDP"));
        Assert.False(Allowed(c, a, "8.8.8.8", 53, "UDP"));
        Assert.True(Allowed(c, "8.8.8.8", a, 80));                 // ingress untouched
        AgreesWithEngine(c);
    }

    /// <summary>"namespaceSelector and podSelector in one element" (AND) versus two elements (OR).</summary>
    [Fact]
    public void Namespace_and_pod_selectors_in_one_peer_are_anded_in_two_peers_ored()
    {
        var target = Pod("default", "target", "app=target");
        var aliceClient = Pod("alice", "client", "role=client");
        var aliceServer = Pod("alice", "server", "role=server");
        var bobClient = Pod("bob", "client", "role=client");
        var localClient = Pod("default", "client", "role=client");
        RefNamespace[] namespaces = [Ns("default"), Ns("alice", "user=alice"), Ns("bob", "user=bob")];
        var and = new RefCluster(namespaces, [target, aliceClient, aliceServer, bobClient, localClient],
            [new RefPolicy("default", "p", Sel("app=target"), null, [new RefRule([new RefPeer(Sel("role=client"), Sel("user=alice"), null)], null)], null)]);
        Assert.True(Allowed(and, aliceClient, target, 80));
        Assert.False(Allowed(and, aliceServer, target, 80));
        Assert.False(Allowed(and, bobClient, target, 80));
        Assert.False(Allowed(and, localClient, target, 80));
        AgreesWithEngine(and);

        var or = and with
        {
            Policies = [new RefPolicy("default", "p", Sel("app=target"), null, [new RefRule([NsPeer("user=alice"), PodPeer("role=client")], null)], null)],
        };
        Assert.True(Allowed(or, aliceClient, target, 80));
        Assert.True(Allowed(or, aliceServer, target, 80));         // every pod of alice's namespace
        Assert.False(Allowed(or, bobClient, target, 80));          // podSelector alone: the policy's namespace
        Assert.True(Allowed(or, localClient, target, 80));
        AgreesWithEngine(or);
    }

    /// <summary>The endPort example: TCP 32000 to 32768, both ends included.</summary>
    [Fact]
    public void EndPort_ranges_include_both_ends()
    {
        var db = Pod("default", "db", "role=db");
        var c = new RefCluster([Ns("default")], [db],
            [new RefPolicy("default", "multi-port-egress", Sel("role=db"), ["Egress"], null,
                [new RefRule([Block("10.0.0.0/24")], [Tcp(32000, 32768)])])]);
        Assert.False(Allowed(c, db, "10.0.0.1", 31999));
        Assert.True(Allowed(c, db, "10.0.0.1", 32000));
        Assert.True(Allowed(c, db, "10.0.0.1", 32768));
        Assert.False(Allowed(c, db, "10.0.0.1", 32769));
        Assert.False(Allowed(c, db, "10.0.0.1", 32000, "UDP"));
        AgreesWithEngine(c);
    }

    /// <summary>Named ports resolve on the destination pod, for ingress and for egress, by name and protocol.</summary>
    [Fact]
    public void Named_ports_resolve_on_the_destination_pod()
    {
        var web = Pod("default", "web", "app=web", new RefContainerPort(8080, "http", null), new RefContainerPort(53, "dns", "UDP"));
        var api = Pod("default", "api", "app=api", new RefContainerPort(9090, "http", null));
        var bare = Pod("default", "bare", "app=bare");
        var ingress = new RefPolicy("default", "in", Sel(""), ["Ingress"], [new RefRule(null, [new RefPolicyPort(null, null, "http", null)])], null);
        var c = new RefCluster([Ns("default")], [web, api, bare], [ingress]);
        Assert.True(Allowed(c, api, web, 8080));
        Assert.False(Allowed(c, api, web, 9090));
        Assert.True(Allowed(c, web, api, 9090));                   // the same name, another number
        Assert.False(Allowed(c, web, bare, 8080));                 // no such port name: nothing
        AgreesWithEngine(c);

        // Egress: the name is looked up on the destination, not on the source.
        var egress = new RefPolicy("default", "out", Sel("app=bare"), ["Egress"], null,
            [new RefRule(null, [new RefPolicyPort("UDP", null, "dns", null), new RefPolicyPort(null, null, "http", null)])]);
        var e = c with { Policies = [egress] };
        Assert.True(Allowed(e, bare, web, 53, "UDP"));
        Assert.True(Allowed(e, bare, web, 8080));
        Assert.True(Allowed(e, bare, api, 9090));
        Assert.False(Allowed(e, bare, api, 53, "UDP"));            // api has no dns port
        Assert.False(Allowed(e, bare, "8.8.8.8", 53, "UDP"));      // an address has no port names
        AgreesWithEngine(e);

        // The protocol must match the container port's: dns is UDP on web.
        var tcpDns = c with { Policies = [egress with { Egress = [new RefRule(null, [new RefPolicyPort(null, null, "dns", null)])] }] };
        Assert.False(Allowed(tcpDns, bare, web, 53, "UDP"));
        Assert.False(Allowed(tcpDns, bare, web, 53, "TCP"));
        AgreesWithEngine(tcpDns);
    }

    /// <summary>policyTypes defaulting (SetDefaults_NetworkPolicySpec): unset or empty means [Ingress],
    /// plus Egress when the egress list is non-empty. `egress: []` alone isolates nothing for egress.</summary>
    [Fact]
    public void PolicyTypes_defaulting()
    {
        var a = Pod("default", "a", "app=a");
        var b = Pod("default", "b", "app=b");
        RefPolicy P(IReadOnlyList<string>? types, IReadOnlyList<RefRule>? ingress, IReadOnlyList<RefRule>? egress) =>
            new("default", "p", Sel("app=a"), types, ingress, egress);

        Assert.Equal(["Ingress"], EffectivePolicyTypes(P(null, null, null)));
        Assert.Equal(["Ingress"], EffectivePolicyTypes(P([], null, null)));
        Assert.Equal(["Ingress"], EffectivePolicyTypes(P(null, null, [])));
        Assert.Equal(["Ingress", "Egress"], EffectivePolicyTypes(P(null, null, [new RefRule(null, null)])));
        Assert.Equal(["Ingress", "Egress"], EffectivePolicyTypes(P([], [], [new RefRule(null, null)])));
        Assert.Equal(["Egress"], EffectivePolicyTypes(P(["Egress"], [new RefRule(null, null)], null)));

        var emptyEgress = new RefCluster([Ns("default")], [a, b], [P(null, null, [])]);
        Assert.True(Allowed(emptyEgress, a, b, 80));               // egress not isolated
        Assert.False(Allowed(emptyEgress, b, a, 80));              // ingress isolated, no rules
        AgreesWithEngine(emptyEgress);

        var egressOnly = new RefCluster([Ns("default")], [a, b], [P(["Egress"], [new RefRule([PodPeer("app=x")], null)], [new RefRule([PodPeer("app=b")], [Tcp(80)])])]);
        Assert.True(Allowed(egressOnly, b, a, 443));               // ingress rules ignored without Ingress in policyTypes
        Assert.True(Allowed(egressOnly, a, b, 80));
        Assert.False(Allowed(egressOnly, a, b, 81));
        AgreesWithEngine(egressOnly);
    }

    /// <summary>Policies are additive: a connection allowed by any one selecting policy is allowed.</summary>
    [Fact]
    public void Policies_are_additive()
    {
        var a = Pod("default", "a", "app=a");
        var b = Pod("default", "b", "app=b,tier=web");
        var c = new RefCluster([Ns("default")], [a, b],
        [
            new RefPolicy("default", "deny", Sel(""), ["Ingress", "Egress"], null, null),
            new RefPolicy("default", "web-in", Sel("tier=web"), null, [new RefRule([PodPeer("app=a")], [Tcp(80)])], null),
            new RefPolicy("default", "a-out", Sel("app=a"), ["Egress"], null, [new RefRule(null, [Tcp(80), Tcp(443)])]),
        ]);
        Assert.True(Allowed(c, a, b, 80));
        Assert.False(Allowed(c, a, b, 443));                       // b's ingress admits only 80
        Assert.False(Allowed(c, b, a, 80));                        // b is egress-isolated by "deny"
        AgreesWithEngine(c);
    }

    [Fact]
    public void Label_selector_operators()
    {
        var labels = L("app=a,tier=web");
        Assert.True(Matches(RefSelector.Everything, new Dictionary<string, string>()));
        Assert.True(Matches(Sel("app=a"), labels));
        Assert.False(Matches(Sel("app=a,tier=db"), labels));
        Assert.True(Matches(Sel("", new RefRequirement("app", "In", ["a", "b"])), labels));
        Assert.False(Matches(Sel("", new RefRequirement("env", "In", ["a"])), labels));
        Assert.True(Matches(Sel("", new RefRequirement("env", "NotIn", ["prod"])), labels));   // absent key: NotIn holds
        Assert.False(Matches(Sel("", new RefRequirement("app", "NotIn", ["a"])), labels));
        Assert.True(Matches(Sel("", new RefRequirement("tier", "Exists", [])), labels));
        Assert.False(Matches(Sel("", new RefRequirement("tier", "DoesNotExist", [])), labels));
        Assert.True(Matches(Sel("", new RefRequirement("env", "DoesNotExist", [])), labels));
        Assert.False(Matches(Sel("app=a", new RefRequirement("tier", "In", ["db"])), labels));  // all requirements ANDed
    }

    [Fact]
    public void Cidr_matching()
    {
        Assert.True(InCidr(IPAddress.Parse("10.1.2.3"), "10.0.0.0/8"));
        Assert.False(InCidr(IPAddress.Parse("11.1.2.3"), "10.0.0.0/8"));
        Assert.True(InCidr(IPAddress.Parse("192.168.5.7"), "192.168.5.7/32"));
        Assert.False(InCidr(IPAddress.Parse("192.168.5.8"), "192.168.5.7/32"));
        Assert.True(InCidr(IPAddress.Parse("172.31.255.255"), "172.16.0.0/12"));
        Assert.False(InCidr(IPAddress.Parse("172.32.0.0"), "172.16.0.0/12"));
        Assert.True(InCidr(IPAddress.Parse("1.2.3.4"), "0.0.0.0/0"));
        Assert.False(InCidr(IPAddress.Parse("2001:db8::1"), "0.0.0.0/0"));      // families never mix
        Assert.True(InCidr(IPAddress.Parse("2001:db8:ffff::1"), "2001:db8::/32"));
        Assert.False(InCidr(IPAddress.Parse("2001:db9::1"), "2001:db8::/32"));
        Assert.True(InCidr(IPAddress.Parse("fd00::1"), "::/0"));
    }

    /// <summary>The rendered YAML of the generators' clusters is what the engine reads: a sample cluster,
    /// rendered and reloaded, has the same workloads and policies.</summary>
    [Fact]
    public void Rendered_yaml_loads_without_problems()
    {
        foreach (var c in Check.Single(Generators.Cluster.Array[20]))
        {
            var analysis = Net.Analyze(c.ToYaml());
            Assert.Equal(c.Policies.Count, analysis.Graph.Model.NetworkPolicies.Count);
            Assert.All(c.Pods, p => Assert.NotNull(analysis.Find(p.Id)));
        }
    }
}
