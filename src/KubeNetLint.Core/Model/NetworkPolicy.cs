using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

public sealed record IpBlock(string? Cidr, ScalarNode? CidrNode, IReadOnlyList<(string Cidr, ScalarNode Node)> Except, MappingNode Node);

/// <summary>One element of `from`/`to`. Both selectors set = AND; neither and no ipBlock = invalid.</summary>
public sealed record PolicyPeer(LabelSelector? PodSelector, LabelSelector? NamespaceSelector, IpBlock? IpBlock, MappingNode Node);

/// <summary>One entry of `ports`: protocol (default TCP), port (number, name or null = all) and endPort.</summary>
public sealed record PolicyPort(string Protocol, PortRef? Port, int? EndPort, MappingNode Node)
{
    public ScalarNode? ProtocolNode => Node["protocol"] as ScalarNode;
    public ScalarNode? EndPortNode => Node["endPort"] as ScalarNode;
}

/// <summary>An ingress or egress rule. Null <see cref="Peers"/> means the rule has no from/to (or an
/// empty one): every peer. Null <see cref="Ports"/> means all ports.</summary>
public sealed record PolicyRule(IReadOnlyList<PolicyPeer>? Peers, IReadOnlyList<PolicyPort>? Ports, MappingNode Node, SequenceNode? PeersNode, SequenceNode? PortsNode);

public sealed class NetworkPolicy
{
    public required Resource Resource { get; init; }
    public required LabelSelector PodSelector { get; init; }
    public Node? PodSelectorNode { get; init; }
    /// <summary>After defaulting: Ingress always unless given, Egress when egress rules exist.</summary>
    public required bool AffectsIngress { get; init; }
    public required bool AffectsEgress { get; init; }
    public bool PolicyTypesWritten { get; init; }
    public SequenceNode? PolicyTypesNode { get; init; }
    public required IReadOnlyList<PolicyRule> IngressRules { get; init; }
    public required IReadOnlyList<PolicyRule> EgressRules { get; init; }
    public SequenceNode? IngressNode { get; init; }
    public SequenceNode? EgressNode { get; init; }

    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
    public override string ToString() => Resource.Id;
}
