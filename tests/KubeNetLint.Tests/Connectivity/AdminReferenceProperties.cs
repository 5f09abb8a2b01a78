using System.Diagnostics;
using System.Net;
using System.Text;
using CsCheck;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Tests.Connectivity.Reference;
using Xunit.Abstractions;

namespace KubeNetLint.Tests.Connectivity;

// An independent oracle for the admin tiers, written from the CRD field descriptions of
// network-policy-api (v1alpha1 ANP/BANP, v1alpha2 CNP): plain loops over one pair, one protocol and one
// port at a time, on top of the NetworkPolicy reference evaluator for the NetworkPolicy tier.

/// <summary>A subject or peer: namespaces (NamespaceSelector only), pods (both selectors; a null namespace
/// selector means all namespaces) or networks (CIDRs, egress only).</summary>
public sealed record RefAdminPeer(RefSelector? NamespaceSelector, RefSelector? PodSelector, IReadOnlyList<string>? Networks)
{
    public bool IsNamespaces => PodSelector is null && Networks is null;
}

/// <summary>A port entry: Protocol with Low..High, or a container port name (any protocol).</summary>
public sealed record RefAdminPort(string Protocol, int Low, int High, string? Name);

public sealed record RefAdminRule(string Action, IReadOnlyList<RefAdminPeer> Peers, IReadOnlyList<RefAdminPort>? Ports);

/// <summary>Kind is AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy; Tier Admin or Baseline.</summary>
public sealed record RefAdminPolicy(string Kind, string Name, string Tier, int Priority, RefAdminPeer Subject,
    IReadOnlyList<RefAdminRule> Ingress, IReadOnlyList<RefAdminRule> Egress);

public static class AdminReferenceEvaluator
{
    /// <summary>Both sides must allow; each side goes through Admin, NetworkPolicy, Baseline, default.</summary>
    public static bool Allows(RefCluster cluster, IReadOnlyList<RefAdminPolicy> admin, RefEndpoint from, RefEndpoint to, string protocol, int port) =>
        Side(cluster, admin, from, to, to, "Egress", protocol, port) && Side(cluster, admin, to, from, to, "Ingress", protocol, port);

    private static bool Side(RefCluster cluster, IReadOnlyList<RefAdminPolicy> admin, RefEndpoint subject, RefEndpoint other, RefEndpoint destination,
        string direction, string protocol, int port)
    {
        if (subject.Pod is not { } pod) return true;   // outside the cluster: no policy
        // Admin tier: lower priority first; equal priorities in the order KubeNetLint documents (kind, name).
        foreach (var policy in Ordered(admin, "Admin"))
        {
            if (!Selects(cluster, policy.Subject, pod)) continue;
            foreach (var rule in direction == "Ingress" ? policy.Ingress : policy.Egress)
            {
                if (!rule.Peers.Any(p => PeerMatches(cluster, p, other)) || !PortsMatch(rule, destination, protocol, port)) continue;
                if (rule.Action is "Allow" or "Accept") return true;
                if (rule.Action == "Deny") return false;
                goto networkPolicies;                    // Pass: the rest of the Admin tier is skipped
            }
        }
        networkPolicies:
        // NetworkPolicy tier: final for the pods it selects in this direction.
        bool isolated = cluster.Policies.Any(p => p.Namespace == pod.Namespace && ReferenceEvaluator.Matches(p.PodSelector ?? RefSelector.Everything, pod.Labels)
                                                  && ReferenceEvaluator.EffectivePolicyTypes(p).Contains(direction));
        if (isolated) return ReferenceEvaluator.SideAllows(cluster, subject, other, destination, direction, protocol, port);
        // Baseline tier: ClusterNetworkPolicies by priority, then the BaselineAdminNetworkPolicy.
        foreach (var policy in Ordered(admin, "Baseline"))
        {
            if (!Selects(cluster, policy.Subject, pod)) continue;
            foreach (var rule in direction == "Ingress" ? policy.Ingress : policy.Egress)
            {
                if (!rule.Peers.Any(p => PeerMatches(cluster, p, other)) || !PortsMatch(rule, destination, protocol, port)) continue;
                if (rule.Action is "Allow" or "Accept") return true;
                if (rule.Action == "Deny") return false;
                return true;                             // Pass in the Baseline tier: on to the default, which allows
            }
        }
        return true;                                     // default: allowed
    }

