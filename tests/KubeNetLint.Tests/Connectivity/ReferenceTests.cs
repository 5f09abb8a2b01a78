using System.Text;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>A differential test: random small clusters, each pair's verdict computed twice — by the
/// engine (classes, bitsets, caches, the pruned matrix pass) and by a direct transcription of the
/// semantics that re-reads every policy for every pair.</summary>
public sealed class ReferenceTests
{
    /// <summary>The semantics of issue 5, written for clarity, not speed.</summary>
    private static ConnectionSet Reference(ResourceGraph graph, Endpoint from, Endpoint to)
    {
        if (from == to || (from.IsExternal && to.IsExternal)) return ConnectionSet.None;
        var egress = from.IsExternal ? ConnectionSet.All : Side(graph, from, to, Direction.Egress);
        var ingress = to.IsExternal ? ConnectionSet.All : Side(graph, to, from, Direction.Ingress);
        return egress.Intersect(ingress);
    }

    private static ConnectionSet Side(ResourceGraph graph, Endpoint subject, Endpoint other, Direction direction)
    {
        var policies = graph.Model.NetworkPolicies
            .Where(p => PolicyValidation.Problems(p).Count == 0 && p.Namespace == subject.Namespace && subject.Workload!.IsSelectedBy(p.PodSelector))
            .Where(p => direction == Direction.Ingress ? p.AffectsIngress : p.AffectsEgress)
            .ToList();
        if (policies.Count == 0) return ConnectionSet.All;
        var destination = direction == Direction.Egress ? other : subject;
        var result = ConnectionSet.None;
        foreach (var p in policies)
            foreach (var rule in direction == Direction.Ingress ? p.IngressRules : p.EgressRules)
                if (rule.Peers is null || rule.Peers.Any(peer => PeerMatches(graph, peer, p.Namespace, other)))
                    result = result.Union(Ports(rule, destination));
        return result;
    }

    private static bool PeerMatches(ResourceGraph graph, PolicyPeer peer, string policyNamespace, Endpoint other)
    {
        if (peer.IpBlock is { } block)
        {
            if (!other.IsExternal) return false;
            var set = IpRangeSet.From(block)!;
            return set.Family == other.Cell!.Family && set.Ranges.Any(r => other.Cell.First >= r.First && other.Cell.Last <= r.Last);
        }
        if (other.IsExternal) return false;
        bool namespaceOk = peer.NamespaceSelector is { } nss ? nss.Matches(graph.Namespaces[other.Namespace!]) : other.Namespace == policyNamespace;
        bool podOk = peer.PodSelector is not { } ps || other.Workload!.IsSelectedBy(ps);
        return namespaceOk && podOk;
    }

    private static ConnectionSet Ports(PolicyRule rule, Endpoint destination)
    {
        if (rule.Ports is null) return ConnectionSet.All;
        var result = ConnectionSet.None;
        foreach (var p in rule.Ports)
        {
            if (p.Port is null) result = result.Union(ConnectionSet.AllOf(p.Protocol));
            else if (p.Port.Number is { } n) result = result.Union(ConnectionSet.Range(p.Protocol, n, p.EndPort ?? n));
            else if (destination.Workload?.Template.FindNamedPort(p.Port.Name!, p.Protocol) is { Number: { } named })
                result = result.Union(ConnectionSet.Port(p.Protocol, named));
        }
        return result;
    }

    // ---- a generator of small, messy clusters ---------------------------------------------------------

    private static readonly string[] Apps = ["a", "b", "c"];
    private static readonly string[] Tiers = ["web", "db"];
    private static readonly string[] Blocks =
    [
        "{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}", "{cidr: 10.0.0.0/16}", "{cidr: 0.0.0.0/0}", "{cidr: 192.168.0.0/16, except: [192.168.5.0/24]}",
        "{cidr: \"2001:db8::/32\"}", "{cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12]}",
    ];

    private static string Pick(Random r, string[] items) => items[r.Next(items.Length)];

    private static string Selector(Random r, bool forNamespace)
    {
        return r.Next(6) switch
        {
            0 => "{}",
            1 => forNamespace ? $"{{matchLabels: {{env: {Pick(r, ["prod", "dev"])}}}}}" : $"{{matchLabels: {{app: {Pick(r, Apps)}}}}}",
            2 => forNamespace ? $"{{matchLabels: {{kubernetes.io/metadata.name: ns{r.Next(3)}}}}}" : $"{{matchLabels: {{tier: {Pick(r, Tiers)}}}}}",
            3 => forNamespace ? "{matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}" : $"{{matchExpressions: [{{key: app, operator: In, values: [{Pick(r, Apps)}, {Pick(r, Apps)}]}}]}}",
            4 => forNamespace ? "{matchExpressions: [{key: env, operator: Exists}]}" : "{matchExpressions: [{key: tier, operator: DoesNotExist}]}",
            _ => forNamespace ? "{matchLabels: {team: x}}" : $"{{matchLabels: {{app: {Pick(r, Apps)}, tier: {Pick(r, Tiers)}}}}}",
        };
    }

