using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Single behaviours of the connectivity layer that no other test pinned down (issue 18): ipBlock
/// address sets at their edges, the coarsest external partition, exposure wording, set equality with
/// null, selectors with problems, admin tiers with rules in one direction, ipBlocks without a cidr, and
/// workloads of another input.</summary>
public sealed class SmallMutantTests
{
    private static Cidr C(string text)
    {
        Assert.True(Cidr.TryParse(text, out var c, out var error), error);
        return c;
    }

    private static List<string> Ranges(IpRangeSet set) =>
        set.Ranges.Select(r => $"{Cidr.FormatAddress(set.Family, r.First)}-{Cidr.FormatAddress(set.Family, r.Last)}").ToList();

    private static IpBlock Block(string ipBlock)
    {
        var yaml = Doc("NetworkPolicy", "networking.k8s.io/v1", "p", $"podSelector: {{}}\ningress: [{{from: [{{ipBlock: {ipBlock}}}]}}]", "shop");
        return Analyze(yaml).Graph.Model.NetworkPolicies.Single().IngressRules[0].Peers![0].IpBlock!;
    }

    // ---- ipBlock address sets -------------------------------------------------------------------------

    [Fact]
    public void An_except_outside_the_cidr_cuts_nothing_and_is_not_part_of_the_key()
    {
        // The API server rejects such an except (it must be a strict subset, KNL304); the address set leaves it out.
        var set = IpRangeSet.From(Block("{cidr: 10.0.0.0/24, except: [10.1.0.0/16, 9.0.0.0/8, bogus]}"))!;
        Assert.Equal(["10.0.0.0-10.0.0.255"], Ranges(set));
        Assert.Equal("10.0.0.0/24", set.Key);
        var inside = IpRangeSet.From(Block("{cidr: 10.0.0.0/24, except: [10.0.0.128/25, 10.1.0.0/16]}"))!;
        Assert.Equal(["10.0.0.0-10.0.0.127"], Ranges(inside));
        Assert.Equal("10.0.0.0/24 except 10.0.0.128/25", inside.Key);
    }

    [Fact]
    public void A_one_address_except_at_the_start_of_the_cidr_or_of_what_is_left_cuts_that_address()
    {
        Assert.Equal(["10.0.0.1-10.0.0.255"], Ranges(IpRangeSet.Of(C("10.0.0.0/24"), [C("10.0.0.0/32")])));
        // After 10.0.0.0/31 is cut, the next free address is 10.0.0.2, which the /32 names.
        Assert.Equal(["10.0.0.3-10.0.0.255"], Ranges(IpRangeSet.Of(C("10.0.0.0/24"), [C("10.0.0.0/31"), C("10.0.0.2/32")])));
    }

    [Fact]
    public void An_except_that_reaches_the_top_of_the_address_space_ends_the_set_there()
    {
        // ff00::/8 (multicast) ends at the last IPv6 address: one past it wraps around to ::.
        Assert.Equal(["::-feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"], Ranges(IpRangeSet.Of(C("::/0"), [C("ff00::/8")])));
        Assert.Equal(["0.0.0.0-254.255.255.255"], Ranges(IpRangeSet.Of(C("0.0.0.0/0"), [C("255.0.0.0/8")])));
        Assert.Equal(["10.0.0.0-10.0.0.127"], Ranges(IpRangeSet.Of(C("10.0.0.0/24"), [C("10.0.0.128/25")])));
    }

    [Fact]
    public void Adjacent_ranges_inside_the_same_blocks_are_one_cell()
    {
        // The partition is the coarsest one: a block given as two touching ranges cuts the space like one range.
        var halves = new IpRangeSet(IpFamily.V4, [(C("10.0.0.0/32").First, C("10.0.0.127/32").First), (C("10.0.0.128/32").First, C("10.0.0.255/32").First)], "two halves");
        var p = ExternalPartition.Build([halves]);
        Assert.Equal(["external/0.0.0.0-9.255.255.255", "external/10.0.0.0-10.0.0.255", "external/10.0.1.0-255.255.255.255"],
            p.Cells.Where(c => c.Family == IpFamily.V4).Select(c => c.Id));
        Assert.Equal(["10.0.0.0/24"], p.Cells[1].Cidrs.Select(c => c.ToString()));
    }

    // ---- exposure -------------------------------------------------------------------------------------

    [Fact]
    public void Exposure_names_addresses_without_excepts_and_a_rule_without_peers_as_anyone()
    {
        var yaml = Deployment("shop", "web", "app: web", "http:8080") + Doc("NetworkPolicy", "networking.k8s.io/v1", "p", """
            podSelector: {matchLabels: {app: web}}
            ingress:
              - from: [{ipBlock: {cidr: 203.0.113.0/24}}]
                ports: [{port: 8080}]
              - ports: [{port: http}]
            """, "shop");
        var web = Assert.Single(Exposure.Compute(Analyze(yaml)));
        Assert.Equal(["addresses in 203.0.113.0/24: TCP 8080", "anyone (every pod of the cluster and every address): TCP 8080"],
            web.Ingress.Entries.Select(e => $"{e.Peer.Describe()}: {e.Ports}"));
        Assert.Equal("addresses in 10.0.0.0/8", new ExposurePeer(ExposurePeerKind.Addresses, Cidr: "10.0.0.0/8", Except: []).Describe());
        Assert.Equal("addresses in 10.0.0.0/8 except 10.1.0.0/16",
            new ExposurePeer(ExposurePeerKind.Addresses, Cidr: "10.0.0.0/8", Except: ["10.1.0.0/16"]).Describe());
    }