    private static IEnumerable<RefAdminPolicy> Ordered(IReadOnlyList<RefAdminPolicy> admin, string tier) => admin
        .Where(p => p.Tier == tier)
        .OrderBy(p => p.Kind == "BaselineAdminNetworkPolicy" ? 1 : 0)
        .ThenBy(p => p.Priority)
        .ThenBy(p => p.Kind, StringComparer.Ordinal)
        .ThenBy(p => p.Name, StringComparer.Ordinal);

    private static bool Selects(RefCluster cluster, RefAdminPeer subject, RefPod pod) =>
        ReferenceEvaluator.Matches(subject.NamespaceSelector ?? RefSelector.Everything, ReferenceEvaluator.NamespaceLabels(cluster, pod.Namespace))
        && (subject.PodSelector is null || ReferenceEvaluator.Matches(subject.PodSelector, pod.Labels));

    private static bool PeerMatches(RefCluster cluster, RefAdminPeer peer, RefEndpoint other)
    {
        if (peer.Networks is { } networks)
            return other.Address is { } address && networks.Any(n => ReferenceEvaluator.InCidr(address, n));
        return other.Pod is { } pod && Selects(cluster, peer, pod);   // namespaces and pods peers match pods only
    }

    private static bool PortsMatch(RefAdminRule rule, RefEndpoint destination, string protocol, int port)
    {
        if (rule.Ports is null) return true;                // no ports: every port
        foreach (var p in rule.Ports)
        {
            if (p.Name is { } name)
            {
                if (destination.Pod is { } pod && pod.Ports.Any(cp => cp.Name == name && (cp.Protocol ?? "TCP") == protocol && cp.Number == port)) return true;
            }
            else if (p.Protocol == protocol && port >= p.Low && port <= p.High) return true;
        }
        return false;
    }

    public static string ToYaml(IReadOnlyList<RefAdminPolicy> policies)
    {
        var sb = new StringBuilder();
        foreach (var p in policies)
        {
            bool cnp = p.Kind == "ClusterNetworkPolicy";
            sb.Append($"apiVersion: policy.networking.k8s.io/{(cnp ? "v1alpha2" : "v1alpha1")}\nkind: {p.Kind}\nmetadata:\n  name: {p.Name}\nspec:\n");
            if (cnp) sb.Append($"  tier: {p.Tier}\n");
            if (p.Kind != "BaselineAdminNetworkPolicy") sb.Append($"  priority: {p.Priority}\n");
            sb.Append($"  subject: {Peer(p.Subject, cnp)}\n");
            foreach (var (key, peersKey, rules) in new[] { ("ingress", "from", p.Ingress), ("egress", "to", p.Egress) })
            {
                if (rules.Count == 0) continue;
                sb.Append($"  {key}:\n");
                foreach (var r in rules)
                {
                    sb.Append($"    - action: {r.Action}\n      {peersKey}: [{string.Join(", ", r.Peers.Select(x => Peer(x, cnp)))}]\n");
                    if (r.Ports is not null) sb.Append($"      {(cnp ? "protocols" : "ports")}: [{string.Join(", ", r.Ports.Select(x => Port(x, cnp)))}]\n");
                }
            }
            sb.Append("---\n");
        }
        return sb.ToString();
    }

    private static string Peer(RefAdminPeer p, bool cnp)
    {
        if (p.Networks is { } networks) return $"{{networks: [{string.Join(", ", networks.Select(n => $"\"{n}\""))}]}}";
        if (p.IsNamespaces) return $"{{namespaces: {RefYaml.Selector(p.NamespaceSelector ?? RefSelector.Everything)}}}";
        var ns = p.NamespaceSelector is null ? (cnp ? "" : "namespaceSelector: {}, ") : $"namespaceSelector: {RefYaml.Selector(p.NamespaceSelector)}, ";
        return $"{{pods: {{{ns}podSelector: {RefYaml.Selector(p.PodSelector!)}}}}}";
    }

    private static string Port(RefAdminPort p, bool cnp)
    {
        if (p.Name is { } name) return cnp ? $"{{destinationNamedPort: {name}}}" : $"{{namedPort: {name}}}";
        if (cnp)
            return p.Low == p.High
                ? $"{{{p.Protocol.ToLowerInvariant()}: {{destinationPort: {{number: {p.Low}}}}}}}"
                : $"{{{p.Protocol.ToLowerInvariant()}: {{destinationPort: {{range: {{start: {p.Low}, end: {p.High}}}}}}}}}";
        return p.Low == p.High
            ? $"{{portNumber: {{protocol: {p.Protocol}, port: {p.Low}}}}}"
            : $"{{portRange: {{protocol: {p.Protocol}, start: {p.Low}, end: {p.High}}}}}";
    }
}

