using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>What the API server rejects in a NetworkPolicy, at the limits and one past them (issue 18).</summary>
public sealed class PolicyValidationTests
{
    private static List<string> Problems(string spec)
    {
        var yaml = Deployment("shop", "web", "app: web", "http:8080") + $"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {"{"}name: p, namespace: shop{"}"}
            spec:
            {string.Join("\n", spec.Split('\n').Select(l => "  " + l))}
            ---

            """;
        var policy = Analyze(yaml).Graph.Model.NetworkPolicies.Single();
        var problems = PolicyValidation.Problems(policy).Select(p => p.Message).ToList();
        Assert.Equal(problems.Count == 0, PolicyValidation.IsValid(policy));
        return problems;
    }

    [Theory]
    [InlineData("{port: 1}", null)]
    [InlineData("{port: 65535}", null)]
    [InlineData("{port: 1, endPort: 1}", null)]
    [InlineData("{port: 65534, endPort: 65535}", null)]
    [InlineData("{port: 65536}", "port 65536 is not within 1-65535")]
    [InlineData("{port: 0}", "port 0 is not within 1-65535")]
    [InlineData("{port: 80, endPort: 65536}", "endPort 65536 is not within 1-65535")]
    [InlineData("{port: 80, endPort: 79}", "endPort 79 must be greater than or equal to port 80")]
    [InlineData("{port: abcdefghijklmno}", null)]
    [InlineData("{port: abcdefghijklmnop}", "a port name has 1 to 15 characters")]
    [InlineData("{port: abc-}", "does not start or end with '-'")]
    [InlineData("{port: -abc}", "does not start or end with '-'")]
    [InlineData("{port: 80, protocol: ICMP}", "protocol 'ICMP' is not supported")]
    public void Ports_are_checked_at_their_limits(string port, string? problem)
    {
        var problems = Problems($"podSelector: {{}}\ningress:\n  - ports: [{port}]");
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}", null)]
    [InlineData("{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}}", "must be a strict subset")]
    [InlineData("{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}", "must be a strict subset")]
    [InlineData("{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}", "ipBlock cannot be combined")]
    [InlineData("{ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}}", "ipBlock cannot be combined")]
    [InlineData("{podSelector: {}, namespaceSelector: {}}", null)]
    [InlineData("{}", "to allow every source, leave out 'from'")]
    public void Ingress_peers_are_checked(string peer, string? problem)
    {
        var problems = Problems($"podSelector: {{}}\ningress:\n  - from: [{peer}]");
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_egress_peer_names_the_destination()
    {
        var problems = Problems("podSelector: {}\npolicyTypes: [Egress]\negress:\n  - to: [{}]");
        Assert.Contains(problems, p => p.Contains("to allow every destination, leave out 'to'", StringComparison.Ordinal));
    }
}
