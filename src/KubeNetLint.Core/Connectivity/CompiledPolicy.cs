using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>The ports of a rule. Numeric ports and whole-protocol entries are one set; named ports are
/// resolved on each destination, by name and protocol.</summary>
internal sealed class PortSpec
{
    public static readonly PortSpec Any = new(ConnectionSet.All, []);

    public ConnectionSet Numeric { get; }
    public IReadOnlyList<(string Name, string Protocol)> Named { get; }

    /// <summary>The ports of an admin policy rule: numbers and ranges per protocol; a named port means
    /// the container port of that name whatever its protocol.</summary>
    public static PortSpec From(IReadOnlyList<AdminPort>? ports)
    {
        if (ports is null) return Any;
        var numeric = new List<(string, PortRange)>();
        var named = new List<(string, string)>();
        foreach (var p in ports)
        {
            if (p.NamedPort is { } name) foreach (var protocol in Protocols.All) named.Add((name, protocol));
            // An inverted range needs no test here: ConnectionSet.Of drops it (validation rejects it before).
            else if (p.Low is not null && p.High is not null && Protocols.IsValid(p.Protocol)) numeric.Add((p.Protocol, new PortRange(p.Low.Value, p.High.Value)));
        }
        return new PortSpec(ConnectionSet.Of(numeric), named);
    }

    public PortSpec(ConnectionSet numeric, IReadOnlyList<(string Name, string Protocol)> named)
    {
        Numeric = numeric;
        Named = named;
    }

    public static PortSpec From(IReadOnlyList<PolicyPort>? ports)
    {
        if (ports is null) return Any;
        var numeric = new List<(string, PortRange)>();
        var named = new List<(string, string)>();
        foreach (var p in ports)
        {
            if (p.Port is null) numeric.Add((p.Protocol, new PortRange(ConnectionSet.MinPort, ConnectionSet.MaxPort)));
            else if (p.Port.Number is { } n) numeric.Add((p.Protocol, new PortRange(n, p.EndPort ?? n)));
            else named.Add((p.Port.Name!, p.Protocol));
        }
        return new PortSpec(ConnectionSet.Of(numeric), named);
    }

    private readonly Dictionary<int, ConnectionSet> _resolved = [];
    private readonly Lock _resolvedLock = new();

    /// <summary>What the rule allows to a destination: named ports count only where it declares them.
    /// Resolved once per destination class.</summary>
    public ConnectionSet For(EndpointClass destination)
    {
        if (Named.Count == 0) return Numeric;
        lock (_resolvedLock)
        {
            if (_resolved.TryGetValue(destination.Index, out var known)) return known;
            var result = Numeric;
            foreach (var (name, protocol) in Named)
                if (destination.ResolveNamedPort(name, protocol) is { } number)
                    result = result.Union(ConnectionSet.Port(protocol, number));
            return _resolved[destination.Index] = result;
        }
    }
}

/// <summary>What every compiled rule (NetworkPolicy or admin tier) has: its peers as a bitset over endpoint
/// classes and its ports.</summary>
internal interface ICompiledPeerRule
{
    Bitset Peers { get; }
    PortSpec Ports { get; }
}

/// <summary>An ingress or egress rule with its peers evaluated once, as a bitset over endpoint classes.</summary>
internal sealed class CompiledRule : ICompiledPeerRule
{
    public required CompiledPolicy Policy { get; init; }
    public required Direction Direction { get; init; }
    /// <summary>1-based position in the policy's ingress (egress) list.</summary>
    public required int Number { get; init; }
    public required PolicyRule Rule { get; init; }
    public required Bitset Peers { get; init; }
    public required PortSpec Ports { get; init; }
}

/// <summary>A NetworkPolicy with its pod selector and rules evaluated. Invalid policies (which the API
/// server would reject) are kept for explanations but never applied.</summary>
internal sealed class CompiledPolicy
{
    public required NetworkPolicy Policy { get; init; }
    public required IReadOnlyList<PolicyProblem> Problems { get; init; }
    public required Bitset Selected { get; init; }
    /// <summary>Compiled rules; empty for an invalid policy.</summary>
    public IReadOnlyList<CompiledRule> Ingress { get; set; } = [];
    public IReadOnlyList<CompiledRule> Egress { get; set; } = [];

    public bool IsValid => Problems.Count == 0;

    public bool Affects(Direction direction) => direction == Direction.Ingress ? Policy.AffectsIngress : Policy.AffectsEgress;
    public IReadOnlyList<CompiledRule> Rules(Direction direction) => direction == Direction.Ingress ? Ingress : Egress;
}

