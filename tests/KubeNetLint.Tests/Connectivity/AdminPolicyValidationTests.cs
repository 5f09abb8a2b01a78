using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The CRD schema checks of AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy
/// (issue 18): each list at its maxItems and one past it, and where each problem points. The limits are those
/// of ../shared/reference/network-policy-api (v1alpha1: 100; v1alpha2: 25, minItems 1).</summary>
public sealed class AdminPolicyValidationTests
{
    private const string Anp = "AdminNetworkPolicy";
    private const string Cnp = "ClusterNetworkPolicy";

    /// <summary>The policy's problems as "line:column message"; the spec starts on line 6, indented by 2.</summary>
    private static List<string> Problems(string kind, string spec, string name = "p")
    {
        var apiVersion = kind == Cnp ? "policy.networking.k8s.io/v1alpha2" : "policy.networking.k8s.io/v1alpha1";
        var policy = Analyze(Doc(kind, apiVersion, name, spec)).Graph.Model.AdminPolicies.Single();
        return AdminPolicyValidation.Problems(policy).Select(p => $"{p.Node.Location.Line}:{p.Node.Location.Column} {p.Message}").ToList();
    }

    private static string Items(int n, Func<int, string> item) => string.Join(", ", Enumerable.Range(0, n).Select(item));

    private static string Rules(int n, string action, string peersKey) =>
        string.Join("\n", Enumerable.Range(0, n).Select(i => $"  - {{action: {action}, {peersKey}: [{{namespaces: {{matchLabels: {{n: \"{i}\"}}}}}}]}}"));

    [Theory]
    [InlineData(Cnp, 25, "tier: Admin\npriority: 5", "Accept")]
    [InlineData(Anp, 100, "priority: 5", "Allow")]
    public void A_direction_may_hold_exactly_maxItems_rules(string kind, int max, string head, string action)
    {
        Assert.Empty(Problems(kind, $"{head}\nsubject: {{namespaces: {{}}}}\ningress:\n{Rules(max, action, "from")}"));
        // One more: the problem points at the key `ingress`, after the head and the subject.
        int line = 6 + head.Split('\n').Length + 1;
        Assert.Equal([$"{line}:3 spec.ingress has {max + 1} rules; the CRD allows at most {max}"],
            Problems(kind, $"{head}\nsubject: {{namespaces: {{}}}}\ningress:\n{Rules(max + 1, action, "from")}"));
    }

