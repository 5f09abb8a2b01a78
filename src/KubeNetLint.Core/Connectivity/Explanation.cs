using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

public enum RuleOutcome
{
    /// <summary>The rule's peers include the other endpoint and its ports give a non-empty set.</summary>
    Allows,
    /// <summary>The rule's peers do not include the other endpoint.</summary>
    PeersDoNotMatch,
    /// <summary>The peers match but the ports allow nothing to this destination (an unresolved named port).</summary>
    NoPortResolves,
}

/// <summary>What one ingress or egress rule says about the pair.</summary>
public sealed record RuleVerdict(NetworkPolicy Policy, PolicyRule Rule, Direction Direction, int Number, RuleOutcome Outcome, ConnectionSet Allowed, string Detail)
{
    public SourceLocation Location => Rule.Node.Location;
}

/// <summary>One policy that selects the endpoint for the direction: applied (with its rules) or ignored
/// because the API server would reject it.</summary>
public sealed record PolicyVerdict(NetworkPolicy Policy, bool Applied, string Detail, IReadOnlyList<RuleVerdict> Rules)
{
    public SourceLocation Location => Policy.Resource.Location;
}

/// <summary>One side of the pair: the source's egress or the destination's ingress.</summary>
public sealed record DirectionVerdict(Direction Direction, Endpoint Subject, bool Isolated, string Summary, IReadOnlyList<PolicyVerdict> Policies, ConnectionSet Allowed)
{
    /// <summary>When admin policies exist: the Admin, NetworkPolicy, Baseline and default tiers in order,
    /// each with what it decided; empty otherwise.</summary>
    public IReadOnlyList<TierVerdict> Tiers { get; init; } = [];
    /// <summary>Admin policies of equal priority that both match this side with different actions: the
    /// spec leaves their order undefined.</summary>
    public IReadOnlyList<string> Ambiguities { get; init; } = [];
}

/// <summary>What one admin-tier rule did for the pair. <see cref="Outcome"/> is allow, deny, pass,
/// shadowed (it matches, but higher rules decided those ports), skipped (a Pass above sent those ports to
/// the next tier) or undecidable (nodes or domainNames peers, which no static analysis can match).</summary>
public sealed record AdminRuleVerdict(AdminNetworkPolicy Policy, AdminRule Rule, Direction Direction, int Number, string Outcome,
    ConnectionSet Matched, ConnectionSet Decided, string Detail)
{
    public SourceLocation Location => Rule.Node.Location;
}

/// <summary>One tier of the evaluation: Admin, NetworkPolicy, Baseline or Default.</summary>
public sealed record TierVerdict(string Tier, bool Reached, string Summary, IReadOnlyList<AdminRuleVerdict> Rules);

/// <summary>Why a connection is allowed or denied: both sides with every policy and rule that isolates,
/// allows or fails to allow, and the result (egress ∩ ingress, and for the ingress controller stand-in
/// the ports its Ingresses route).</summary>
public sealed record Explanation(Endpoint From, Endpoint To, DirectionVerdict Egress, DirectionVerdict Ingress, ConnectionSet? Routed, string? Note, ConnectionSet Allowed)
{
    /// <summary>What the verdict cannot promise: for each host-network side, that policy behaviour there is
    /// undefined. The verdict itself is computed as for any pod.</summary>
    public IReadOnlyList<string> Caveats { get; init; } = [];

    public IEnumerable<RuleVerdict> AllowingRules(Direction direction) =>
        (direction == Direction.Egress ? Egress : Ingress).Policies.SelectMany(p => p.Rules).Where(r => r.Outcome == RuleOutcome.Allows);
}