/// <summary>Endpoints that no policy can tell apart: same namespace, pod labels and ports (workloads), or
/// one external cell, or the ingress controller. The analysis works on classes, then expands to endpoints.</summary>
internal sealed class EndpointClass
{
    public required int Index { get; init; }
    public required EndpointKind Kind { get; init; }
    public string? Namespace { get; init; }
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoLabels;
    /// <summary>A workload of the class (they are interchangeable), for selectors and named ports.</summary>
    public Workload? Representative { get; init; }
    public List<Endpoint> Members { get; } = [];

    /// <summary>Null when no policy isolates the class for ingress (everything is allowed in).</summary>
    public List<CompiledRule>? IngressRules { get; set; }
    public List<CompiledRule>? EgressRules { get; set; }
    /// <summary>The union of the ports its ingress rules admit, once computed (see IngressAdmits).</summary>
    internal ConnectionSet? IngressAdmitted;
    public List<CompiledPolicy> IngressPolicies { get; } = [];
    public List<CompiledPolicy> EgressPolicies { get; } = [];

    /// <summary>The Admin tier rules whose policy's subject holds the class, in evaluation order
    /// (priority, then rule order); null when there are none.</summary>
    public List<CompiledAdminRule>? AdminIngress { get; set; }
    public List<CompiledAdminRule>? AdminEgress { get; set; }
    /// <summary>The Baseline tier rules whose policy's subject holds the class, in evaluation order.</summary>
    public List<CompiledAdminRule>? BaselineIngress { get; set; }
    public List<CompiledAdminRule>? BaselineEgress { get; set; }

    public List<CompiledAdminRule>? AdminFor(Direction d) => d == Direction.Ingress ? AdminIngress : AdminEgress;
    public List<CompiledAdminRule>? BaselineFor(Direction d) => d == Direction.Ingress ? BaselineIngress : BaselineEgress;

    private readonly Dictionary<(string, string), int?> _named = [];
    private readonly Lock _namedLock = new();

    public bool IsPod => Kind != EndpointKind.External;

    public List<CompiledRule>? RulesFor(Direction d) => d == Direction.Ingress ? IngressRules : EgressRules;
    public List<CompiledPolicy> PoliciesFor(Direction d) => d == Direction.Ingress ? IngressPolicies : EgressPolicies;

    public bool Matches(LabelSelector selector) => Kind switch
    {
        EndpointKind.Workload => Representative!.IsSelectedBy(selector),
        EndpointKind.IngressController or EndpointKind.Gateway => selector.Matches(Labels),
        _ => false,
    };

    /// <summary>The container port a named policy port means on these pods, or null when they do not declare it.</summary>
    public int? ResolveNamedPort(string name, string protocol)
    {
        if (Representative is null) return null;
        lock (_namedLock)
        {
            if (!_named.TryGetValue((name, protocol), out var number))
                _named[(name, protocol)] = number = Representative.Template.FindNamedPort(name, protocol)?.Number;
            return number;
        }
    }
}

/// <summary>A rule of an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy with its
/// peers evaluated once over the endpoint classes.</summary>
internal sealed class CompiledAdminRule : ICompiledPeerRule
{
    public required CompiledAdminPolicy Policy { get; init; }
    public required Direction Direction { get; init; }
    /// <summary>1-based position in the policy's ingress (egress) list.</summary>
    public required int Number { get; init; }
    public required AdminRule Rule { get; init; }
    public required Bitset Peers { get; init; }
    public required PortSpec Ports { get; init; }
    /// <summary>Peers no static analysis can match (nodes: no node is an endpoint; domainNames: resolved at
    /// run time). They count as matching nothing.</summary>
    public IReadOnlyList<AdminPeer> Undecidable { get; init; } = [];

    public AdminAction Action => Rule.Action;

    public override string ToString() => $"{Policy.Policy} {(Direction == Direction.Ingress ? "ingress" : "egress")} rule {Number}";
}

/// <summary>An admin-tier policy with its subject evaluated. Invalid policies (which the API server would
/// reject) are kept for explanations and KNL325 but never applied.</summary>
internal sealed class CompiledAdminPolicy
{
    public required AdminNetworkPolicy Policy { get; init; }
    public required IReadOnlyList<PolicyProblem> Problems { get; init; }
    public required Bitset Subjects { get; init; }
    public IReadOnlyList<CompiledAdminRule> Ingress { get; set; } = [];
    public IReadOnlyList<CompiledAdminRule> Egress { get; set; } = [];

    public bool IsValid => Problems.Count == 0;
    public IReadOnlyList<CompiledAdminRule> Rules(Direction direction) => direction == Direction.Ingress ? Ingress : Egress;
}