/// <summary>Random clusters (the NetworkPolicy generator's) with random admin policies on top, compared
/// port by port with <see cref="AdminReferenceEvaluator"/>.</summary>
public sealed class AdminReferenceProperties(ITestOutputHelper output)
{
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("REFEVAL_ITERATIONS"), out var n) && n > 0 ? n / 2 : 300;

    private static readonly string[] Networks = ["10.0.0.0/8", "10.1.0.0/16", "192.168.5.7/32", "8.8.8.0/24", "2001:db8::/32", "0.0.0.0/0"];
    private static readonly string[] PortNames = ["http", "dns", "metrics"];
    private static readonly (int Low, int High)[] Ranges = [(53, 53), (80, 80), (8080, 8080), (80, 443), (8000, 9000), (1, 65535)];

    private static Gen<RefAdminPeer> Peer(bool egress) => Gen.Frequency(
        (3, Generators.NamespaceSelector.Select(ns => new RefAdminPeer(ns, null, null))),
        (3, Gen.Select(Gen.Frequency((1, Gen.Const((RefSelector?)null)), (3, Generators.NamespaceSelector.Select(s => (RefSelector?)s))), Generators.PodSelector,
            (ns, ps) => new RefAdminPeer(ns, ps, null))),
        (egress ? 2 : 0, Gen.OneOf(Networks).Array[1, 2].Select(a => new RefAdminPeer(null, null, a.Distinct().ToList()))));

    private static readonly Gen<RefAdminPort> Port = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("TCP", "UDP", "SCTP"), Gen.OneOf(Ranges), (p, r) => new RefAdminPort(p, r.Low, r.High, null))),
        (1, Gen.OneOf(PortNames).Select(name => new RefAdminPort("", 0, 0, name))));

    private static Gen<RefAdminRule> Rule(bool egress, string[] actions) =>
        Gen.Select(Gen.OneOf(actions), Peer(egress).Array[1, 2], Gen.Frequency((2, Gen.Const((IReadOnlyList<RefAdminPort>?)null)), (3, Port.Array[1, 2].Select(a => (IReadOnlyList<RefAdminPort>?)a))),
            (action, peers, ports) =>
            {
                // A named port cannot go with networks peers (CRD validation): drop the networks then.
                if (ports is not null && ports.Any(p => p.Name is not null)) peers = peers.Where(p => p.Networks is null).DefaultIfEmpty(new RefAdminPeer(null, null, null)).ToArray();
                return new RefAdminRule(action, peers, ports);
            });

    private static readonly Gen<RefAdminPeer> Subject = Gen.Frequency(
        (2, Generators.NamespaceSelector.Select(ns => new RefAdminPeer(ns, null, null))),
        (1, Gen.Select(Generators.NamespaceSelector, Generators.PodSelector, (ns, ps) => new RefAdminPeer(ns, ps, null))));

    private static Gen<RefAdminPolicy> Policy(string kind, string tier, string[] actions) =>
        Gen.Select(Gen.Int[0, 3], Subject, Rule(false, actions).Array[0, 3], Rule(true, actions).Array[0, 3],
            (priority, subject, ingress, egress) => new RefAdminPolicy(kind, "", tier, priority, subject, ingress, egress));

    private static readonly Gen<IReadOnlyList<RefAdminPolicy>> AdminPolicies =
        Gen.Select(
            Policy("AdminNetworkPolicy", "Admin", ["Allow", "Deny", "Pass"]).Array[0, 3],
            Policy("ClusterNetworkPolicy", "Admin", ["Accept", "Deny", "Pass"]).Array[0, 2],
            Policy("ClusterNetworkPolicy", "Baseline", ["Accept", "Deny", "Pass"]).Array[0, 2],
            Gen.Frequency((1, Gen.Const((RefAdminPolicy?)null)), (2, Policy("BaselineAdminNetworkPolicy", "Baseline", ["Allow", "Deny"]).Select(p => (RefAdminPolicy?)p))),
            (anps, admins, baselines, banp) =>
            {
                var all = anps.Select((p, i) => p with { Name = $"anp{i}" })
                    .Concat(admins.Select((p, i) => p with { Name = $"cnp-admin{i}" }))
                    .Concat(baselines.Select((p, i) => p with { Name = $"cnp-baseline{i}" }))
                    .ToList();
                if (banp is not null) all.Add(banp with { Name = "default" });
                return (IReadOnlyList<RefAdminPolicy>)all;
            });

    [Fact]
    public void Engine_matrix_agrees_with_the_admin_reference_evaluator()
    {
        int compared = 0, decidedByAdmin = 0;
        var watch = Stopwatch.StartNew();
        Gen.Select(Generators.Cluster, AdminPolicies).Sample((cluster, admin) =>
        {
            if (Compare(cluster, admin, out bool tiered) is { } disagreement) throw new XunitException(disagreement);
            Interlocked.Increment(ref compared);
            if (tiered) Interlocked.Increment(ref decidedByAdmin);
        }, iter: Iterations, print: t => "\n" + t.Item1.ToYaml() + AdminReferenceEvaluator.ToYaml(t.Item2));
        output.WriteLine($"{compared} clusters compared ({decidedByAdmin} with admin policies applied), {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(decidedByAdmin > Iterations / 3, $"only {decidedByAdmin} of {Iterations} clusters had admin policies applied");
    }

    private static string? Compare(RefCluster cluster, IReadOnlyList<RefAdminPolicy> admin, out bool tiered)
    {
        var yaml = cluster.ToYaml() + AdminReferenceEvaluator.ToYaml(admin);
        var analysis = Net.Analyze(yaml);
        tiered = analysis.HasAdminTier;
        foreach (var policy in analysis.Graph.Model.AdminPolicies)
            if (!analysis.IsApplied(policy))
                return $"the engine rejects generated policy {policy}: {string.Join("; ", analysis.ProblemsOf(policy).Select(p => p.Message))}\n--- cluster ---\n{yaml}";
        foreach (var policy in analysis.Graph.Model.NetworkPolicies)
            if (!analysis.IsApplied(policy)) return $"the engine rejects generated policy {policy.Resource.Id}\n--- cluster ---\n{yaml}";
        var matrix = analysis.ComputeMatrix();
        var endpoints = cluster.Pods.Select(p => (Ref: RefEndpoint.Of(p), Id: p.Id))
            .Concat(ReferenceEvaluatorProperties.ExternalAddresses.Select(a => (Ref: RefEndpoint.Of(a), Id: analysis.Resolve(a)!.Id))).ToList();
        var ports = ReferenceEvaluatorProperties.PortUniverse(cluster);
        foreach (var r in Ranges) { ports.Add(r.Low); ports.Add(r.High); if (r.Low > 1) ports.Add(r.Low - 1); if (r.High < 65535) ports.Add(r.High + 1); }
        foreach (var (from, fromId) in endpoints)
            foreach (var (to, toId) in endpoints)
            {
                if (from == to || (from.Pod is null && to.Pod is null)) continue;
                var engine = matrix.Get(fromId, toId);
                var pairwise = analysis.Allowed(analysis.At(fromId), analysis.At(toId));
                if (fromId != toId && !pairwise.Equals(engine)) return $"{fromId} -> {toId}: matrix {engine}, pairwise {pairwise}\n--- cluster ---\n{yaml}";
                foreach (var protocol in ReferenceEvaluatorProperties.Protocols)
                    foreach (var port in ports)
                    {
                        bool expected = AdminReferenceEvaluator.Allows(cluster, admin, from, to, protocol, port);
                        bool actual = engine.Contains(protocol, port);
                        if (expected != actual)
                            return $"{from} -> {to} ({fromId} -> {toId}) on {port}/{protocol}: reference {(expected ? "ALLOWS" : "DENIES")}, " +
                                   $"engine {(actual ? "ALLOWS" : "DENIES")} (engine's set: {engine})\n--- cluster ---\n{yaml}";
                    }
            }
        return null;
    }

    private sealed class XunitException(string message) : Exception(message)
    {
        public override string? StackTrace => null;
    }
}