    [Theory]
    [InlineData(Cnp, 25, "tier: Admin\npriority: 5", "Accept")]
    [InlineData(Anp, 100, "priority: 5", "Allow")]
    public void A_rule_may_name_exactly_maxItems_peers(string kind, int max, string head, string action)
    {
        string Spec(int n) => $"{head}\nsubject: {{namespaces: {{}}}}\negress:\n  - action: {action}\n    to: [{Items(n, i => $"{{namespaces: {{matchLabels: {{n: \"{i}\"}}}}}}")}]";
        Assert.Empty(Problems(kind, Spec(max)));
        int line = 6 + head.Split('\n').Length + 3;
        Assert.Equal([$"{line}:7 'to' has {max + 1} peers; the CRD allows at most {max}"], Problems(kind, Spec(max + 1)));
    }

    [Fact]
    public void A_networks_peer_holds_1_to_25_CIDRs_and_the_problem_points_at_the_key_or_the_list()
    {
        string Spec(int n) => $"tier: Admin\npriority: 5\nsubject: {{namespaces: {{}}}}\negress:\n  - action: Deny\n    to:\n      - networks: [{Items(n, i => $"10.{i}.0.0/16")}]";
        Assert.Empty(Problems(Cnp, Spec(25)));
        Assert.Equal(["12:11 networks has 26 CIDRs; the CRD allows at most 25"], Problems(Cnp, Spec(26)));
        Assert.Equal(["12:21 networks needs at least one CIDR"], Problems(Cnp, Spec(0)));
        // v1alpha1 sets no maxItems on networks.
        Assert.Empty(Problems(Anp, $"priority: 5\nsubject: {{namespaces: {{}}}}\negress:\n  - action: Deny\n    to:\n      - networks: [{Items(26, i => $"10.{i}.0.0/16")}]"));
    }

    [Fact]
    public void A_domainNames_peer_holds_1_to_25_names()
    {
        string Spec(int n) => $"tier: Admin\npriority: 5\nsubject: {{namespaces: {{}}}}\negress:\n  - action: Accept\n    to:\n      - domainNames: [{Items(n, i => $"h{i}.example.com")}]";
        Assert.Empty(Problems(Cnp, Spec(25)));
        Assert.Equal(["12:11 domainNames needs 1 to 25 names"], Problems(Cnp, Spec(26)));
        Assert.Equal(["12:11 domainNames needs 1 to 25 names"], Problems(Cnp, Spec(0)));
    }

    [Fact]
    public void A_rule_may_list_exactly_25_protocols_and_the_problem_points_at_the_key()
    {
        string Spec(int n) => $"tier: Admin\npriority: 5\nsubject: {{namespaces: {{}}}}\ningress:\n  - action: Accept\n    from: [{{namespaces: {{}}}}]\n" +
                              $"    protocols: [{Items(n, i => $"{{tcp: {{destinationPort: {{number: {1000 + i}}}}}}}")}]";
        Assert.Empty(Problems(Cnp, Spec(25)));
        Assert.Equal(["12:7 'protocols' has 26 entries; the CRD allows at most 25"], Problems(Cnp, Spec(26)));
    }

    [Fact]
    public void A_missing_or_unreadable_priority_points_at_the_name_or_the_value()
    {
        Assert.Equal(["4:9 spec.priority is required (an integer from 0 to 1000)"], Problems(Anp, "subject: {namespaces: {}}\ningress: []"));
        Assert.Equal(["6:13 spec.priority is required (an integer from 0 to 1000)"], Problems(Anp, "priority: high\nsubject: {namespaces: {}}"));
    }

    [Fact]
    public void A_missing_or_unreadable_subject_points_at_the_name_or_the_value()
    {
        Assert.Equal(["4:9 spec.subject is required: namespaces or pods"], Problems(Anp, "priority: 1"));
        Assert.Equal(["7:12 spec.subject is required: namespaces or pods"], Problems(Anp, "priority: 1\nsubject: [namespaces]"));
    }

    [Fact]
    public void The_subject_is_checked_like_a_peer()
    {
        Assert.Equal(["7:12 spec.subject sets namespaces and pods: exactly one is allowed"],
            Problems(Anp, "priority: 1\nsubject: {namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}"));
        Assert.Equal(["7:64 spec.subject: unknown operator 'Has'"],
            Problems(Anp, "priority: 1\nsubject: {namespaces: {matchExpressions: [{key: a, operator: Has}]}}").Select(p => p.Split(" (")[0]));
    }

    [Theory]
    [InlineData(Anp, "priority: 1", "Deny", "{nodes: {matchLabels: {role: db}}}", "{namedPort: http}")]
    [InlineData(Anp, "priority: 1", "Deny", "{networks: [10.0.0.0/8]}", "{namedPort: http}")]
    [InlineData(Cnp, "tier: Admin\npriority: 1", "Accept", "{domainNames: [db.example.com]}", "{destinationNamedPort: http}")]
    [InlineData(Cnp, "tier: Admin\npriority: 1", "Deny", "{nodes: {matchLabels: {role: db}}}", "{destinationNamedPort: http}")]
    public void A_named_port_cannot_go_with_an_address_peer(string kind, string head, string action, string peer, string port)
    {
        var problems = Problems(kind, $"{head}\nsubject: {{namespaces: {{}}}}\negress:\n  - action: {action}\n    to: [{peer}]\n    {(kind == Cnp ? "protocols" : "ports")}: [{port}]");
        Assert.Equal(["a named port cannot be used with networks, nodes or domainNames peers (they have no named ports)"],
            problems.Select(p => p[(p.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        // With a pods peer the same named port is fine.
        Assert.Empty(Problems(kind, $"{head}\nsubject: {{namespaces: {{}}}}\negress:\n  - action: {action}\n    to: [{{namespaces: {{}}}}]\n    {(kind == Cnp ? "protocols" : "ports")}: [{port}]"));
    }

    [Theory]
    [InlineData("{portRange: {start: 8000}}")]
    [InlineData("{portRange: {end: 8000}}")]
    [InlineData("{portNumber: {protocol: TCP}}")]
    public void A_port_entry_without_its_values_is_rejected_without_a_crash(string port)
    {
        Assert.Equal(["12:11 port entry needs exactly one of portNumber, portRange or namedPort, with its port values"],
            Problems(Anp, $"priority: 1\nsubject: {{namespaces: {{}}}}\ningress:\n  - action: Allow\n    from: [{{namespaces: {{}}}}]\n    ports:\n      - {port}"));
    }

    [Theory]
    [InlineData("{portRange: {start: 8000, end: 8001}}", null)]
    [InlineData("{portRange: {start: 8001, end: 8000}}", "port range start 8001 must be less than end 8000")]
    [InlineData("{portRange: {start: 8000, end: 8000}}", "port range start 8000 must be less than end 8000")]
    [InlineData("{portNumber: {port: 8000}}", null)]
    public void A_port_range_must_rise(string port, string? problem)
    {
        var problems = Problems(Anp, $"priority: 1\nsubject: {{namespaces: {{}}}}\ningress:\n  - action: Allow\n    from: [{{namespaces: {{}}}}]\n    ports:\n      - {port}");
        Assert.Equal(problem is null ? [] : [$"12:11 {problem}"], problems);
    }
}
