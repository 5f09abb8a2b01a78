using System.Globalization;
using System.Net;
using System.Text;

namespace KubeNetLint.Tests.Connectivity.Reference;

// An independent oracle for the connectivity engine, written straight from the NetworkPolicy
// documentation (https://kubernetes.io/docs/concepts/services-networking/network-policies/) and the
// networking/v1 API types. It shares no code with KubeNetLint.Core: the cluster is its own tiny
// in-memory description (below), which is rendered to YAML for the real tool and evaluated here
// directly, one pod, one address, one protocol and one port at a time, with plain nested loops.
// Slow and obvious on purpose.

/// <summary>A namespace and the labels written on it (kubernetes.io/metadata.name is added by the API server).
/// When <paramref name="Rendered"/> is false the manifests leave it out (it exists in the cluster, without labels).</summary>
public sealed record RefNamespace(string Name, IReadOnlyDictionary<string, string> Labels, bool Rendered = true);

/// <summary>A containerPort: number, optional name, optional protocol (unset means TCP).</summary>
public sealed record RefContainerPort(int Number, string? Name, string? Protocol);

/// <summary>A workload: all its pods carry <see cref="Labels"/> and the same container ports.
/// <see cref="Containers"/> holds each container's ports.</summary>
public sealed record RefPod(string Kind, string Namespace, string Name, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<IReadOnlyList<RefContainerPort>> Containers)
{
    public string Id => $"{Namespace}/{Kind}/{Name}";
    public IEnumerable<RefContainerPort> Ports => Containers.SelectMany(c => c);
}

/// <summary>One matchExpressions entry: operator In, NotIn, Exists or DoesNotExist.</summary>
public sealed record RefRequirement(string Key, string Operator, IReadOnlyList<string> Values);

/// <summary>A label selector; both parts empty selects everything.</summary>
public sealed record RefSelector(IReadOnlyDictionary<string, string> MatchLabels, IReadOnlyList<RefRequirement> MatchExpressions)
{
    public static readonly RefSelector Everything = new(new Dictionary<string, string>(), []);
}

public sealed record RefIpBlock(string Cidr, IReadOnlyList<string> Except);

/// <summary>A from/to entry: podSelector and/or namespaceSelector, or an ipBlock.</summary>
public sealed record RefPeer(RefSelector? PodSelector, RefSelector? NamespaceSelector, RefIpBlock? IpBlock);

/// <summary>A ports entry: protocol (unset means TCP), and a port number (with an optional endPort) or a
/// port name, or no port at all (every port of the protocol).</summary>
public sealed record RefPolicyPort(string? Protocol, int? Number, string? Name, int? EndPort);

/// <summary>An ingress or egress rule. Null lists are fields left out; empty lists are written as [].</summary>
public sealed record RefRule(IReadOnlyList<RefPeer>? Peers, IReadOnlyList<RefPolicyPort>? Ports);

/// <summary>A NetworkPolicy. A null <see cref="PodSelector"/>, <see cref="PolicyTypes"/>,
/// <see cref="Ingress"/> or <see cref="Egress"/> is a field left out of the manifest.</summary>
public sealed record RefPolicy(string Namespace, string Name, RefSelector? PodSelector, IReadOnlyList<string>? PolicyTypes,
    IReadOnlyList<RefRule>? Ingress, IReadOnlyList<RefRule>? Egress);

public sealed record RefCluster(IReadOnlyList<RefNamespace> Namespaces, IReadOnlyList<RefPod> Pods, IReadOnlyList<RefPolicy> Policies)
{
    /// <summary>The cluster as manifests, in the usual block style (one document per object).</summary>
    public string ToYaml() => RefYaml.Render(this);
}

/// <summary>One end of a connection: the pods of a workload, or one address outside the cluster.</summary>
public sealed record RefEndpoint(RefPod? Pod, IPAddress? Address)
{
    public static RefEndpoint Of(RefPod pod) => new(pod, null);
    public static RefEndpoint Of(string address) => new(null, IPAddress.Parse(address));
    public override string ToString() => Pod?.Id ?? Address!.ToString();
}

