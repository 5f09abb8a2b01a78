namespace KubeNetLint.Core.Connectivity;

/// <summary>One allowed connection: what may flow from one endpoint to another (never empty).</summary>
public readonly record struct Connection(Endpoint From, Endpoint To, ConnectionSet Allowed);

/// <summary>Every endpoint and every ordered pair with an allowed connection, sorted by endpoint order.
/// A pair that is absent allows nothing; an endpoint's pair with itself is never listed.</summary>
public sealed class ReachabilityMatrix
{
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

    /// <summary>Only the connections from or to one endpoint, and the endpoints they involve.</summary>
    public ReachabilityMatrix Focus(Endpoint endpoint)
    {
        var connections = Connections.Where(c => c.From == endpoint || c.To == endpoint).ToList();
        var involved = new HashSet<Endpoint>(connections.SelectMany(c => new[] { c.From, c.To })) { endpoint };
        return new ReachabilityMatrix(Endpoints.Where(involved.Contains).ToList(), connections);
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
        // Destinations are independent: two halves in parallel, each with its own caches, then joined in order.
        int n = Classes.Count;
        int parts = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var chunks = new List<(int Source, int Destination, ConnectionSet Set)>[parts];
        Parallel.For(0, parts, part => chunks[part] = PairsFor(part * n / parts, (part + 1) * n / parts));

        // Expand classes to endpoints, ordered by (from, to) endpoint index.
        var interned = new Dictionary<ConnectionSet, ConnectionSet>();
        var connections = new List<Connection>();
        foreach (var chunk in chunks)
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
        return new ReachabilityMatrix(Endpoints, sorted);
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
            candidates.Clear();
            ingressCache.Clear();
            if (ingressRules is not null)
            {
                // Only sources some ingress rule admits can connect.
                reach.Clear();
                foreach (var r in ingressRules) reach.Or(r.Peers);
                reach.AddOnesTo(candidates);
            }
            else for (int s = 0; s < n; s++) candidates.Add(s);
            foreach (var s in candidates)
            {
                if (destinationExternal && s >= _externalOffset) continue;
                var sc = Classes[s];
                if (s == d && sc.Members.Count < 2) continue;
                ConnectionSet set;
                var egressRules = sc.EgressRules;
                if (s == _standInController || gatewayDestination || IsGatewayStandIn(s) || (egressRules?.Count ?? 0) > 64 || (ingressRules?.Count ?? 0) > 64)
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

    /// <summary>The union of the port sets of the rules in the mask, resolved on the destination.</summary>
    private static ConnectionSet Union(List<CompiledRule> rules, ulong mask, EndpointClass destination)
    {
        var result = ConnectionSet.None;
        for (int i = 0; i < rules.Count; i++)
            if ((mask & (1UL << i)) != 0) result = result.Union(rules[i].Ports.For(destination));
        return result;
    }
}
