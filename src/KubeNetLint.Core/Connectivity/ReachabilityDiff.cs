namespace KubeNetLint.Core.Connectivity;

public enum ChangeKind { Added, Removed, Changed }

/// <summary>One ordered pair whose allowed set differs between base and head (null = nothing allowed).</summary>
public sealed record ConnectionChange(string From, string To, ChangeKind Kind, ConnectionSet? Before, ConnectionSet? After);

/// <summary>What a change to the manifests does to connectivity: endpoints added and removed, and every
/// pair whose allowed connections were added, removed or changed. Both sides should be analysed with
/// the same external partition (<see cref="Analyze"/> does that) so their external cells compare.</summary>
public sealed class ReachabilityDiff
{
    /// <summary>The union of both sides' endpoints (head's definition where both have one).</summary>
    public required IReadOnlyList<Endpoint> Endpoints { get; init; }
    public required IReadOnlyList<string> EndpointsAdded { get; init; }
    public required IReadOnlyList<string> EndpointsRemoved { get; init; }
    public required IReadOnlyList<ConnectionChange> Changes { get; init; }

    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public bool IsEmpty => Changes.Count == 0 && EndpointsAdded.Count == 0 && EndpointsRemoved.Count == 0;

    /// <summary>Analyses both sides over one partition of the external addresses: every ipBlock (and admin
    /// policy `networks` CIDR) of either side cuts both, so an external cell means the same addresses before and after.</summary>
    public static (ConnectivityAnalysis Base, ConnectivityAnalysis Head) Analyze(Graph.ResourceGraph baseGraph, Graph.ResourceGraph headGraph)
    {
        // Blocks of invalid policies only add cuts; a finer partition never changes a verdict.
        var blocks = ConnectivityAnalysis.IpBlocksOf(baseGraph.Model.NetworkPolicies.Concat(headGraph.Model.NetworkPolicies))
            .Concat(ConnectivityAnalysis.NetworksOf(baseGraph.Model.AdminPolicies.Concat(headGraph.Model.AdminPolicies))).ToList();
        return (ConnectivityAnalysis.Build(baseGraph, blocks), ConnectivityAnalysis.Build(headGraph, blocks));
    }

    public static ReachabilityDiff Compare(ReachabilityMatrix before, ReachabilityMatrix after)
    {
        var beforeIds = before.Endpoints.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var afterIds = after.Endpoints.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var endpoints = after.Endpoints.Concat(before.Endpoints.Where(e => !afterIds.ContainsKey(e.Id)))
            .OrderBy(e => e, EndpointOrder.Instance).ToList();
        var order = endpoints.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        var old = before.Connections.ToDictionary(c => (c.From.Id, c.To.Id), c => c.Allowed);
        var changes = new List<ConnectionChange>();
        foreach (var c in after.Connections)
        {
            if (!old.Remove((c.From.Id, c.To.Id), out var was)) changes.Add(new(c.From.Id, c.To.Id, ChangeKind.Added, null, c.Allowed));
            else if (!was.Equals(c.Allowed)) changes.Add(new(c.From.Id, c.To.Id, ChangeKind.Changed, was, c.Allowed));
        }
        foreach (var ((from, to), was) in old) changes.Add(new(from, to, ChangeKind.Removed, was, null));
        changes.Sort((a, b) => order[a.From] != order[b.From] ? order[a.From].CompareTo(order[b.From]) : order[a.To].CompareTo(order[b.To]));

        return new ReachabilityDiff
        {
            Endpoints = endpoints,
            EndpointsAdded = endpoints.Where(e => !beforeIds.ContainsKey(e.Id)).Select(e => e.Id).ToList(),
            EndpointsRemoved = endpoints.Where(e => !afterIds.ContainsKey(e.Id)).Select(e => e.Id).ToList(),
            Changes = changes,
        };
    }
}

/// <summary>The order endpoints are listed in: workloads by id, the ingress controller, external cells by address.</summary>
public sealed class EndpointOrder : IComparer<Endpoint>
{
    public static readonly EndpointOrder Instance = new();

    public int Compare(Endpoint? x, Endpoint? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int byKind = x.Kind.CompareTo(y.Kind);
        if (byKind != 0) return byKind;
        var (a, b) = (x.Cell, y.Cell);
        // Stryker disable once Logical : of one kind, both endpoints are external cells or neither is, so && and || agree.
        if (a is not null && b is not null)
            return a.Family != b.Family ? a.Family.CompareTo(b.Family) : a.First.CompareTo(b.First);
        return string.CompareOrdinal(x.Id, y.Id);
    }
}