/// <summary>The evaluator: is one connection allowed?</summary>
public static class ReferenceEvaluator
{
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>A connection from <paramref name="from"/> to <paramref name="to"/> on protocol/port is allowed
    /// iff the source's egress allows it and the destination's ingress allows it. Addresses outside the
    /// cluster have no policies (both of their sides allow everything).</summary>
    public static bool Allows(RefCluster cluster, RefEndpoint from, RefEndpoint to, string protocol, int port) =>
        SideAllows(cluster, subject: from, other: to, destination: to, "Egress", protocol, port) &&
        SideAllows(cluster, subject: to, other: from, destination: to, "Ingress", protocol, port);

    /// <summary>One side of a connection. <paramref name="subject"/> is the pod whose policies are read
    /// (the source for Egress, the destination for Ingress), <paramref name="other"/> the peer the rules
    /// must match, <paramref name="destination"/> the pod whose container ports resolve named ports.</summary>
    internal static bool SideAllows(RefCluster cluster, RefEndpoint subject, RefEndpoint other, RefEndpoint destination,
        string direction, string protocol, int port)
    {
        if (subject.Pod is not { } pod) return true;        // an address outside the cluster: no policy applies
        bool isolated = false;
        foreach (var policy in cluster.Policies)
        {
            if (policy.Namespace != pod.Namespace) continue;  // a policy selects pods of its own namespace only
            if (!Matches(policy.PodSelector ?? RefSelector.Everything, pod.Labels)) continue;
            if (!EffectivePolicyTypes(policy).Contains(direction)) continue;
            isolated = true;                                  // selected by a policy of this direction
            var rules = (direction == "Ingress" ? policy.Ingress : policy.Egress) ?? [];
            foreach (var rule in rules)                       // rules (and policies) are additive: any one suffices
                if (RulePeersMatch(cluster, policy, rule, other) && RulePortsMatch(rule, destination, protocol, port))
                    return true;
        }
        return !isolated;                                     // not isolated: everything is allowed
    }

