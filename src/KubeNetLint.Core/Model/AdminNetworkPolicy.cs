using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>Where a cluster-scoped policy sits in the evaluation order: before NetworkPolicies (Admin) or
/// after them (Baseline).</summary>
public enum AdminTier { Admin, Baseline }

/// <summary>A rule's action, with ClusterNetworkPolicy's Accept read as Allow (they mean the same).
/// Unknown means the API server would reject the value (KNL325); such a rule is never applied.</summary>
public enum AdminAction { Allow, Deny, Pass, Unknown }

public enum AdminPeerKind { Namespaces, Pods, Networks, Nodes, DomainNames, Unknown }

/// <summary>A subject or a peer: `namespaces` (a namespace selector: every pod there), `pods` (namespace
/// AND pod selectors; a ClusterNetworkPolicy may leave out the namespace selector: all namespaces),
/// `networks` (CIDRs), `nodes` (a node selector) or `domainNames`.</summary>
public sealed record AdminPeer(AdminPeerKind Kind, LabelSelector? NamespaceSelector, LabelSelector? PodSelector,
    IReadOnlyList<(string Cidr, ScalarNode Node)> Networks, IReadOnlyList<string> DomainNames, MappingNode Node)
{
    /// <summary>The field the peer was written as (namespaces, pods, networks, …), for messages.</summary>
    public string Field => Kind switch
    {
        AdminPeerKind.Namespaces => "namespaces",
        AdminPeerKind.Pods => "pods",
        AdminPeerKind.Networks => "networks",
        AdminPeerKind.Nodes => "nodes",
        AdminPeerKind.DomainNames => "domainNames",
        _ => "unknown",
    };
}

/// <summary>One port entry: a number or a range on one protocol, or a named container port (any protocol).
/// <see cref="High"/> equals <see cref="Low"/> for a single port.</summary>
public sealed record AdminPort(string Protocol, int? Low, int? High, string? NamedPort, MappingNode Node);

/// <summary>One ingress or egress rule of an admin policy. <see cref="Ports"/> null means every port.</summary>
public sealed record AdminRule(AdminAction Action, string ActionText, string? Name, IReadOnlyList<AdminPeer> Peers,
    IReadOnlyList<AdminPort>? Ports, MappingNode Node, SequenceNode? PeersNode, SequenceNode? PortsNode)
{
    public Node? ActionNode => Node["action"];
}

/// <summary>An AdminNetworkPolicy or BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) or a
/// ClusterNetworkPolicy (v1alpha2, tier Admin or Baseline): cluster-scoped, ordered by priority (lower
/// first), rules ordered within the policy. docs/semantics.md §7 has the evaluation order.</summary>
public sealed class AdminNetworkPolicy
{
    public const string AnpKind = "AdminNetworkPolicy";
    public const string BanpKind = "BaselineAdminNetworkPolicy";
    public const string CnpKind = "ClusterNetworkPolicy";
    public const string Group = "policy.networking.k8s.io";

    public required Resource Resource { get; init; }
    /// <summary>Null for a ClusterNetworkPolicy whose tier is missing or unknown (the API server rejects it).</summary>
    public required AdminTier? Tier { get; init; }
    /// <summary>Null when absent or not an integer (a BANP has none: it is alone in its tier).</summary>
    public int? Priority { get; init; }
    public ScalarNode? PriorityNode { get; init; }
    public ScalarNode? TierNode { get; init; }
    /// <summary>Null when the subject is missing or written as neither namespaces nor pods.</summary>
    public AdminPeer? Subject { get; init; }
    public Node? SubjectNode { get; init; }
    public required IReadOnlyList<AdminRule> IngressRules { get; init; }
    public required IReadOnlyList<AdminRule> EgressRules { get; init; }
    public SequenceNode? IngressNode { get; init; }
    public SequenceNode? EgressNode { get; init; }

    public string Kind => Resource.Kind;
    public string Name => Resource.Name;
    public bool IsClusterNetworkPolicy => Kind == CnpKind;
    public bool IsBanp => Kind == BanpKind;

    /// <summary>"AdminNetworkPolicy/name", as used in messages and explain.</summary>
    public override string ToString() => $"{Kind}/{Name}";
}
