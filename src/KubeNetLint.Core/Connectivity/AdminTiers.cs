using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>What one direction's evaluation went through, tier by tier (for explain and matrix JSON).</summary>
internal sealed class TierTrace
{
    /// <summary>Each admin-tier rule whose subject holds the endpoint and whose peers match the other one
    /// (or that has peers no static analysis can match): the ports it matched, and those it decided
    /// (its match minus what higher rules had already decided).</summary>
    public List<(CompiledAdminRule Rule, ConnectionSet Matched, ConnectionSet Decided)> Admin { get; } = [];
    public List<(CompiledAdminRule Rule, ConnectionSet Matched, ConnectionSet Decided)> Baseline { get; } = [];
    public ConnectionSet AdminAllowed { get; set; } = ConnectionSet.None;
    public ConnectionSet AdminDenied { get; set; } = ConnectionSet.None;
    public ConnectionSet AdminPassed { get; set; } = ConnectionSet.None;
    /// <summary>The ports the Admin tier left to the NetworkPolicy tier (none: it was not reached).</summary>
    public ConnectionSet ReachedNetworkPolicies { get; set; } = ConnectionSet.None;
    public bool Isolated { get; set; }
    public ConnectionSet NetworkPolicyAllowed { get; set; } = ConnectionSet.None;
    public ConnectionSet ReachedBaseline { get; set; } = ConnectionSet.None;
    public ConnectionSet BaselineAllowed { get; set; } = ConnectionSet.None;
    public ConnectionSet BaselineDenied { get; set; } = ConnectionSet.None;
    public ConnectionSet BaselinePassed { get; set; } = ConnectionSet.None;
    public ConnectionSet DefaultAllowed { get; set; } = ConnectionSet.None;
}

public sealed partial class ConnectivityAnalysis
{
    /// <summary>The address sets of the `networks` peers of the given admin policies.</summary>
    public static IEnumerable<IpRangeSet> NetworksOf(IEnumerable<AdminNetworkPolicy> policies) => policies
        .SelectMany(p => p.EgressRules.Concat(p.IngressRules))
        .SelectMany(r => r.Peers)
        .SelectMany(peer => peer.Networks)
        .Select(n => Cidr.TryParse(n.Cidr, out var cidr, out _) ? IpRangeSet.Of(cidr) : null)
        .OfType<IpRangeSet>();

    private CompiledAdminPolicy CompileAdmin(AdminNetworkPolicy policy, IReadOnlyList<PolicyProblem> problems)
    {
        var subject = problems.Count == 0 ? policy.Subject : null;
        var subjects = subject is not null ? AdminPeerBits(subject) : new Bitset(Classes.Count);
        var compiled = new CompiledAdminPolicy { Policy = policy, Problems = problems, Subjects = subjects };
        if (problems.Count > 0) return compiled;
        compiled.Ingress = CompileAdminRules(compiled, policy.IngressRules, Direction.Ingress);
        compiled.Egress = CompileAdminRules(compiled, policy.EgressRules, Direction.Egress);
        return compiled;
    }

    private List<CompiledAdminRule> CompileAdminRules(CompiledAdminPolicy owner, IReadOnlyList<AdminRule> rules, Direction direction)
    {
        var result = new List<CompiledAdminRule>(rules.Count);
        for (int i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var peers = new Bitset(Classes.Count);
            foreach (var peer in rule.Peers) peers.Or(AdminPeerBits(peer));
            result.Add(new CompiledAdminRule
            {
                Policy = owner, Direction = direction, Number = i + 1, Rule = rule, Peers = peers, Ports = PortSpec.From(rule.Ports),
                Undecidable = rule.Peers.Where(p => p.Kind is AdminPeerKind.Nodes or AdminPeerKind.DomainNames).ToList(),
            });
        }
        return result;
    }

