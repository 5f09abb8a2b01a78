using KubeNetLint.Core.Connectivity;
using KubeNetLint.Tests.Infrastructure;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>One or more tests per numbered semantic point of issue 5, each on a small inline manifest.</summary>
public sealed class SemanticsTests
{
    private const string Ext = "203.0.113.9";

    private static string Policy(string ns, string name, string spec) => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {name}
          namespace: {ns}
        spec:
        {string.Join("\n", spec.Split('\n').Select(l => "  " + l))}
        ---

        """;

    private static readonly string TwoApps =
        Deployment("shop", "web", "app: web", "http:8080") +
        Deployment("shop", "api", "app: api", "grpc:9090", "metrics:9100");

    // ---- 0. an object the API server rejects for a field's type never exists ------------------------

    [Fact]
    public void S0_a_policy_with_a_field_of_the_wrong_type_is_not_applied()
    {
        // `y` is a YAML boolean: the API server rejects the whole object (KNL005). Without the entry, the
        // namespaceSelector would read as {} and allow every namespace: the object must count for nothing.
        var np = Analyze(TwoApps + Policy("shop", "api-in", """
            podSelector: {matchLabels: {app: api}}
            ingress:
              - from: [{namespaceSelector: {matchLabels: {x: y}}}]
            """));
        Assert.False(np.IsApplied(np.Graph.Model.NetworkPolicies.Single()));
        Assert.False(np.IsIsolated(np.At("shop/Deployment/api"), Direction.Ingress));
        var problem = Assert.Single(np.ProblemsOf(np.Graph.Model.NetworkPolicies.Single()));
        Assert.True(problem.IsInputError);

        var banp = Analyze(TwoApps + Deployment("other", "client", "app: client") + """
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              ingress:
                - action: Deny
                  from: [{namespaces: {matchLabels: {x: y}}}]
            """);
        Assert.False(banp.IsApplied(banp.Graph.Model.AdminPolicies.Single()));
        Assert.Equal("all", banp.Allowed("other/Deployment/client", "shop/Deployment/web"));
    }

    [Fact]
    public void S0_a_policy_without_a_name_is_not_applied()
    {
        // The API server rejects it ("name or generateName is required", KNL011): its deny-all never isolates.
        var np = Analyze(TwoApps + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: ""}
            spec:
              priority: 1
              subject: {namespaces: {}}
              egress:
                - action: Deny
                  to: [{namespaces: {}}]
            """);
        Assert.False(np.IsApplied(np.Graph.Model.NetworkPolicies.Single()));
        Assert.False(np.IsApplied(np.Graph.Model.AdminPolicies.Single()));
        Assert.False(np.IsIsolated(np.At("shop/Deployment/api"), Direction.Ingress));
        Assert.Equal("all", np.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        var problem = Assert.Single(np.ProblemsOf(np.Graph.Model.NetworkPolicies.Single()));
        Assert.True(problem.IsInputError);
        Assert.Equal("name or generateName is required", problem.Message);

        // An empty name with a generateName is a name the API server generates: that policy applies.
        var generated = Analyze(TwoApps + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: "", generateName: deny-, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """);
        Assert.True(generated.IsApplied(generated.Graph.Model.NetworkPolicies.Single()));
        Assert.Equal("none", generated.Allowed("shop/Deployment/web", "shop/Deployment/api"));
    }

    // ---- 1. isolation is per direction, policies are additive -------------------------------------

    [Fact]
    public void S1_isolation_is_per_direction()
    {
        var a = Analyze(TwoApps + Policy("shop", "api-in", """
            podSelector: {matchLabels: {app: api}}
            policyTypes: [Ingress]
            """));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("all", a.Allowed("shop/Deployment/api", "shop/Deployment/web"));   // api's egress is not isolated
        Assert.Equal("all", a.Allowed("shop/Deployment/api", Ext));
        Assert.True(a.IsIsolated(a.At("shop/Deployment/api"), Direction.Ingress));
        Assert.False(a.IsIsolated(a.At("shop/Deployment/api"), Direction.Egress));
        Assert.False(a.IsIsolated(a.At("shop/Deployment/web"), Direction.Ingress));
    }

    [Fact]
    public void S1_policies_are_additive()
    {
        var a = Analyze(TwoApps + Policy("shop", "deny", """
            podSelector: {}
            policyTypes: [Ingress]
            """) + Policy("shop", "grpc", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{ports: [{port: 9090}]}]
            """) + Policy("shop", "metrics", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{ports: [{port: 9100}], from: [{podSelector: {matchLabels: {app: web}}}]}]
            """));
        Assert.Equal("TCP 9090,9100", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("TCP 9090", a.Allowed(Ext, "shop/Deployment/api"));
        Assert.Equal("none", a.Allowed("shop/Deployment/api", "shop/Deployment/web"));   // deny applies to web too
    }

    [Fact]
    public void S1_a_policy_isolates_only_pods_of_its_own_namespace()
    {
        var a = Analyze(TwoApps + Deployment("other", "api", "app: api") + Policy("other", "deny", """
            podSelector: {matchLabels: {app: api}}
            """));
        Assert.Equal("all", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "other/Deployment/api"));
    }

    // ---- 2. policyTypes defaulting ----------------------------------------------------------------

    [Fact]
    public void S2_without_policyTypes_ingress_is_always_isolated()
    {
        // Only an egress section, no policyTypes: Ingress and Egress. Ingress has no rules: nothing comes in.
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            egress: [{ports: [{port: 53, protocol: UDP}]}]
            """));
        Assert.True(a.IsIsolated(a.At("shop/Deployment/api"), Direction.Ingress));
        Assert.True(a.IsIsolated(a.At("shop/Deployment/api"), Direction.Egress));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("UDP 53", a.Allowed("shop/Deployment/api", "shop/Deployment/web"));
    }

    [Fact]
    public void S2_without_policyTypes_egress_only_when_egress_rules_are_present()
    {
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{}]
            """));
        Assert.False(a.IsIsolated(a.At("shop/Deployment/api"), Direction.Egress));
        Assert.Equal("all", a.Allowed("shop/Deployment/api", Ext));

        // `egress: []` is written but empty: the API server adds Egress only when len(spec.egress) != 0
        // (pkg/apis/networking/v1/defaults.go), so this policy leaves egress alone.
        var b = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{}]
            egress: []
            """));
        Assert.False(b.IsIsolated(b.At("shop/Deployment/api"), Direction.Egress));
        Assert.Equal("all", b.Allowed("shop/Deployment/api", Ext));

        // One egress rule, even an empty one, adds Egress: `egress: [{}]` isolates and allows everything;
        // a rule that allows only DNS isolates and allows only DNS.
        var c = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            egress: [{}]
            """));
        Assert.True(c.IsIsolated(c.At("shop/Deployment/api"), Direction.Egress));
        Assert.Equal("all", c.Allowed("shop/Deployment/api", Ext));
        var d = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            egress: [{ports: [{port: 53, protocol: UDP}]}]
            """));
        Assert.True(d.IsIsolated(d.At("shop/Deployment/api"), Direction.Egress));
        Assert.Equal("UDP 53", d.Allowed("shop/Deployment/api", Ext));
    }

    [Fact]
    public void S2_written_policyTypes_are_taken_as_written()
    {
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            policyTypes: [Egress]
            ingress: [{ports: [{port: 1}]}]
            egress: [{ports: [{port: 443}]}]
            """));
        Assert.False(a.IsIsolated(a.At("shop/Deployment/api"), Direction.Ingress));
        Assert.Equal("all", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("TCP 443", a.Allowed("shop/Deployment/api", "shop/Deployment/web"));
    }

    // ---- 3. podSelector: {} ------------------------------------------------------------------------

    [Fact]
    public void S3_empty_podSelector_selects_every_pod_of_the_namespace_only()
    {
        var yaml = TwoApps + Deployment("other", "client", "app: client") + Policy("shop", "deny", """
            podSelector: {}
            policyTypes: [Ingress, Egress]
            """);
        var a = Analyze(yaml);
        Assert.Equal(["shop/Deployment/api", "shop/Deployment/web"], a.SelectedBy(a.Graph.Model.NetworkPolicies[0]).Select(e => e.Id).ToArray());
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("none", a.Allowed("other/Deployment/client", "shop/Deployment/api"));
        Assert.Equal("all", a.Allowed("other/Deployment/client", Ext));
    }

    [Theory]
    [InlineData("podSelector: {}")]
    [InlineData("podSelector:\n  matchLabels:")]
    [InlineData("podSelector: {matchLabels: {}}")]
    [InlineData("podSelector: null")]
    [InlineData("podSelector: {matchExpressions: []}")]
    public void S3_empty_podSelector_spellings(string selector)
    {
        var a = Analyze(TwoApps + Policy("shop", "deny", selector + "\npolicyTypes: [Ingress]"));
        Assert.Equal(2, a.SelectedBy(a.Graph.Model.NetworkPolicies[0]).Count);
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
    }

    // ---- 4. empty rule lists and rules without peers ------------------------------------------------

    [Theory]
    [InlineData("policyTypes: [Ingress]")]
    [InlineData("ingress: []")]
    [InlineData("ingress:")]
    [InlineData("policyTypes: [Ingress]\ningress: []")]
    public void S4_isolated_without_rules_allows_nothing(string rules)
    {
        var a = Analyze(TwoApps + Policy("shop", "api", "podSelector: {matchLabels: {app: api}}\n" + rules));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("none", a.Allowed(Ext, "shop/Deployment/api"));
    }

    [Theory]
    [InlineData("- {}")]
    [InlineData("- from: []")]
    [InlineData("- from:")]
    [InlineData("- ports: []")]
    public void S4_a_rule_without_peers_allows_every_source_including_external(string rule)
    {
        var a = Analyze(TwoApps + Deployment("other", "client", "app: client") +
                        Policy("shop", "api", "podSelector: {matchLabels: {app: api}}\ningress:\n" + rule));
        Assert.Equal("all", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("all", a.Allowed("other/Deployment/client", "shop/Deployment/api"));
        Assert.Equal("all", a.Allowed(Ext, "shop/Deployment/api"));
        Assert.Equal("all", a.Allowed("2001:db8::7", "shop/Deployment/api"));
    }

    [Fact]
    public void S4_an_egress_rule_without_peers_reaches_everything_on_its_ports()
    {
        var a = Analyze(TwoApps + Policy("shop", "web", """
            podSelector: {matchLabels: {app: web}}
            policyTypes: [Egress]
            egress: [{ports: [{port: 9090}]}]
            """));
        Assert.Equal("TCP 9090", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("TCP 9090", a.Allowed("shop/Deployment/web", Ext));
    }

    // ---- 5. peers ------------------------------------------------------------------------------------

    private const string Namespaces = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: shop}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ops, labels: {team: operations, env: prod}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: dev, labels: {env: dev}}
        ---

        """;

    private static readonly string Clients = Namespaces + TwoApps +
        Deployment("shop", "monitor", "type: monitoring") +
        Deployment("ops", "monitor", "type: monitoring") +
        Deployment("ops", "web", "app: web") +
        Deployment("dev", "monitor", "type: monitoring") +
        Deployment("dev", "tool", "app: tool");

    private static ConnectivityAnalysis ApiAllowsFrom(string peers) =>
        Analyze(Clients + Policy("shop", "api", "podSelector: {matchLabels: {app: api}}\ningress:\n- from:\n" +
                                 string.Join("\n", peers.Split('\n').Select(l => "  " + l))));

    private static string[] SourcesOf(ConnectivityAnalysis a, string to) =>
        a.ComputeMatrix().Connections.Where(c => c.To.Id == to).Select(c => c.From.Id).ToArray();

    [Fact]
    public void S5_podSelector_alone_means_the_policy_namespace()
    {
        var a = ApiAllowsFrom("- podSelector: {matchLabels: {app: web}}");
        Assert.Equal(["shop/Deployment/web"], SourcesOf(a, "shop/Deployment/api"));
    }

    [Fact]
    public void S5_namespaceSelector_alone_means_all_pods_of_matching_namespaces()
    {
        var a = ApiAllowsFrom("- namespaceSelector: {matchLabels: {team: operations}}");
        Assert.Equal(["ops/Deployment/monitor", "ops/Deployment/web"], SourcesOf(a, "shop/Deployment/api"));
    }

    [Fact]
    public void S5_empty_namespaceSelector_means_all_pods_of_all_namespaces_but_no_external_address()
    {
        var a = ApiAllowsFrom("- namespaceSelector: {}");
        Assert.Equal(["dev/Deployment/monitor", "dev/Deployment/tool", "ops/Deployment/monitor", "ops/Deployment/web",
            "shop/Deployment/monitor", "shop/Deployment/web"], SourcesOf(a, "shop/Deployment/api"));
        Assert.Equal("none", a.Allowed(Ext, "shop/Deployment/api"));
    }

    [Fact]
    public void S5_both_selectors_in_one_peer_are_ANDed()
    {
        var a = ApiAllowsFrom("- namespaceSelector: {matchLabels: {team: operations}}\n  podSelector: {matchLabels: {type: monitoring}}");
        Assert.Equal(["ops/Deployment/monitor"], SourcesOf(a, "shop/Deployment/api"));
    }

    [Fact]
    public void S5_separate_peers_are_ORed()
    {
        var a = ApiAllowsFrom("- namespaceSelector: {matchLabels: {team: operations}}\n- podSelector: {matchLabels: {type: monitoring}}");
        Assert.Equal(["ops/Deployment/monitor", "ops/Deployment/web", "shop/Deployment/monitor"], SourcesOf(a, "shop/Deployment/api"));
    }

    [Fact]
    public void S5_match_expressions()
    {
        Assert.Equal(["dev/Deployment/monitor", "dev/Deployment/tool", "ops/Deployment/monitor", "ops/Deployment/web"],
            SourcesOf(ApiAllowsFrom("- namespaceSelector: {matchExpressions: [{key: env, operator: In, values: [prod, dev]}]}"), "shop/Deployment/api"));
        Assert.Equal(["ops/Deployment/monitor", "ops/Deployment/web"],
            SourcesOf(ApiAllowsFrom("- namespaceSelector: {matchExpressions: [{key: env, operator: Exists}, {key: team, operator: Exists}]}"), "shop/Deployment/api"));
        // NotIn and DoesNotExist match objects that lack the key.
        Assert.Equal(["dev/Deployment/tool", "ops/Deployment/web", "shop/Deployment/web"],
            SourcesOf(ApiAllowsFrom("- namespaceSelector: {}\n  podSelector: {matchExpressions: [{key: type, operator: NotIn, values: [monitoring]}]}"), "shop/Deployment/api"));
        Assert.Equal(["shop/Deployment/monitor", "shop/Deployment/web"],
            SourcesOf(ApiAllowsFrom("- namespaceSelector: {matchExpressions: [{key: env, operator: DoesNotExist}]}"), "shop/Deployment/api"));
        Assert.Equal(["shop/Deployment/web"],
            SourcesOf(ApiAllowsFrom("- podSelector: {matchLabels: {app: web}, matchExpressions: [{key: type, operator: DoesNotExist}]}"), "shop/Deployment/api"));
    }

    [Fact]
    public void S5_an_invalid_selector_matches_nothing_and_its_policy_is_not_applied()
    {
        var a = ApiAllowsFrom("- podSelector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}");
        Assert.False(a.IsApplied(a.Graph.Model.NetworkPolicies[0]));
        Assert.NotEmpty(a.ProblemsOf(a.Graph.Model.NetworkPolicies[0]));
        // Rejected by the API server: the policy does not exist, so api stays open.
        Assert.Equal("all", a.Allowed(Ext, "shop/Deployment/api"));
    }

    // ---- 6. namespaces -------------------------------------------------------------------------------

    [Fact]
    public void S6_every_namespace_has_its_name_label_even_when_not_defined()
    {
        // "dev2" is only used by a workload, never defined: it exists with kubernetes.io/metadata.name alone.
        var a = Analyze(TwoApps + Deployment("dev2", "tool", "app: tool") + Deployment("dev3", "tool", "app: tool") +
                        Policy("shop", "api", """
                            podSelector: {matchLabels: {app: api}}
                            ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev2}}}]}]
                            """));
        Assert.Equal(["dev2/Deployment/tool"], SourcesOf(a, "shop/Deployment/api"));
    }

    [Fact]
    public void S6_the_config_gives_labels_to_namespaces_outside_the_manifests()
    {
        var yaml = TwoApps + Deployment("tools", "ci", "app: ci") + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{from: [{namespaceSelector: {matchLabels: {trust: high}}}]}]
            """);
        Assert.Empty(SourcesOf(Analyze(yaml), "shop/Deployment/api"));
        var config = Lint.Config("namespaces:\n  tools: {labels: {trust: high}}\n");
        Assert.Equal(["tools/Deployment/ci"], SourcesOf(Analyze(yaml, config), "shop/Deployment/api"));
    }

    // ---- 7. ports ------------------------------------------------------------------------------------

    [Fact]
    public void S7_no_ports_means_all_ports_and_protocols()
    {
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{from: [{podSelector: {}}]}]
            """));
        Assert.Equal("all", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
    }

    [Fact]
    public void S7_an_entry_without_port_means_every_port_of_its_protocol_default_TCP()
    {
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{ports: [{protocol: UDP}]}, {ports: [{}]}, {ports: [{protocol: SCTP, port: 7}]}]
            """));
        Assert.Equal("TCP all; UDP all; SCTP 7", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
    }

    [Fact]
    public void S7_endPort_is_inclusive_and_protocol_defaults_to_TCP()
    {
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{ports: [{port: 32000, endPort: 32768}, {port: 53, protocol: UDP}, {port: 8080, endPort: 8080}]}]
            """));
        var set = a.Allowed(a.At("shop/Deployment/web"), a.At("shop/Deployment/api"));
        Assert.Equal("TCP 8080,32000-32768; UDP 53", set.ToString());
        Assert.True(set.Contains("TCP", 32768));
        Assert.False(set.Contains("TCP", 32769));
        Assert.False(set.Contains("TCP", 53));
    }

    [Fact]
    public void S7_named_ports_resolve_per_destination_by_name_and_protocol()
    {
        // Both pods declare "http", on different numbers; "dns" exists only as UDP on one of them.
        var yaml = Deployment("shop", "a", "tier: back", "http:8080", "dns:53/UDP") +
                   Deployment("shop", "b", "tier: back", "http:9000") +
                   Deployment("shop", "c", "tier: back") +
                   Deployment("shop", "client", "app: client") + Policy("shop", "back", """
            podSelector: {matchLabels: {tier: back}}
            ingress: [{ports: [{port: http}, {port: dns}, {port: dns, protocol: UDP}]}]
            """);
        var a = Analyze(yaml);
        Assert.Equal("TCP 8080; UDP 53", a.Allowed("shop/Deployment/client", "shop/Deployment/a"));
        Assert.Equal("TCP 9000", a.Allowed("shop/Deployment/client", "shop/Deployment/b"));
        Assert.Equal("none", a.Allowed("shop/Deployment/client", "shop/Deployment/c"));   // unresolvable: nothing to c
    }

    [Fact]
    public void S7_named_ports_in_egress_resolve_on_the_destination_and_never_on_external_addresses()
    {
        var yaml = Deployment("shop", "client", "app: client") +
                   Deployment("shop", "a", "app: a", "http:8080") +
                   Deployment("shop", "b", "app: b", "web:80") + Policy("shop", "client", """
            podSelector: {matchLabels: {app: client}}
            policyTypes: [Egress]
            egress: [{ports: [{port: http}]}]
            """);
        var a = Analyze(yaml);
        Assert.Equal("TCP 8080", a.Allowed("shop/Deployment/client", "shop/Deployment/a"));
        Assert.Equal("none", a.Allowed("shop/Deployment/client", "shop/Deployment/b"));
        Assert.Equal("none", a.Allowed("shop/Deployment/client", Ext));
    }

    [Fact]
    public void S7_named_ports_of_init_sidecars_count_and_of_plain_init_containers_do_not()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop, labels: {app: p}}
            spec:
              initContainers:
                - {name: setup, image: x, ports: [{name: setup, containerPort: 1000}]}
                - {name: proxy, image: x, restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}
              containers:
                - {name: main, image: x}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client, namespace: shop, labels: {app: client}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: p}}
              ingress: [{ports: [{port: setup}, {port: proxy}]}]
            """;
        Assert.Equal("TCP 15001", Analyze(yaml).Allowed("shop/Pod/client", "shop/Pod/p"));
    }

    // ---- 8. ipBlock ----------------------------------------------------------------------------------

    [Fact]
    public void S8_ipBlock_matches_external_addresses_only()
    {
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
            """));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("all", a.Allowed(Ext, "shop/Deployment/api"));
        Assert.Equal("none", a.Allowed("2001:db8::1", "shop/Deployment/api"));   // an IPv4 block does not cover IPv6
    }

    [Fact]
    public void S8_except_is_subtracted_and_cuts_the_external_ranges()
    {
        var a = Analyze(TwoApps + Policy("shop", "web", """
            podSelector: {matchLabels: {app: web}}
            policyTypes: [Egress]
            egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}], ports: [{port: 443}]}]
            """));
        Assert.Equal("TCP 443", a.Allowed("shop/Deployment/web", "10.2.3.4"));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "10.1.2.3"));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "11.0.0.1"));
        Assert.Equal("none", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal([
            "external/0.0.0.0-9.255.255.255", "external/10.0.0.0-10.0.255.255", "external/10.1.0.0-10.1.255.255",
            "external/10.2.0.0-10.255.255.255", "external/11.0.0.0-255.255.255.255", "external/::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        ], a.Endpoints.Where(e => e.IsExternal).Select(e => e.Id).ToArray());
        // 10.0.0.0/16 and 10.2.0.0-10.255.255.255 are separate cells: the except lies between them.
        Assert.Equal("TCP 443", a.Allowed("shop/Deployment/web", "external/10.0.0.0-10.0.255.255"));
    }

    [Fact]
    public void S8_ipv6_blocks()
    {
        var a = Analyze(TwoApps + Policy("shop", "web", """
            podSelector: {matchLabels: {app: web}}
            ingress: [{from: [{ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:bad::/48"]}}]}]
            """));
        Assert.Equal("all", a.Allowed("2001:db8:1::1", "shop/Deployment/web"));
        Assert.Equal("none", a.Allowed("2001:db8:bad::1", "shop/Deployment/web"));
        Assert.Equal("none", a.Allowed(Ext, "shop/Deployment/web"));
    }

    // ---- 9. egress ∩ ingress, external endpoints, self -----------------------------------------------

    [Fact]
    public void S9_allowed_is_egress_of_the_source_intersected_with_ingress_of_the_destination()
    {
        var a = Analyze(TwoApps + Policy("shop", "web", """
            podSelector: {matchLabels: {app: web}}
            policyTypes: [Egress]
            egress: [{ports: [{port: 9000, endPort: 9095}]}]
            """) + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{ports: [{port: 9090, endPort: 9200}, {port: 53, protocol: UDP}]}]
            """));
        Assert.Equal("TCP 9090-9095", a.Allowed("shop/Deployment/web", "shop/Deployment/api"));
        Assert.Equal("TCP 9090-9200; UDP 53", a.Allowed(Ext, "shop/Deployment/api"));
        Assert.Equal("TCP 9000-9095", a.Allowed("shop/Deployment/web", Ext));
    }

    [Fact]
    public void S9_external_endpoints_have_no_policies_and_do_not_talk_to_each_other()
    {
        var a = Analyze(TwoApps + Policy("shop", "web", """
            podSelector: {matchLabels: {app: web}}
            egress: [{to: [{ipBlock: {cidr: 192.0.2.0/24}}]}]
            """));
        var m = a.ComputeMatrix();
        Assert.DoesNotContain(m.Connections, c => c.From.IsExternal && c.To.IsExternal);
        Assert.Equal("all", m.InMatrix("external/192.0.2.0-192.0.2.255", "shop/Deployment/api"));
        Assert.Equal("all", m.InMatrix("shop/Deployment/api", "external/192.0.2.0-192.0.2.255"));
        Assert.Equal("all", m.InMatrix("shop/Deployment/web", "external/192.0.2.0-192.0.2.255"));
        Assert.Equal("none", m.InMatrix("shop/Deployment/web", "external/0.0.0.0-192.0.1.255"));
    }

    [Fact]
    public void S9_a_workload_to_itself_is_not_reported_but_two_alike_workloads_are()
    {
        var yaml = Deployment("shop", "a", "app: same") + Deployment("shop", "b", "app: same") + Deployment("shop", "c", "app: other");
        var m = Analyze(yaml).ComputeMatrix();
        Assert.DoesNotContain(m.Connections, c => c.From == c.To);
        Assert.Equal("all", m.InMatrix("shop/Deployment/a", "shop/Deployment/b"));
        Assert.Equal("all", m.InMatrix("shop/Deployment/b", "shop/Deployment/a"));
        Assert.Equal(3 * 2 + 3 * 2 * 2, m.Connections.Count);   // 3 workloads pairwise, each to and from 2 external ranges
    }

    // ---- 10. endpoints --------------------------------------------------------------------------------

    [Fact]
    public void S10_a_pod_owned_by_a_controller_in_the_input_counts_as_the_controller()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-5d4f, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d4f-abcde
              namespace: shop
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, controller: true, uid: "1"}]
            spec: {containers: [{name: web, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: standalone, namespace: shop, labels: {app: tool}}
            spec: {containers: [{name: tool, image: x}]}
            """;
        var a = Analyze(yaml);
        Assert.Equal(["shop/Pod/standalone", "shop/ReplicaSet/web-5d4f"], a.Workloads.Select(e => e.Id).ToArray());
    }

    [Fact]
    public void S10_every_workload_kind_is_an_endpoint()
    {
        const string yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: jobs}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: nightly}}
                    spec: {restartPolicy: Never, containers: [{name: run, image: x}]}
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: jobs}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: x}]}
            ---
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy, namespace: jobs}
            spec:
              template:
                metadata: {labels: {app: legacy}}
                spec: {containers: [{name: legacy, image: x}]}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: jobs}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: x}]}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: jobs}
            spec:
              template:
                metadata: {labels: {app: migrate}}
                spec: {restartPolicy: Never, containers: [{name: run, image: x}]}
            """;
        var a = Analyze(yaml);
        Assert.Equal(["jobs/CronJob/nightly", "jobs/DaemonSet/agent", "jobs/Job/migrate", "jobs/ReplicationController/legacy", "jobs/StatefulSet/db"],
            a.Workloads.Select(e => e.Id).ToArray());
    }

    [Fact]
    public void S10_selectors_on_controller_set_pod_labels_select_the_workload()
    {
        var yaml = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: redis, namespace: shop}
            spec:
              replicas: 3
              serviceName: redis
              selector: {matchLabels: {app: redis}}
              template:
                metadata: {labels: {app: redis}}
                spec: {containers: [{name: redis, image: x}]}
            ---

            """ + Deployment("shop", "client", "app: client") + Policy("shop", "redis-1", """
            podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: redis-1}}
            policyTypes: [Ingress]
            """);
        var a = Analyze(yaml);
        Assert.Equal(["shop/StatefulSet/redis"], a.SelectedBy(a.Graph.Model.NetworkPolicies[0]).Select(e => e.Id).ToArray());
    }

    [Fact]
    public void S10_workloads_alike_share_a_class_and_get_the_same_verdicts()
    {
        var yaml = Deployment("shop", "a", "app: x", "http:80") + Deployment("shop", "b", "app: x", "http:80") +
                   Deployment("shop", "c", "app: x", "http:81") + Deployment("shop", "client", "app: client") + Policy("shop", "x", """
            podSelector: {matchLabels: {app: x}}
            ingress: [{ports: [{port: http}]}]
            """);
        var a = Analyze(yaml);
        Assert.Equal(a.At("shop/Deployment/a").Class, a.At("shop/Deployment/b").Class);
        Assert.NotEqual(a.At("shop/Deployment/a").Class, a.At("shop/Deployment/c").Class);   // other ports
        Assert.Equal("TCP 80", a.Allowed("shop/Deployment/client", "shop/Deployment/b"));
        Assert.Equal("TCP 81", a.Allowed("shop/Deployment/client", "shop/Deployment/c"));
    }

    [Fact]
    public void S10_the_ingress_controller_endpoint_exists_only_with_Ingresses()
    {
        Assert.DoesNotContain(Analyze(TwoApps).Endpoints, e => e.Kind == EndpointKind.IngressController);
        var a = Analyze(TwoApps + WebIngress);
        var controller = Assert.Single(a.Endpoints, e => e.Kind == EndpointKind.IngressController);
        Assert.Equal("ingress-nginx/IngressController/ingress-controller", controller.Id);
    }

    // ---- 11. the ingress controller --------------------------------------------------------------------

    private const string WebIngress = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec:
          rules:
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        ---

        """;

    [Fact]
    public void S11_the_controller_reaches_backends_on_the_target_container_port_only()
    {
        var a = Analyze(TwoApps + WebIngress);
        const string controller = "ingress-nginx/IngressController/ingress-controller";
        Assert.Equal("TCP 8080", a.Allowed(controller, "shop/Deployment/web"));
        Assert.Equal("none", a.Allowed(controller, "shop/Deployment/api"));   // not a backend
        Assert.Equal("none", a.Allowed("shop/Deployment/api", controller));   // nothing connects to the stand-in
        Assert.Equal("TCP 8080", a.ComputeMatrix().InMatrix(controller, "shop/Deployment/web"));
    }

    [Fact]
    public void S11_the_backends_ingress_policies_apply_to_the_controller()
    {
        var deny = Policy("shop", "web", """
            podSelector: {matchLabels: {app: web}}
            ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}, podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}], ports: [{port: 8080}]}]
            """);
        Assert.Equal("TCP 8080", Analyze(TwoApps + WebIngress + deny).Allowed("ingress-nginx/IngressController/ingress-controller", "shop/Deployment/web"));
        var wrongPort = deny.Replace("port: 8080", "port: 80");
        Assert.Equal("none", Analyze(TwoApps + WebIngress + wrongPort).Allowed("ingress-nginx/IngressController/ingress-controller", "shop/Deployment/web"));
    }

    [Fact]
    public void S11_the_controller_identity_comes_from_the_config()
    {
        var policy = Policy("shop", "web", """
            podSelector: {matchLabels: {app: web}}
            ingress: [{from: [{namespaceSelector: {matchLabels: {role: edge}}, podSelector: {matchLabels: {app: traefik}}}]}]
            """);
        var config = Lint.Config("ingressController: {namespace: traefik, namespaceLabels: {role: edge}, podLabels: {app: traefik}}\n");
        var a = Analyze(TwoApps + WebIngress + policy, config);
        Assert.Equal("TCP 8080", a.Allowed("traefik/IngressController/ingress-controller", "shop/Deployment/web"));
        Assert.Equal("none", Analyze(TwoApps + WebIngress + policy).Allowed("ingress-nginx/IngressController/ingress-controller", "shop/Deployment/web"));
    }

    [Fact]
    public void S11_a_controller_workload_in_the_input_is_the_controller()
    {
        var controller = Deployment("ingress-nginx", "ingress-nginx-controller", "app.kubernetes.io/name: ingress-nginx", "http:80", "https:443");
        var a = Analyze(TwoApps + WebIngress + controller);
        Assert.DoesNotContain(a.Endpoints, e => e.Kind == EndpointKind.IngressController);
        Assert.Equal(["ingress-nginx/Deployment/ingress-nginx-controller"], a.IngressControllers.Select(e => e.Id).ToArray());
        var route = Assert.Single(a.IngressRoutes);
        Assert.Equal(8080, route.ContainerPort);
        Assert.Equal("shop/Deployment/web", route.Target.Id);
    }

    // ---- invalid policies, explain, matrix consistency --------------------------------------------------

    [Fact]
    public void Invalid_policies_are_not_applied_and_cut_no_external_ranges()
    {
        var a = Analyze(TwoApps + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]
            """));
        Assert.Equal("all", a.Allowed(Ext, "shop/Deployment/api"));
        Assert.Equal(2, a.Endpoints.Count(e => e.IsExternal));
    }

    [Fact]
    public void Explain_lists_every_isolating_policy_and_rule_with_its_outcome()
    {
        var a = Analyze(TwoApps + Policy("shop", "deny", """
            podSelector: {}
            policyTypes: [Ingress]
            """) + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            ingress:
              - from: [{podSelector: {matchLabels: {app: other}}}]
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: grpc}, {port: missing}]
            """) + Policy("shop", "broken", """
            podSelector: {matchLabels: {app: api}}
            ingress: [{ports: [{protocol: tcp}]}]
            """));
        var e = a.Explain(a.At("shop/Deployment/web"), a.At("shop/Deployment/api"));
        Assert.Equal("TCP 9090", e.Allowed.ToString());
        Assert.False(e.Egress.Isolated);
        Assert.True(e.Ingress.Isolated);
        Assert.Equal(["deny", "api", "broken"], e.Ingress.Policies.Select(p => p.Policy.Name).ToArray());
        Assert.False(e.Ingress.Policies[2].Applied);
        Assert.Contains("KNL304", e.Ingress.Policies[2].Detail);
        var rules = e.Ingress.Policies[1].Rules;
        Assert.Equal([RuleOutcome.PeersDoNotMatch, RuleOutcome.Allows], rules.Select(r => r.Outcome).ToArray());
        Assert.Equal("TCP 9090", rules[1].Allowed.ToString());
        Assert.Contains("app: web", rules[1].Location.File.LineText(rules[1].Location.Line));
    }

    [Fact]
    public void The_matrix_agrees_with_pairwise_evaluation()
    {
        var a = Analyze(Clients + Policy("shop", "api", """
            podSelector: {matchLabels: {app: api}}
            policyTypes: [Ingress, Egress]
            ingress: [{from: [{namespaceSelector: {matchLabels: {env: prod}}}, {ipBlock: {cidr: 198.51.100.0/24}}], ports: [{port: grpc}]}]
            egress: [{to: [{podSelector: {matchLabels: {type: monitoring}}, namespaceSelector: {}}]}]
            """) + Policy("dev", "deny", "podSelector: {}\npolicyTypes: [Egress]"));
        var m = a.ComputeMatrix();
        foreach (var from in a.Endpoints)
            foreach (var to in a.Endpoints)
                Assert.Equal(from == to ? "none" : a.Allowed(from, to).ToString(), m.Get(from.Id, to.Id).ToString());
    }
}
