using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>One kind of peer a rule admits, in general terms: not the endpoints of the input, but what
/// the selectors say, so "any pod in namespaces with team=platform" also covers namespaces the input
/// does not hold.</summary>
public sealed record ExposurePeer(
    ExposurePeerKind Kind, string? Namespace = null, string? NamespaceSelector = null, string? PodSelector = null,
    string? Cidr = null, IReadOnlyList<string>? Except = null)
{
    public string Describe() => Kind switch
    {
        ExposurePeerKind.Anyone => "anyone (every pod of the cluster and every address)",
        ExposurePeerKind.WholeCluster => "every pod in every namespace",
        ExposurePeerKind.Namespaces => $"every pod in namespaces with {NamespaceSelector}",
        ExposurePeerKind.PodsInNamespaces => NamespaceSelector == "{}"
            ? $"pods with {PodSelector} in every namespace"
            : $"pods with {PodSelector} in namespaces with {NamespaceSelector}",
        ExposurePeerKind.PodsInNamespace => PodSelector == "{}" ? $"every pod in namespace {Namespace}" : $"pods with {PodSelector} in namespace {Namespace}",
        _ => Except is { Count: > 0 } ? $"addresses in {Cidr} except {string.Join(", ", Except)}" : $"addresses in {Cidr}",
    };
}

public enum ExposurePeerKind { Anyone, WholeCluster, Namespaces, PodsInNamespaces, PodsInNamespace, Addresses }

/// <summary>A peer and the ports it may use (for ingress, named ports resolved on the workload itself; for
/// egress, named ports stay names: the destination resolves them).</summary>
public sealed record ExposureEntry(ExposurePeer Peer, ConnectionSet Ports, IReadOnlyList<string> NamedPorts);

/// <summary>Who may reach a workload in one direction, in general terms, and the exact union of what the
/// internet (every external range) may open to it or it to the internet.</summary>
public sealed record DirectionExposure(Direction Direction, bool Isolated, IReadOnlyList<string> Policies, IReadOnlyList<ExposureEntry> Entries, ConnectionSet Internet);

public sealed record WorkloadExposure(Endpoint Endpoint, DirectionExposure Ingress, DirectionExposure Egress);

/// <summary>`matrix --exposure`: for each workload, which kinds of peers its policies admit, read off the
/// rules of the policies that isolate it (an isolated side with no rule admits nothing; a side no policy
/// isolates admits anyone on every port).</summary>
public static class Exposure
{
    public static IReadOnlyList<WorkloadExposure> Compute(ConnectivityAnalysis analysis)
    {
        var externals = analysis.Endpoints.Where(e => e.IsExternal).ToList();
        return analysis.Endpoints.Where(e => e.Kind == EndpointKind.Workload)
            .Select(e => new WorkloadExposure(e, Side(analysis, e, Direction.Ingress, externals), Side(analysis, e, Direction.Egress, externals)))
            .ToList();
    }

    private static DirectionExposure Side(ConnectivityAnalysis analysis, Endpoint endpoint, Direction direction, List<Endpoint> externals)
    {
        var internet = ConnectionSet.None;
        foreach (var x in externals)
            internet = internet.Union(direction == Direction.Ingress ? analysis.Allowed(x, endpoint) : analysis.Allowed(endpoint, x));
        if (!analysis.IsIsolated(endpoint, direction))
            return new DirectionExposure(direction, false, [], [new ExposureEntry(new ExposurePeer(ExposurePeerKind.Anyone), ConnectionSet.All, [])], internet);

        var policies = analysis.IsolatingPolicies(endpoint, direction);
        // Entries with the same peer are merged (their ports united), in the order first seen.
        var merged = new Dictionary<string, (ExposurePeer Peer, ConnectionSet Ports, SortedSet<string> Named)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var policy in policies)
        {
            var rules = direction == Direction.Ingress ? policy.IngressRules : policy.EgressRules;
            foreach (var rule in rules)
            {
                var (ports, named) = Ports(rule, endpoint, direction);
                if (ports.IsEmpty && named.Count == 0) continue;
                foreach (var peer in Peers(rule, policy.Namespace))
                {
                    var key = peer.Describe();
                    if (!merged.TryGetValue(key, out var known)) { order.Add(key); known = (peer, ConnectionSet.None, new SortedSet<string>(StringComparer.Ordinal)); }
                    known.Named.UnionWith(named);
                    merged[key] = (peer, known.Ports.Union(ports), known.Named);
                }
            }
        }
        var entries = order.Select(k => new ExposureEntry(merged[k].Peer, merged[k].Ports, [.. merged[k].Named])).ToList();
        return new DirectionExposure(direction, true, policies.Select(p => p.Resource.Id).ToList(), entries, internet);
    }

    private static IEnumerable<ExposurePeer> Peers(PolicyRule rule, string policyNamespace)
    {
        if (rule.Peers is null)
        {
            yield return new ExposurePeer(ExposurePeerKind.Anyone);
            yield break;
        }
        foreach (var peer in rule.Peers)
        {
            if (peer.IpBlock is { } block)
            {
                yield return new ExposurePeer(ExposurePeerKind.Addresses, Cidr: block.Cidr, Except: [.. block.Except.Select(e => e.Cidr)]);
                continue;
            }
            var pods = peer.PodSelector?.ToString() ?? "{}";
            if (peer.NamespaceSelector is { } nss)
            {
                var namespaces = nss.ToString();
                yield return (namespaces, pods) switch
                {
                    ("{}", "{}") => new ExposurePeer(ExposurePeerKind.WholeCluster),
                    (_, "{}") => new ExposurePeer(ExposurePeerKind.Namespaces, NamespaceSelector: namespaces),
                    _ => new ExposurePeer(ExposurePeerKind.PodsInNamespaces, NamespaceSelector: namespaces, PodSelector: pods),
                };
            }
            else if (peer.PodSelector is not null)
                yield return new ExposurePeer(ExposurePeerKind.PodsInNamespace, Namespace: policyNamespace, PodSelector: pods);
        }
    }

    /// <summary>A rule's ports as the engine reads them (<see cref="PortSpec"/>); named ports resolved on the
    /// workload for ingress, kept as names for egress (each destination resolves them).</summary>
    private static (ConnectionSet Ports, List<string> Named) Ports(PolicyRule rule, Endpoint endpoint, Direction direction)
    {
        var spec = PortSpec.From(rule.Ports);
        var set = spec.Numeric;
        var named = new List<string>();
        foreach (var (name, protocol) in spec.Named)
        {
            if (direction == Direction.Egress) named.Add($"{protocol} '{name}'");
            else if (endpoint.Workload?.Template.FindNamedPort(name, protocol)?.Number is { } number)
                set = set.Union(ConnectionSet.Port(protocol, number));
        }
        return (set, named);
    }
}