public sealed partial class ConnectivityAnalysis
{
    public Explanation Explain(Endpoint from, Endpoint to)
    {
        var egress = Side(Direction.Egress, from, to);
        var ingress = Side(Direction.Ingress, to, from);
        ConnectionSet? routed = null;
        string? note = null;
        if (from.Class == _standInController)
        {
            routed = _controllerTargets.GetValueOrDefault(to.Class) ?? ConnectionSet.None;
            note = routed.IsEmpty
                ? $"the ingress controller only opens connections to Ingress backends, and no Ingress routes to {to.Id}"
                : $"the ingress controller opens connections to {to.Id} only on what its Ingresses route there: {routed}";
        }
        if (_gatewayTargets.TryGetValue(from.Class, out var gatewayRoutes))
        {
            routed = gatewayRoutes.GetValueOrDefault(to.Class) ?? ConnectionSet.None;
            note = routed.IsEmpty
                ? $"the Gateway only opens connections to the backends of its routes, and no route sends to {to.Id}"
                : $"the Gateway opens connections to {to.Id} only on what its routes send there: {routed}";
        }
        if (_gatewayListeners.TryGetValue(to.Class, out var listen))
            note = $"{to.Id} stands in for the Gateway's data-plane pods (not in the input); it accepts its listener ports: {listen}";
        if (to.Class == _standInController) note = "connections to the ingress controller stand-in are not analysed (its pods are not in the input)";
        else if (from.IsExternal && to.IsExternal) note = "traffic between external addresses does not pass the cluster's policies and is not analysed";
        else if (from == to) note = $"{from.Id} to itself: this is what its pods may send each other; the matrix does not list it";
        else if (from.Class == to.Class) note = $"{from.Id} and {to.Id} have the same namespace, labels and ports, so every policy treats them alike";
        var allowed = from == to ? PolicyAllowed(from.Class, to.Class) : Allowed(from.Class, to.Class);
        var caveats = (from == to ? [from] : new[] { from, to }).Where(e => e.HostNetwork).Select(e => e.HostNetworkCaveat).ToList();
        caveats.AddRange(PodIpsInIpBlocks(from, Direction.Egress, to));
        caveats.AddRange(PodIpsInIpBlocks(to, Direction.Ingress, from));
        return new Explanation(from, to, egress, ingress, routed, note, allowed) { Caveats = caveats };
    }

    /// <summary>Pod IPs of a dump that fall in an ipBlock of a policy deciding this side. The spec meant
    /// ipBlock for cluster-external addresses and leaves it to the implementation whether pod traffic is
    /// matched against it (pod IPs may be rewritten on the way); the analysis does not count them.</summary>
    private IEnumerable<string> PodIpsInIpBlocks(Endpoint subject, Direction direction, Endpoint other) =>
        IsolatingPolicies(subject, direction).SelectMany(policy => PodIpCaveats(policy, direction, other));

    /// <summary>The caveats of <see cref="PodIpsInIpBlocks"/> that one policy's rules of the direction
    /// give about the other endpoint's pod IPs (one per ipBlock peer that holds one of them), in rule order.
    /// Only the Pods of a cluster dump have IPs: manifests, external ranges and stand-ins give none.</summary>
    internal static IEnumerable<string> PodIpCaveats(NetworkPolicy policy, Direction direction, Endpoint other)
    {
        var ips = other.Workload?.PodIPs ?? [];
        // Stryker disable once Statement : a fast path: without pod IPs the loops below yield nothing, and no ipBlock needs parsing for each explanation.
        if (ips.Count == 0) yield break;
        foreach (var rule in direction == Direction.Ingress ? policy.IngressRules : policy.EgressRules)
            foreach (var peer in rule.Peers ?? [])
            {
                if (peer.IpBlock is not { Cidr: { } text } block) continue;
                if (!Cidr.TryParse(text, out var cidr, out _)) continue;
                foreach (var ip in ips)
                {
                    if (!Cidr.TryParseAddress(ip, out var family, out var address) || !cidr.Contains(family, address)) continue;
                    if (block.Except.Any(e => Cidr.TryParse(e.Cidr, out var ex, out _) && ex.Contains(family, address))) continue;
                    yield return $"pod IP {ip} of {other.Id} lies in ipBlock {text} of NetworkPolicy {policy.Resource.Id}; whether the network plugin " +
                                 "matches pod traffic against ipBlocks is implementation-defined (they are meant for addresses outside the cluster), " +
                                 "and this verdict does not count it";
                    break;
                }
            }
    }

    /// <summary>The policies whose podSelector selects the endpoint and that have the direction in
    /// policyTypes, valid or not, in input order: the policies one side of <see cref="Explain"/> lists.</summary>
    internal IEnumerable<CompiledPolicy> ExplainedPolicies(Endpoint subject, Direction direction) =>
        subject.IsExternal ? [] : (_selecting[subject.Class] ?? []).Where(cp => cp.Affects(direction));

