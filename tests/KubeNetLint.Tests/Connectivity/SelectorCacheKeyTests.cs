using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The selector caches (pod and namespace selections, policy peers, Service selection) are keyed
/// by <see cref="LabelSelector.ToString"/>. Selectors that differ only by Exists vs DoesNotExist, In vs NotIn
/// or by their value set must get entries of their own, while the same values in another order may share one;
/// every pair sits in one input, so a collision of keys would hand one selector the other's answer.</summary>
public sealed class SelectorCacheKeyTests
{
    private static string Namespace(string name, string labels) => $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{name}}
          labels: {{{labels}}}
        ---

        """;

    private static string Policy(string name, string expression) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {{name}}
          namespace: shop
        spec:
          podSelector:
            matchExpressions: [{{expression}}]
          policyTypes: [Ingress]
          ingress:
            - from:
                - podSelector:
                    matchExpressions: [{{expression}}]
        ---

        """;

    private static string NamespacePeerPolicy(string name, string expression) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {{name}}
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          ingress:
            - from:
                - namespaceSelector:
                    matchExpressions: [{{expression}}]
        ---

        """;

    private static string Service(string name, string selector) => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
          namespace: shop
        spec:
          selector: {{{selector}}}
          ports: [{port: 80}]
        ---

        """;

    private static readonly (string Name, string Expression, string[] Selects)[] Pairs =
    [
        ("exists", "{key: tier, operator: Exists}", ["a", "c", "d"]),
        ("not-exists", "{key: tier, operator: DoesNotExist}", ["b"]),
        ("in", "{key: tier, operator: In, values: [front, back]}", ["a", "c"]),
        ("not-in", "{key: tier, operator: NotIn, values: [front, back]}", ["b", "d"]),
        ("in-reordered", "{key: tier, operator: In, values: [back, front]}", ["a", "c"]),
        ("in-other-set", "{key: tier, operator: In, values: [front, edge]}", ["a", "d"]),
        ("in-subset", "{key: tier, operator: In, values: [front]}", ["a"]),
        ("not-in-other-set", "{key: tier, operator: NotIn, values: [front, edge]}", ["b", "c"]),
    ];

    private static readonly string Input =
        Namespace("shop", "team: x") + Namespace("other", "zone: y") +
        Deployment("shop", "a", "app: a, tier: front", "8080") +
        Deployment("shop", "b", "app: b", "8080") +
        Deployment("shop", "c", "app: c, tier: back", "8080") +
        Deployment("shop", "d", "app: d, tier: edge", "8080") +
        Deployment("other", "e", "app: e, tier: front", "8080") +
        string.Concat(Pairs.Select(p => Policy(p.Name, p.Expression))) +
        NamespacePeerPolicy("ns-exists", "{key: team, operator: Exists}") +
        NamespacePeerPolicy("ns-not-exists", "{key: team, operator: DoesNotExist}") +
        Service("front-a", "app: a, tier: front") + Service("front-a-reordered", "tier: front, app: a") +
        Service("front", "tier: front") + Service("back", "tier: back");

    private static NetworkPolicy PolicyNamed(ConnectivityAnalysis a, string name) =>
        a.Graph.Model.NetworkPolicies.Single(p => p.Name == name);

    private static string[] Names(IEnumerable<Endpoint> endpoints) =>
        [.. endpoints.Select(e => e.Name ?? e.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public void Each_selector_selects_its_own_pods()
    {
        var a = Analyze(Input);
        foreach (var (name, _, selects) in Pairs)
            Assert.True(selects.SequenceEqual(Names(a.SelectedBy(PolicyNamed(a, name)))),
                $"policy {name} selects {string.Join(",", Names(a.SelectedBy(PolicyNamed(a, name))))}, expected {string.Join(",", selects)}");
    }

    [Fact]
    public void Each_peer_matches_its_own_pods()
    {
        var a = Analyze(Input);
        foreach (var (name, _, selects) in Pairs)
        {
            var policy = PolicyNamed(a, name);
            var peer = policy.IngressRules.Single().Peers!.Single();
            var (pods, namespaces) = a.MatchPeer(peer, policy.Namespace);
            Assert.Null(namespaces);
            Assert.True(selects.SequenceEqual(Names(pods)), $"peer of {name} matches {string.Join(",", Names(pods))}, expected {string.Join(",", selects)}");
        }
    }

    [Fact]
    public void Exists_and_DoesNotExist_namespace_selectors_match_their_own_namespaces()
    {
        var a = Analyze(Input);
        var exists = PolicyNamed(a, "ns-exists");
        var notExists = PolicyNamed(a, "ns-not-exists");
        var (existsPods, existsNs) = a.MatchPeer(exists.IngressRules.Single().Peers!.Single(), "shop");
        var (notExistsPods, notExistsNs) = a.MatchPeer(notExists.IngressRules.Single().Peers!.Single(), "shop");
        Assert.Contains("shop", existsNs!);
        Assert.DoesNotContain("other", existsNs!);
        Assert.Contains("other", notExistsNs!);
        Assert.DoesNotContain("shop", notExistsNs!);
        Assert.Equal(["a", "b", "c", "d"], Names(existsPods));
        Assert.Equal(["e"], Names(notExistsPods));
        // And the verdicts: e (namespace without the label) reaches shop only through ns-not-exists.
        Assert.Equal("all", a.Allowed("other/Deployment/e", "shop/Deployment/b"));
    }

    [Fact]
    public void The_canonical_text_tells_the_pairs_apart_and_ignores_value_order()
    {
        var a = Analyze(Input);
        var keys = Pairs.ToDictionary(p => p.Name, p => PolicyNamed(a, p.Name).PodSelector.ToString());
        Assert.NotEqual(keys["exists"], keys["not-exists"]);
        Assert.NotEqual(keys["in"], keys["not-in"]);
        Assert.NotEqual(keys["in"], keys["in-other-set"]);
        Assert.NotEqual(keys["in"], keys["in-subset"]);
        Assert.NotEqual(keys["not-in"], keys["not-in-other-set"]);
        Assert.Equal(keys["in"], keys["in-reordered"]);
        Assert.Equal(Pairs.Length - 1, keys.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Services_with_overlapping_selectors_select_their_own_workloads()
    {
        var a = Analyze(Input);
        string[] Selected(string name) =>
            [.. a.Graph.SelectedBy(a.Graph.Model.Services.Single(s => s.Name == name)).Select(w => w.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(["a"], Selected("front-a"));
        Assert.Equal(["a"], Selected("front-a-reordered"));
        Assert.Equal(["a"], Selected("front"));   // e has tier: front too, but in another namespace
        Assert.Equal(["c"], Selected("back"));
    }
}