    // ---- sets, selectors, tiers, validation -----------------------------------------------------------

    [Fact]
    public void A_connection_set_is_not_equal_to_null()
    {
        Assert.False(ConnectionSet.All.Equals((ConnectionSet?)null));
        Assert.False(ConnectionSet.None.Equals((ConnectionSet?)null));
        Assert.True(ConnectionSet.Port("TCP", 80).Equals(ConnectionSet.Port("TCP", 80)));
    }

    [Fact]
    public void Ranges_starting_at_one_port_merge_whichever_comes_first()
    {
        Assert.Equal("TCP 80-90", ConnectionSet.Of([("TCP", new PortRange(80, 85)), ("TCP", new PortRange(80, 90))]).ToString());
        Assert.Equal("TCP 80-90", ConnectionSet.Of([("TCP", new PortRange(80, 90)), ("TCP", new PortRange(80, 85))]).ToString());
    }

    private static string WithPolicySelecting(string podSelector) =>
        Deployment("shop", "web", "app: web", "8080") + Deployment("shop", "api", "app: api", "9090") +
        Doc("NetworkPolicy", "networking.k8s.io/v1", "p", $"podSelector: {podSelector}\npolicyTypes: [Ingress]", "shop");

    [Fact]
    public void A_selector_with_a_problem_matches_nothing_and_costs_no_candidates()
    {
        var bad = Analyze(WithPolicySelecting("{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: Bogus}]}"));
        var policy = bad.Graph.Model.NetworkPolicies.Single();
        Assert.NotEmpty(policy.PodSelector.Problems);
        Assert.Empty(bad.SelectedBy(policy));
        Assert.False(bad.IsApplied(policy));
        // The label index hands out no candidate for it: as many as without the policy at all.
        var none = Analyze(Deployment("shop", "web", "app: web", "8080") + Deployment("shop", "api", "app: api", "9090"));
        Assert.Equal(none.Selectors.CandidatesVisited, bad.Selectors.CandidatesVisited);
        // The same selector without the problem does cost candidates (the measure sees selector work).
        var good = Analyze(WithPolicySelecting("{matchLabels: {app: web}}"));
        Assert.True(good.Selectors.CandidatesVisited > none.Selectors.CandidatesVisited);
        Assert.Equal(["shop/Deployment/web"], good.SelectedBy(good.Graph.Model.NetworkPolicies.Single()).Select(e => e.Id));
    }

    [Fact]
    public void An_admin_policy_with_egress_rules_only_has_no_ingress_rules_for_its_subjects()
    {
        var yaml = Deployment("shop", "web", "app: web", "8080") + Deployment("shop", "api", "app: api", "9090") +
                   Doc("AdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1", "out", """
                       priority: 10
                       subject: {namespaces: {}}
                       egress:
                         - action: Allow
                           to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]
                       """);
        var a = Analyze(yaml);
        Assert.True(a.HasAdminTier);
        var e = a.Explain(a.At("shop/Deployment/api"), a.At("shop/Deployment/web"));
        Assert.Equal("no applied Admin tier policy has ingress rules for shop/Deployment/web", e.Ingress.Tiers[0].Summary);
        Assert.Equal("Admin", e.Egress.Tiers[0].Tier);
        Assert.StartsWith("allows", e.Egress.Tiers[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ipBlock_without_a_cidr_is_that_one_problem()
    {
        // ipBlock.cidr is required (networking/v1 IPBlock); its excepts are not judged without it.
        var yaml = Deployment("shop", "web", "app: web", "8080") + Doc("NetworkPolicy", "networking.k8s.io/v1", "p",
            "podSelector: {}\ningress: [{from: [{ipBlock: {except: [10.1.0.0/16]}}]}]", "shop");
        var a = Analyze(yaml);
        var policy = a.Graph.Model.NetworkPolicies.Single();
        Assert.Equal(["ipBlock needs a 'cidr'"], PolicyValidation.Problems(policy).Select(p => p.Message));
        Assert.False(a.IsApplied(policy));
    }

    [Fact]
    public void A_workload_of_another_input_has_no_endpoint()
    {
        var a = Analyze(Deployment("shop", "web", "app: web", "8080"));
        var other = Analyze(Deployment("shop", "web", "app: web", "8080") + Deployment("shop", "api", "app: api", "9090"));
        Assert.Null(a.EndpointOf(other.Graph.Model.Workloads.Single(w => w.Name == "api")));
        // Same id, another object: not this analysis's endpoint either.
        Assert.Null(a.EndpointOf(other.Graph.Model.Workloads.Single(w => w.Name == "web")));
        var web = a.Graph.Model.Workloads.Single();
        Assert.Equal("shop/Deployment/web", a.EndpointOf(web)!.Id);
    }
}