    /// <summary>The class of the ingress controller stand-in, if there is one, and per destination class the
    /// ports its Ingresses route there.</summary>
    internal int? StandInControllerClass => _standInController;
    internal IReadOnlyDictionary<int, ConnectionSet> ControllerTargets => _controllerTargets;
    /// <summary>Per Gateway stand-in class: the ports its listeners accept, and per destination class what its routes send there.</summary>
    internal IReadOnlyDictionary<int, ConnectionSet> GatewayListeners => _gatewayListeners;
    internal IReadOnlyDictionary<int, Dictionary<int, ConnectionSet>> GatewayTargets => _gatewayTargets;

    private DirectionVerdict Side(Direction direction, Endpoint subject, Endpoint other)
    {
        string way = direction == Direction.Egress ? "egress" : "ingress";
        string toward = direction == Direction.Egress ? "to" : "from";
        if (subject.IsExternal)
            return new DirectionVerdict(direction, subject, false, $"external addresses have no NetworkPolicies: their {way} is not restricted", [], ConnectionSet.All);

        var cls = Classes[subject.Class];
        var verdicts = new List<PolicyVerdict>();
        foreach (var cp in ExplainedPolicies(subject, direction))
        {
            if (!cp.IsValid)
            {
                verdicts.Add(new PolicyVerdict(cp.Policy, false,
                    $"not applied: the API server rejects this policy (KNL304: {cp.Problems[0].Message})", []));
                continue;
            }
            var destination = direction == Direction.Egress ? other : subject;
            var rules = cp.Rules(direction).Select(r => RuleVerdictFor(r, other, destination)).ToList();
            var detail = rules.Count == 0
                ? $"isolates {subject.Id} for {way} and has no {way} rules: allows nothing by itself"
                : $"isolates {subject.Id} for {way}";
            verdicts.Add(new PolicyVerdict(cp.Policy, true, detail, rules));
        }

        bool isolated = cls.RulesFor(direction) is not null;
        var allowed = direction == Direction.Egress ? EgressSet(subject.Class, other.Class) : IngressSet(other.Class, subject.Class);
        string summary = isolated
            ? $"{subject.Id} is isolated for {way} by {Plural(cls.PoliciesFor(direction).Count, "policy")}; " +
              (allowed.IsEmpty ? $"no rule allows anything {toward} {other.Id}" : $"their rules allow {allowed} {toward} {other.Id}")
            : $"{subject.Id} is not isolated for {way} (no applied policy selecting it has {(direction == Direction.Egress ? "Egress" : "Ingress")} in policyTypes): everything is allowed";
        if (HasAdminTier) return TieredSide(direction, subject, other, summary, verdicts);
        return new DirectionVerdict(direction, subject, isolated, summary, verdicts, allowed);
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {(word.EndsWith('y') ? word[..^1] + "ies" : word + "s")}";

    /// <summary>One rule against the pair. Ports are resolved on the destination: the other endpoint for
    /// egress, the policy's own endpoint for ingress.</summary>
    private RuleVerdict RuleVerdictFor(CompiledRule rule, Endpoint other, Endpoint destination)
    {
        string toward = rule.Direction == Direction.Egress ? "to" : "from";
        if (!rule.Peers[other.Class])
            return new RuleVerdict(rule.Policy.Policy, rule.Rule, rule.Direction, rule.Number, RuleOutcome.PeersDoNotMatch, ConnectionSet.None,
                $"its peers do not include {other.Id}");
        var ports = rule.Ports.For(Classes[destination.Class]);
        if (ports.IsEmpty)
        {
            var names = string.Join(", ", rule.Ports.Named.Select(n => $"'{n.Name}' ({n.Protocol})"));
            return new RuleVerdict(rule.Policy.Policy, rule.Rule, rule.Direction, rule.Number, RuleOutcome.NoPortResolves, ports,
                $"its peers include {other.Id}, but {destination.Id} declares no container port named {names}, so it allows nothing there");
        }
        var peers = rule.Rule.Peers is null ? $"every {(rule.Direction == Direction.Egress ? "destination" : "source")}" : other.Id;
        return new RuleVerdict(rule.Policy.Policy, rule.Rule, rule.Direction, rule.Number, RuleOutcome.Allows, ports, $"allows {ports} {toward} {peers}");
    }
}
