using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>One allowed connection: what may flow from one endpoint to another (never empty).</summary>
public readonly record struct Connection(Endpoint From, Endpoint To, ConnectionSet Allowed);

/// <summary>Which tier (and admin policy rule) allowed some of a connection's ports on one side.
/// Tier is Admin, NetworkPolicy, Baseline or Default; Policy and Rule are set for Admin and Baseline.</summary>
public sealed record TierDecision(Direction Direction, string Tier, AdminNetworkPolicy? Policy, int? Rule, ConnectionSet Ports);

/// <summary>Every endpoint and every ordered pair with an allowed connection, sorted by endpoint order.
/// A pair that is absent allows nothing; an endpoint's pair with itself is never listed.</summary>
public sealed class ReachabilityMatrix
{
    /// <summary>Set only when admin policies exist: which tiers allowed a connection (computed on demand).</summary>
    public Func<Connection, IReadOnlyList<TierDecision>>? DecidedBy { get; init; }

    public IReadOnlyList<Endpoint> Endpoints { get; }
    public IReadOnlyList<Connection> Connections { get; }

    private Dictionary<(string, string), ConnectionSet>? _byIds;

    public ReachabilityMatrix(IReadOnlyList<Endpoint> endpoints, IReadOnlyList<Connection> connections)
    {
        Endpoints = endpoints;
        Connections = connections;
    }

    /// <summary>The allowed set between two endpoint ids (none when the pair is absent).</summary>
    public ConnectionSet Get(string from, string to)
    {
        _byIds ??= Connections.ToDictionary(c => (c.From.Id, c.To.Id), c => c.Allowed);
        return _byIds.TryGetValue((from, to), out var set) ? set : ConnectionSet.None;
    }

    /// <summary>Set by <see cref="WithDeclared"/> (`matrix --declared`): the declared dependencies between
    /// endpoints, allowed or not; null when not asked for.</summary>
    public IReadOnlyList<DeclaredConnection>? Declared { get; init; }

    private Dictionary<(int, int), ConnectionSet>? _declaredByPair;

    /// <summary>The matrix with the declared dependencies of the analysis attached.</summary>
    public ReachabilityMatrix WithDeclared(ConnectivityAnalysis analysis) =>
        new(Endpoints, Connections) { DecidedBy = DecidedBy, Declared = analysis.DeclaredConnections() };

    /// <summary>The declared ports of an allowed connection (empty when none is declared or not asked for).</summary>
    public ConnectionSet DeclaredOn(Connection c)
    {
        if (Declared is null) return ConnectionSet.None;
        _declaredByPair ??= Declared.Where(d => d.Allowed).GroupBy(d => (d.From.Index, d.To.Index))
            .ToDictionary(g => g.Key, g => ConnectionSet.Of(g.Select(d => (d.Protocol, new PortRange(d.Port, d.Port)))));
        return _declaredByPair.TryGetValue((c.From.Index, c.To.Index), out var set) ? set : ConnectionSet.None;
    }

    /// <summary>Declared dependencies the policies deny, one per address, caller, callee and port.</summary>
    public IEnumerable<DeclaredConnection> DeclaredDenied => (Declared ?? []).Where(d => !d.Allowed)
        .DistinctBy(d => (d.Dependency.Location, d.From.Index, d.To.Index, d.Protocol, d.Port));

    /// <summary>Only the connections from or to one endpoint, and the endpoints they involve.</summary>
    public ReachabilityMatrix Focus(Endpoint endpoint)
    {
        var connections = Connections.Where(c => c.From == endpoint || c.To == endpoint).ToList();
        var declared = Declared?.Where(d => d.From == endpoint || d.To == endpoint).ToList();
        var involved = new HashSet<Endpoint>(connections.SelectMany(c => new[] { c.From, c.To })) { endpoint };
        foreach (var d in declared ?? []) { involved.Add(d.From); involved.Add(d.To); }
        return new ReachabilityMatrix(Endpoints.Where(involved.Contains).ToList(), connections) { DecidedBy = DecidedBy, Declared = declared };
    }
}