    /// <summary>policyTypes as the API server defaults it: when unset or empty, [Ingress], plus Egress
    /// when the policy has at least one egress rule (len(spec.egress) != 0; `egress: []` does not count).</summary>
    public static IReadOnlyList<string> EffectivePolicyTypes(RefPolicy policy)
    {
        if (policy.PolicyTypes is { Count: > 0 } written) return written;
        return policy.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];
    }

    /// <summary>An empty or missing from/to matches every peer, inside or outside the cluster; otherwise
    /// any one listed peer must match.</summary>
    private static bool RulePeersMatch(RefCluster cluster, RefPolicy policy, RefRule rule, RefEndpoint other)
    {
        if (rule.Peers is null || rule.Peers.Count == 0) return true;
        foreach (var peer in rule.Peers)
            if (PeerMatches(cluster, policy, peer, other)) return true;
        return false;
    }

    private static bool PeerMatches(RefCluster cluster, RefPolicy policy, RefPeer peer, RefEndpoint other)
    {
        if (peer.IpBlock is { } block)
        {
            // ipBlock describes addresses outside the cluster (pod IPs are ephemeral; the docs leave a
            // pod's own IP in an ipBlock implementation-defined, and this evaluator does not match pods).
            if (other.Address is not { } address) return false;
            if (!InCidr(address, block.Cidr)) return false;
            foreach (var except in block.Except)
                if (InCidr(address, except)) return false;
            return true;
        }
        if (other.Pod is not { } pod) return false;           // selectors match pods only
        bool namespaceOk = peer.NamespaceSelector is { } nsSelector
            ? Matches(nsSelector, NamespaceLabels(cluster, pod.Namespace))   // namespaceSelector: matching namespaces
            : pod.Namespace == policy.Namespace;                              // podSelector alone: the policy's namespace
        bool podOk = peer.PodSelector is not { } podSelector || Matches(podSelector, pod.Labels);
        return namespaceOk && podOk;                          // both written: both must hold
    }

    /// <summary>An empty or missing ports list matches every port; otherwise any one entry must match.</summary>
    private static bool RulePortsMatch(RefRule rule, RefEndpoint destination, string protocol, int port)
    {
        if (rule.Ports is null || rule.Ports.Count == 0) return true;
        foreach (var p in rule.Ports)
            if (PortMatches(p, destination, protocol, port)) return true;
        return false;
    }

    private static bool PortMatches(RefPolicyPort p, RefEndpoint destination, string protocol, int port)
    {
        if ((p.Protocol ?? "TCP") != protocol) return false;  // protocol defaults to TCP
        if (p.Number is { } low) return port >= low && port <= (p.EndPort ?? low);
        if (p.Name is { } name)
        {
            // A named port is looked up on the destination pod's containers (for ingress and egress
            // alike): a containerPort with that name and the rule's protocol. No such port: no match.
            if (destination.Pod is not { } pod) return false;
            foreach (var cp in pod.Ports)
                if (cp.Name == name && (cp.Protocol ?? "TCP") == protocol && cp.Number == port) return true;
            return false;
        }
        return true;                                          // no port: every port of the protocol
    }

    /// <summary>The namespace's labels as the API server sees them: the written ones plus kubernetes.io/metadata.name.</summary>
    public static IReadOnlyDictionary<string, string> NamespaceLabels(RefCluster cluster, string name)
    {
        var labels = new Dictionary<string, string>();
        foreach (var ns in cluster.Namespaces)
            if (ns.Name == name)
                foreach (var (k, v) in ns.Labels) labels[k] = v;
        labels[NamespaceNameLabel] = name;
        return labels;
    }

    /// <summary>Label selector semantics: every matchLabels pair and every expression must hold.</summary>
    public static bool Matches(RefSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels)
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        foreach (var e in selector.MatchExpressions)
        {
            bool has = labels.TryGetValue(e.Key, out var actual);
            bool ok = e.Operator switch
            {
                "In" => has && e.Values.Contains(actual!),
                "NotIn" => !has || !e.Values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => throw new ArgumentException($"unknown operator {e.Operator}"),
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>Is the address inside "a.b.c.d/n" (or an IPv6 prefix)? Compares the first n bits by hand.</summary>
    public static bool InCidr(IPAddress address, string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var network = IPAddress.Parse(cidr[..slash]).GetAddressBytes();
        int prefix = int.Parse(cidr[(slash + 1)..], CultureInfo.InvariantCulture);
        var bytes = address.GetAddressBytes();
        if (bytes.Length != network.Length) return false;     // IPv4 and IPv6 never match each other
        for (int bit = 0; bit < prefix; bit++)
        {
            int mask = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
        }
        return true;
    }
}

/// <summary>Renders a <see cref="RefCluster"/> as Kubernetes manifests.</summary>
public static class RefYaml
{
    public static string Render(RefCluster cluster)
    {
        var sb = new StringBuilder();
        foreach (var ns in cluster.Namespaces.Where(n => n.Rendered))
        {
            sb.Append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ").Append(ns.Name).Append('\n');
            if (ns.Labels.Count > 0) sb.Append("  labels: ").Append(Map(ns.Labels)).Append('\n');
            sb.Append("---\n");
        }
        foreach (var pod in cluster.Pods) RenderPod(sb, pod);
        foreach (var policy in cluster.Policies) RenderPolicy(sb, policy);
        return sb.ToString();
    }

    private static void RenderPod(StringBuilder sb, RefPod pod)
    {
        string containers = string.Join("\n", pod.Containers.Select((ports, i) =>
        {
            var line = $"- name: c{i}\n  image: example:1";
            if (ports.Count > 0) line += "\n  ports:\n" + string.Join("\n", ports.Select(p => "  - " + ContainerPort(p)));
            return line;
        }));
        if (pod.Kind == "Pod")
        {
            sb.Append($"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {pod.Name}\n  namespace: {pod.Namespace}\n");
            if (pod.Labels.Count > 0) sb.Append($"  labels: {Map(pod.Labels)}\n");
            sb.Append("spec:\n  containers:\n").Append(Indent(containers, 4)).Append("\n---\n");
            return;
        }
        // Controllers need a non-empty selector that matches their template: a 'workload' label that
        // the generated policies never mention.
        var selector = new Dictionary<string, string> { ["workload"] = pod.Name };
        var labels = new Dictionary<string, string>(pod.Labels) { ["workload"] = pod.Name };
        sb.Append($"apiVersion: apps/v1\nkind: {pod.Kind}\nmetadata:\n  name: {pod.Name}\n  namespace: {pod.Namespace}\n");
        sb.Append($"spec:\n  selector:\n    matchLabels: {Map(selector)}\n  template:\n    metadata:\n      labels: {Map(labels)}\n");
        sb.Append("    spec:\n      containers:\n").Append(Indent(containers, 8)).Append("\n---\n");
    }

    private static string ContainerPort(RefContainerPort p)
    {
        var parts = new List<string> { $"containerPort: {p.Number}" };
        if (p.Name is not null) parts.Add($"name: {p.Name}");
        if (p.Protocol is not null) parts.Add($"protocol: {p.Protocol}");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static void RenderPolicy(StringBuilder sb, RefPolicy policy)
    {
        sb.Append($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {policy.Name}\n  namespace: {policy.Namespace}\nspec:\n");
        if (policy.PodSelector is { } ps) sb.Append($"  podSelector: {Selector(ps)}\n");
        if (policy.PolicyTypes is { } types) sb.Append($"  policyTypes: [{string.Join(", ", types)}]\n");
        RenderRules(sb, "ingress", "from", policy.Ingress);
        RenderRules(sb, "egress", "to", policy.Egress);
        sb.Append("---\n");
    }

    private static void RenderRules(StringBuilder sb, string key, string peersKey, IReadOnlyList<RefRule>? rules)
    {
        if (rules is null) return;
        if (rules.Count == 0)
        {
            sb.Append($"  {key}: []\n");
            return;
        }
        sb.Append($"  {key}:\n");
        foreach (var rule in rules)
        {
            var fields = new List<string>();
            if (rule.Peers is { } peers)
                fields.Add(peers.Count == 0 ? $"{peersKey}: []" : $"{peersKey}:\n" + string.Join("\n", peers.Select(p => "  - " + Peer(p))));
            if (rule.Ports is { } ports)
                fields.Add(ports.Count == 0 ? "ports: []" : "ports:\n" + string.Join("\n", ports.Select(p => "  - " + PolicyPort(p))));
            if (fields.Count == 0)
            {
                sb.Append("  - {}\n");
                continue;
            }
            sb.Append(Indent("- " + Indent(string.Join("\n", fields), 2)[2..], 2)).Append('\n');
        }
    }

    private static string Peer(RefPeer p)
    {
        var parts = new List<string>();
        if (p.PodSelector is { } ps) parts.Add($"podSelector: {Selector(ps)}");
        if (p.NamespaceSelector is { } nss) parts.Add($"namespaceSelector: {Selector(nss)}");
        if (p.IpBlock is { } b)
            parts.Add(b.Except.Count == 0 ? $"ipBlock: {{cidr: \"{b.Cidr}\"}}"
                : $"ipBlock: {{cidr: \"{b.Cidr}\", except: [{string.Join(", ", b.Except.Select(e => $"\"{e}\""))}]}}");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string PolicyPort(RefPolicyPort p)
    {
        var parts = new List<string>();
        if (p.Protocol is not null) parts.Add($"protocol: {p.Protocol}");
        if (p.Number is { } n) parts.Add($"port: {n}");
        if (p.Name is not null) parts.Add($"port: {p.Name}");
        if (p.EndPort is { } e) parts.Add($"endPort: {e}");
        return "{" + string.Join(", ", parts) + "}";
    }

    public static string Selector(RefSelector s)
    {
        var parts = new List<string>();
        if (s.MatchLabels.Count > 0) parts.Add($"matchLabels: {Map(s.MatchLabels)}");
        if (s.MatchExpressions.Count > 0)
            parts.Add("matchExpressions: [" + string.Join(", ", s.MatchExpressions.Select(e =>
                e.Values.Count == 0 ? $"{{key: {e.Key}, operator: {e.Operator}}}"
                    : $"{{key: {e.Key}, operator: {e.Operator}, values: [{string.Join(", ", e.Values.Select(Quote))}]}}")) + "]");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string Map(IReadOnlyDictionary<string, string> map) =>
        "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {Quote(kv.Value)}")) + "}";

    /// <summary>Label values are strings: quoted, since kubectl would type a plain `y` as a boolean.</summary>
    private static string Quote(string value) => $"\"{value}\"";

    private static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join("\n", text.Split('\n').Select(l => pad + l));
    }
}