    private static string Peer(Random r) => r.Next(5) switch
    {
        0 => $"{{podSelector: {Selector(r, false)}}}",
        1 => $"{{namespaceSelector: {Selector(r, true)}}}",
        2 => $"{{namespaceSelector: {Selector(r, true)}, podSelector: {Selector(r, false)}}}",
        _ => $"{{ipBlock: {Pick(r, Blocks)}}}",
    };

    private static string Port(Random r) => r.Next(7) switch
    {
        0 => "{port: http}",
        1 => "{port: dns, protocol: UDP}",
        2 => "{port: 80}",
        3 => "{port: 8000, endPort: 8100}",
        4 => "{protocol: UDP}",
        5 => "{port: 53, protocol: UDP}",
        _ => "{port: metrics}",
    };

    private static string Rule(Random r, string peersKey)
    {
        var parts = new List<string>();
        if (r.Next(3) > 0) parts.Add($"{peersKey}: [{string.Join(", ", Enumerable.Range(0, 1 + r.Next(2)).Select(_ => Peer(r)))}]");
        if (r.Next(3) > 0) parts.Add($"ports: [{string.Join(", ", Enumerable.Range(0, 1 + r.Next(3)).Select(_ => Port(r)))}]");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string Cluster(Random r)
    {
        var sb = new StringBuilder();
        for (int n = 0; n < 3; n++)
            sb.Append($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: ns{n}, labels: {{env: {Pick(r, ["prod", "dev"])}}}}}\n---\n");
        int workloads = 4 + r.Next(6);
        for (int i = 0; i < workloads; i++)
        {
            var labels = $"app: {Pick(r, Apps)}" + (r.Next(2) == 0 ? $", tier: {Pick(r, Tiers)}" : "");
            var ports = new List<string>();
            if (r.Next(2) == 0) ports.Add($"{{name: http, containerPort: {Pick(r, ["80", "8080", "8050"])}}}");
            if (r.Next(3) == 0) ports.Add("{name: dns, containerPort: 53, protocol: UDP}");
            if (r.Next(4) == 0) ports.Add("{name: metrics, containerPort: 9100}");
            sb.Append($"""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {"{"}name: w{i}, namespace: ns{r.Next(3)}{"}"}
                spec:
                  selector: {"{"}matchLabels: {"{"}{labels}{"}}"}
                  template:
                    metadata: {"{"}labels: {"{"}{labels}{"}}"}
                    spec: {"{"}containers: [{"{"}name: c, image: x, ports: [{string.Join(", ", ports)}]{"}"}]{"}"}
                ---

                """);
        }
        int policies = 2 + r.Next(5);
        for (int i = 0; i < policies; i++)
        {
            sb.Append($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p{i}, namespace: ns{r.Next(3)}}}\nspec:\n");
            sb.Append($"  podSelector: {Selector(r, false)}\n");
            switch (r.Next(4))
            {
                case 0: sb.Append("  policyTypes: [Ingress]\n"); break;
                case 1: sb.Append("  policyTypes: [Egress]\n"); break;
                case 2: sb.Append("  policyTypes: [Ingress, Egress]\n"); break;
            }
            if (r.Next(4) > 0) sb.Append($"  ingress: [{string.Join(", ", Enumerable.Range(0, r.Next(3)).Select(_ => Rule(r, "from")))}]\n");
            if (r.Next(3) > 0) sb.Append($"  egress: [{string.Join(", ", Enumerable.Range(0, r.Next(3)).Select(_ => Rule(r, "to")))}]\n");
            sb.Append("---\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void Engine_and_reference_agree_on_random_clusters()
    {
        var random = new Random(5);
        int nonTrivial = 0;
        for (int round = 0; round < 250; round++)
        {
            var yaml = Cluster(random);
            var analysis = Net.Analyze(yaml);
            var matrix = analysis.ComputeMatrix();
            foreach (var from in analysis.Endpoints)
                foreach (var to in analysis.Endpoints)
                {
                    var expected = Reference(analysis.Graph, from, to);
                    var actual = matrix.Get(from.Id, to.Id);
                    if (!expected.Equals(actual))
                        Assert.Fail($"round {round}: {from.Id} -> {to.Id}: reference {expected}, engine {actual}\n{yaml}");
                    if (!expected.IsEmpty && !expected.IsAll) nonTrivial++;
                }
        }
        Assert.True(nonTrivial > 500, $"the generator produced too few partial verdicts ({nonTrivial})");
    }
}