public sealed partial class ConnectivityAnalysis
{
    /// <summary>Computes every allowed connection. Works on classes: for each destination class only the
    /// sources some ingress rule admits (all sources when it is not isolated) are tried, and a source
    /// whose egress rules cannot reach the destination is skipped before any port set is built. The
    /// port sets of a pair depend only on which rules match it, so they are computed once per rule
    /// combination (per destination for ingress, per source for egress) and reused.</summary>
    public ReachabilityMatrix ComputeMatrix()
    {
        // Expand classes to endpoints, ordered by (from, to) endpoint index.
        var interned = new Dictionary<ConnectionSet, ConnectionSet>();
        var connections = new List<Connection>();
        foreach (var chunk in ClassPairChunks())
            foreach (var (s, d, set) in chunk)
            {
                if (!interned.TryGetValue(set, out var shared)) interned[set] = shared = set;
                foreach (var from in Classes[s].Members)
                    foreach (var to in Classes[d].Members)
                        if (from != to) connections.Add(new Connection(from, to, shared));
            }
        var keys = new long[connections.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = ((long)connections[i].From.Index << 32) | (uint)connections[i].To.Index;
        var sorted = connections.ToArray();
        Array.Sort(keys, sorted);
        return new ReachabilityMatrix(Endpoints, sorted) { DecidedBy = HasAdminTier ? Deciders() : null };
    }

    private List<(int Source, int Destination, ConnectionSet Set)>[]? _classPairs;
    private readonly object _classPairsLock = new();

    /// <summary>Every allowed class pair, computed once per analysis and shared by the matrix and the path
    /// engine (<see cref="PathGraph"/>), so both read one verdict per pair. In destination order, in chunks.</summary>
    internal IReadOnlyList<List<(int Source, int Destination, ConnectionSet Set)>> ClassPairChunks()
    {
        lock (_classPairsLock)
        {
            if (_classPairs is not null) return _classPairs;
            // Destinations are independent: two halves in parallel, each with its own caches, then joined in order.
            int n = Classes.Count;
            int parts = Math.Clamp(Environment.ProcessorCount, 1, 8);
            var chunks = new List<(int Source, int Destination, ConnectionSet Set)>[parts];
            Parallel.For(0, parts, part => chunks[part] = HasAdminTier
                ? TieredPairsFor(part * n / parts, (part + 1) * n / parts)
                : PairsFor(part * n / parts, (part + 1) * n / parts));
            return _classPairs = chunks;
        }
    }

    /// <summary>Per connection, the tiers that allowed its ports on each side, cached per class pair.</summary>
    private Func<Connection, IReadOnlyList<TierDecision>> Deciders()
    {
        var cache = new System.Collections.Concurrent.ConcurrentDictionary<(int, int), IReadOnlyList<TierDecision>>();
        return c => cache.GetOrAdd((c.From.Class, c.To.Class), _ =>
        {
            var list = new List<TierDecision>();
            foreach (var direction in new[] { Direction.Egress, Direction.Ingress })
            {
                var (subject, peer) = direction == Direction.Egress ? (c.From.Class, c.To.Class) : (c.To.Class, c.From.Class);
                if (!Classes[subject].IsPod) continue;
                var trace = new TierTrace();
                Decide(direction, subject, peer, trace);
                foreach (var (rule, _, decided) in trace.Admin)
                    if (rule.Action == AdminAction.Allow && decided.Intersect(c.Allowed) is { IsEmpty: false } ports)
                        list.Add(new TierDecision(direction, "Admin", rule.Policy.Policy, rule.Number, ports));
                if (trace.NetworkPolicyAllowed.Intersect(c.Allowed) is { IsEmpty: false } np) list.Add(new TierDecision(direction, "NetworkPolicy", null, null, np));
                foreach (var (rule, _, decided) in trace.Baseline)
                    if (rule.Action == AdminAction.Allow && decided.Intersect(c.Allowed) is { IsEmpty: false } ports)
                        list.Add(new TierDecision(direction, "Baseline", rule.Policy.Policy, rule.Number, ports));
                if (trace.DefaultAllowed.Intersect(c.Allowed) is { IsEmpty: false } rest) list.Add(new TierDecision(direction, "Default", null, null, rest));
            }
            return list;
        });
    }

    /// <summary>The allowed class pairs whose destination class lies in [first, end).</summary>
    private List<(int Source, int Destination, ConnectionSet Set)> PairsFor(int first, int end)
    {
        int n = Classes.Count;
        var egressCache = new Dictionary<(int Source, ulong Rules, int NamedFor), ConnectionSet>();
        var ingressCache = new Dictionary<ulong, ConnectionSet>();
        var pairCache = new Dictionary<(ConnectionSet, ConnectionSet), ConnectionSet>();
        var pairs = new List<(int Source, int Destination, ConnectionSet Set)>();
        var candidates = new List<int>(n);
        var reach = new Bitset(n);
        for (int d = first; d < end; d++)
        {
            if (d == _standInController) continue;
            var dc = Classes[d];
            bool destinationExternal = d >= _externalOffset;
            bool gatewayDestination = IsGatewayStandIn(d);
            var ingressRules = dc.IngressRules;
            ingressCache.Clear();
            CandidateSources(dc, admin: false, reach, candidates);
            foreach (var s in candidates)
            {
                if (destinationExternal && s >= _externalOffset) continue;
                var sc = Classes[s];
                if (s == d && sc.Members.Count < 2) continue;
                ConnectionSet set;
                var egressRules = sc.EgressRules;
                // More rules than a mask has bits take the pairwise path.
                // Stryker disable once Equality : at exactly 64 rules either path gives the same sets (the threshold is speed, not semantics).
                bool wide = (egressRules?.Count ?? 0) > 64 || (ingressRules?.Count ?? 0) > 64;
                if (s == _standInController || gatewayDestination || IsGatewayStandIn(s) || wide)
                    set = Allowed(s, d);
                else
                {
                    var egress = ConnectionSet.All;
                    if (egressRules is not null)
                    {
                        ulong mask = 0;
                        bool named = false;
                        for (int i = 0; i < egressRules.Count; i++)
                            if (egressRules[i].Peers[d])
                            {
                                mask |= 1UL << i;
                                // Stryker disable once Equality : named only narrows the cache key to this destination; a narrower key gives the same set, computed more often.
                                named |= egressRules[i].Ports.Named.Count > 0;
                            }
                        if (mask == 0) continue;
                        var key = (s, mask, named ? d : -1);
                        if (!egressCache.TryGetValue(key, out egress!)) egressCache[key] = egress = Union(egressRules, mask, dc);
                    }
                    var ingress = ConnectionSet.All;
                    if (ingressRules is not null)
                    {
                        ulong mask = 0;
                        for (int i = 0; i < ingressRules.Count; i++)
                            if (ingressRules[i].Peers[s]) mask |= 1UL << i;
                        if (!ingressCache.TryGetValue(mask, out ingress!)) ingressCache[mask] = ingress = Union(ingressRules, mask, dc);
                    }
                    if (!pairCache.TryGetValue((egress, ingress), out set!)) pairCache[(egress, ingress)] = set = egress.Intersect(ingress);
                }
                if (!set.IsEmpty) pairs.Add((s, d, set));
            }
        }
        return pairs;
    }

    /// <summary>The classes that may connect to <paramref name="destination"/>, into <paramref name="candidates"/>:
    /// when it is isolated for ingress, only those some ingress rule admits (with <paramref name="admin"/>, an
    /// Admin Allow rule too); otherwise every class. <paramref name="reach"/> is scratch space.</summary>
    private void CandidateSources(EndpointClass destination, bool admin, Bitset reach, List<int> candidates)
    {
        candidates.Clear();
        if (destination.IngressRules is not { } rules)
        {
            for (int s = 0; s < Classes.Count; s++) candidates.Add(s);
            return;
        }
        reach.Clear();
        foreach (var r in rules) reach.Or(r.Peers);
        if (admin)
            foreach (var r in destination.AdminIngress ?? []) if (r.Action == AdminAction.Allow) reach.Or(r.Peers);
        reach.AddOnesTo(candidates);
    }

    /// <summary>The allowed class pairs whose destination class lies in [first, end), tier by tier: as
    /// <see cref="PairsFor"/>, but a side's set depends on which admin, NetworkPolicy and baseline rules
    /// match the pair, so it is cached per combination of those three masks.</summary>
    private List<(int Source, int Destination, ConnectionSet Set)> TieredPairsFor(int first, int end)
    {
        int n = Classes.Count;
        var egressCache = new Dictionary<(int Source, ulong Admin, ulong Policies, ulong Baseline, int NamedFor), ConnectionSet>();
        var ingressCache = new Dictionary<(ulong Admin, ulong Policies, ulong Baseline), ConnectionSet>();
        var pairs = new List<(int Source, int Destination, ConnectionSet Set)>();
        var candidates = new List<int>(n);
        var reach = new Bitset(n);
        for (int d = first; d < end; d++)
        {
            if (d == _standInController) continue;
            var dc = Classes[d];
            bool destinationExternal = d >= _externalOffset;
            bool gatewayDestination = IsGatewayStandIn(d);
            ingressCache.Clear();
            CandidateSources(dc, admin: true, reach, candidates);
            foreach (var s in candidates)
            {
                if (destinationExternal && s >= _externalOffset) continue;
                var sc = Classes[s];
                if (s == d && sc.Members.Count < 2) continue;
                ConnectionSet set;
                // The stand-ins (the ingress controller's, a Gateway's) open only what they route, and a
                // Gateway stand-in accepts only its listener ports: Allowed applies that, as in PairsFor.
                if (s == _standInController || gatewayDestination || IsGatewayStandIn(s)) set = Allowed(s, d);
                else
                {
                    var egress = ConnectionSet.All;
                    if (sc.AdminEgress is not null || sc.EgressRules is not null || sc.BaselineEgress is not null)
                    {
                        bool named = false, wide = false;
                        var a = MaskOf(sc.AdminEgress, d, ref named, ref wide);
                        var p = MaskOf(sc.EgressRules, d, ref named, ref wide);
                        var b = MaskOf(sc.BaselineEgress, d, ref named, ref wide);
                        if (wide) egress = Decide(Direction.Egress, s, d, null);
                        else
                        {
                            var key = (s, a, p, b, named ? d : -1);
                            if (!egressCache.TryGetValue(key, out egress!)) egressCache[key] = egress = Decide(Direction.Egress, s, d, null);
                        }
                        if (egress.IsEmpty) continue;
                    }
                    var ingress = ConnectionSet.All;
                    if (dc.AdminIngress is not null || dc.IngressRules is not null || dc.BaselineIngress is not null)
                    {
                        bool named = false, wide = false;
                        var a = MaskOf(dc.AdminIngress, s, ref named, ref wide);
                        var p = MaskOf(dc.IngressRules, s, ref named, ref wide);
                        var b = MaskOf(dc.BaselineIngress, s, ref named, ref wide);
                        if (wide) ingress = Decide(Direction.Ingress, d, s, null);
                        else if (!ingressCache.TryGetValue((a, p, b), out ingress!)) ingressCache[(a, p, b)] = ingress = Decide(Direction.Ingress, d, s, null);
                    }
                    set = ReferenceEquals(ingress, ConnectionSet.All) ? egress : egress.Intersect(ingress);
                }
                if (!set.IsEmpty) pairs.Add((s, d, set));
            }
        }
        return pairs;
    }

    /// <summary>Which rules of a list match the other class, as a mask; <paramref name="wide"/> when the
    /// list is too long for one, <paramref name="named"/> when a matching rule has named ports.</summary>
    private static ulong MaskOf<TRule>(List<TRule>? rules, int other, ref bool named, ref bool wide) where TRule : ICompiledPeerRule
    {
        if (rules is null) return 0;
        // Stryker disable once Equality : at exactly 64 rules either path gives the same sets (the threshold is speed, not semantics).
        if (rules.Count > 64) { wide = true; return 0; }
        ulong mask = 0;
        for (int i = 0; i < rules.Count; i++)
            if (rules[i].Peers[other])
            {
                mask |= 1UL << i;
                // Stryker disable once Equality : named only narrows the cache key to this destination; a narrower key gives the same set, computed more often.
                named |= rules[i].Ports.Named.Count > 0;
            }
        return mask;
    }

    /// <summary>The union of the port sets of the rules in the mask, resolved on the destination.</summary>
    private static ConnectionSet Union(List<CompiledRule> rules, ulong mask, EndpointClass destination)
    {
        var result = ConnectionSet.None;
        for (int i = 0; i < rules.Count; i++)
            if ((mask & (1UL << i)) != 0) result = result.Union(rules[i].Ports.For(destination));
        return result;
    }
}
