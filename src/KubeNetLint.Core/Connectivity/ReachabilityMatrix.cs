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
    /// whose egress rules cannot reach the destination is skipped before any port set is built.</summary>
    public ReachabilityMatrix ComputeMatrix()
    {
        int n = Classes.Count;
        var interned = new Dictionary<ConnectionSet, ConnectionSet>();
        var pairs = new List<(int Source, int Destination, ConnectionSet Set)>();
        var candidates = new List<int>(n);
        var reach = new Bitset(n);
        for (int d = 0; d < n; d++)
        {
            if (d == _standInController) continue;
            var dc = Classes[d];
            bool destinationExternal = d >= _externalOffset;
            candidates.Clear();
            if (dc.IngressRules is { } rules)
            {
                // Only sources some ingress rule admits can connect.
                reach.Clear();
                foreach (var r in rules) reach.Or(r.Peers);
                reach.AddOnesTo(candidates);
            }
            else for (int s = 0; s < n; s++) candidates.Add(s);
            foreach (var s in candidates)
            {
                if (destinationExternal && s >= _externalOffset) continue;
                var sc = Classes[s];
                if (s == d && sc.Members.Count < 2) continue;
                if (sc.EgressRules is { } egress && !Reaches(egress, d)) continue;
                var set = Allowed(s, d);
                if (set.IsEmpty) continue;
                if (!interned.TryGetValue(set, out var shared)) interned[set] = shared = set;
                pairs.Add((s, d, shared));
            }
        }

        var connections = new List<Connection>(pairs.Count);
        foreach (var (s, d, set) in pairs)
            foreach (var from in Classes[s].Members)
                foreach (var to in Classes[d].Members)
                    if (from != to) connections.Add(new Connection(from, to, set));
        connections.Sort(static (a, b) => a.From.Index != b.From.Index ? a.From.Index.CompareTo(b.From.Index) : a.To.Index.CompareTo(b.To.Index));
        return new ReachabilityMatrix(Endpoints, connections);
    }

    private static bool Reaches(List<CompiledRule> rules, int destination)
    {
        foreach (var r in rules)
            if (r.Peers[destination]) return true;
        return false;
    }
}