    /// <summary>The classes a subject or peer selects: pods of the matching namespaces (and pod selector),
    /// or the external cells of `networks`. Nodes and domain names select no endpoint.</summary>
    private Bitset AdminPeerBits(AdminPeer peer)
    {
        switch (peer.Kind)
        {
            case AdminPeerKind.Namespaces:
                return Selectors.InNamespaces(peer.NamespaceSelector ?? LabelSelector.Everything).Classes;
            case AdminPeerKind.Pods:
                return Selectors.PodsIn(peer.NamespaceSelector ?? LabelSelector.Everything, peer.PodSelector ?? LabelSelector.Everything);
            case AdminPeerKind.Networks:
            {
                var bits = new Bitset(Classes.Count);
                foreach (var (text, _) in peer.Networks)
                    if (Cidr.TryParse(text, out var cidr, out _))
                        foreach (var cell in Partition.CellsOf(IpRangeSet.Of(cidr))) bits.Set(_externalOffset + cell);
                return bits;
            }
            default:
                return new Bitset(Classes.Count);
        }
    }

    /// <summary>The applied admin policies of each tier (valid, and the last definition of each name) in evaluation order: the Admin tier by priority
    /// (lower first; equal priorities by kind and name, an order the spec leaves undefined and explain
    /// flags), the Baseline tier's ClusterNetworkPolicies by priority, then the BaselineAdminNetworkPolicy.</summary>
    internal IReadOnlyList<CompiledAdminPolicy> TierOrder(AdminTier tier) => AdminPolicies
        .Where(p => p.Policy.Tier == tier && IsApplied(p.Policy))
        .OrderBy(p => p.Policy.IsBanp ? 1 : 0)
        .ThenBy(p => p.Policy.Priority ?? 0)
        .ThenBy(p => p.Policy.Kind, StringComparer.Ordinal)
        .ThenBy(p => p.Policy.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>Hands each class the rules of the admin policies whose subject holds it, in tier order.
    /// Returns whether any class got one.</summary>
    private bool AttachAdminTiers()
    {
        bool any = false;
        foreach (var tier in new[] { AdminTier.Admin, AdminTier.Baseline })
            foreach (var cp in TierOrder(tier))
            {
                if (cp.Ingress.Count == 0 && cp.Egress.Count == 0) continue;
                foreach (var i in cp.Subjects.Ones())
                {
                    var c = Classes[i];
                    if (!c.IsPod) continue;
                    any = true;
                    if (tier == AdminTier.Admin)
                    {
                        if (cp.Ingress.Count > 0) (c.AdminIngress ??= []).AddRange(cp.Ingress);
                        if (cp.Egress.Count > 0) (c.AdminEgress ??= []).AddRange(cp.Egress);
                    }
                    else
                    {
                        if (cp.Ingress.Count > 0) (c.BaselineIngress ??= []).AddRange(cp.Ingress);
                        if (cp.Egress.Count > 0) (c.BaselineEgress ??= []).AddRange(cp.Egress);
                    }
                }
            }
        return any;
    }

    /// <summary>One direction of a pair, tier by tier (docs/semantics.md §7). <paramref name="subject"/> is
    /// the class whose policies speak (the source for egress, the destination for ingress), <paramref
    /// name="peer"/> the other one; ports resolve on the destination. Each tier only decides what the
    /// tiers above left undecided: Admin (Allow, Deny, or Pass to the next tier), then NetworkPolicies
    /// (which decide everything left for the pods they isolate), then Baseline, then the default allow.</summary>
    internal ConnectionSet Decide(Direction direction, int subject, int peer, TierTrace? trace)
    {
        var sc = Classes[subject];
        var destination = direction == Direction.Egress ? Classes[peer] : sc;
        var undecided = ConnectionSet.All;
        var allowed = ConnectionSet.None;
        if (sc.AdminFor(direction) is { } admin)
        {
            var passed = ConnectionSet.None;
            foreach (var rule in admin)
            {
                if (!rule.Peers[peer])
                {
                    if (trace is not null && rule.Undecidable.Count > 0) trace.Admin.Add((rule, ConnectionSet.None, ConnectionSet.None));
                    continue;
                }
                var matched = rule.Ports.For(destination);
                var decided = undecided.IsEmpty ? undecided : matched.Intersect(undecided);
                trace?.Admin.Add((rule, matched, decided));
                if (decided.IsEmpty) continue;
                undecided = undecided.Except(decided);
                switch (rule.Action)
                {
                    case AdminAction.Allow: allowed = allowed.Union(decided); break;
                    case AdminAction.Pass: passed = passed.Union(decided); break;
                }
                if (trace is not null)
                {
                    if (rule.Action == AdminAction.Allow) trace.AdminAllowed = trace.AdminAllowed.Union(decided);
                    else if (rule.Action == AdminAction.Deny) trace.AdminDenied = trace.AdminDenied.Union(decided);
                    else trace.AdminPassed = trace.AdminPassed.Union(decided);
                }
            }
            undecided = undecided.Union(passed);
        }
        if (trace is not null)
        {
            trace.ReachedNetworkPolicies = undecided;
            trace.Isolated = sc.RulesFor(direction) is not null;
        }
        if (undecided.IsEmpty) return allowed;
        if (sc.RulesFor(direction) is not null)
        {
            var byPolicies = direction == Direction.Egress ? EgressSet(subject, peer) : IngressSet(peer, subject);
            var granted = byPolicies.Intersect(undecided);
            if (trace is not null) trace.NetworkPolicyAllowed = granted;
            return allowed.Union(granted);
        }
        if (trace is not null) trace.ReachedBaseline = undecided;
        var fallThrough = ConnectionSet.None;
        if (sc.BaselineFor(direction) is { } baseline)
            foreach (var rule in baseline)
            {
                if (!rule.Peers[peer])
                {
                    if (trace is not null && rule.Undecidable.Count > 0) trace.Baseline.Add((rule, ConnectionSet.None, ConnectionSet.None));
                    continue;
                }
                var matched = rule.Ports.For(destination);
                var decided = undecided.IsEmpty ? undecided : matched.Intersect(undecided);
                trace?.Baseline.Add((rule, matched, decided));
                if (decided.IsEmpty) continue;
                undecided = undecided.Except(decided);
                switch (rule.Action)
                {
                    case AdminAction.Allow: allowed = allowed.Union(decided); break;
                    case AdminAction.Pass: fallThrough = fallThrough.Union(decided); break;
                }
                if (trace is not null)
                {
                    if (rule.Action == AdminAction.Allow) trace.BaselineAllowed = trace.BaselineAllowed.Union(decided);
                    else if (rule.Action == AdminAction.Deny) trace.BaselineDenied = trace.BaselineDenied.Union(decided);
                    else trace.BaselinePassed = trace.BaselinePassed.Union(decided);
                }
            }
        // Whatever no tier decided (and what a Baseline Pass let through) falls to the default: allowed.
        var defaulted = undecided.Union(fallThrough);
        if (trace is not null) trace.DefaultAllowed = defaulted;
        return allowed.Union(defaulted);
    }

    // ---- queries for rules and outputs -----------------------------------------------------------

    public IReadOnlyList<PolicyProblem> ProblemsOf(AdminNetworkPolicy policy) => _byAdminPolicy[policy].Problems;

    /// <summary>Whether the policy takes effect: the API server accepts it and it is the last definition of its name.</summary>
    public bool IsApplied(AdminNetworkPolicy policy) => _byAdminPolicy[policy].IsValid && !_superseded.Contains(policy.Resource);

    /// <summary>The pod endpoints an admin policy's subject selects (none when it is not applied).</summary>
    public IReadOnlyList<Endpoint> SubjectsOf(AdminNetworkPolicy policy) =>
        Members(_byAdminPolicy[policy].Subjects).Where(e => !e.IsExternal).ToList();

    internal CompiledAdminPolicy Compiled(AdminNetworkPolicy policy) => _byAdminPolicy[policy];
}
