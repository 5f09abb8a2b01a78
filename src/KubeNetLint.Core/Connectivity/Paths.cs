using System.Globalization;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using QuikGraph;
using QuikGraph.Algorithms.Search;

namespace KubeNetLint.Core.Connectivity;

public enum PathNodeKind { External, Endpoint, Ingress, Gateway }

/// <summary>A vertex of the path graph: the internet (every external address range as one), a workload
/// endpoint, or a frontend where requests from the internet enter (an Ingress, a Gateway).</summary>
public sealed class PathNode(int index, PathNodeKind kind, string id, Endpoint? endpoint, Resource? resource)
{
    /// <summary>The node's position in <see cref="PathGraph.Nodes"/>; nodes compare by reference.</summary>
    public int Index { get; } = index;
    public PathNodeKind Kind { get; } = kind;
    public string Id { get; } = id;
    public Endpoint? Endpoint { get; } = endpoint;
    public Resource? Resource { get; } = resource;
    /// <summary>Where the node's object is written: the workload, Ingress or Gateway (none for the internet).</summary>
    public SourceLocation? Location => Resource?.Location;
    public override string ToString() => Id;
}

/// <summary>The path graph as QuikGraph sees it: its nodes, and out-edges made by a function on demand.
/// (QuikGraph's delegate graphs check membership by scanning the vertex list, once per visited vertex;
/// here a node is a member by its index, in constant time.)</summary>
internal sealed class PathGraphView<TEdge>(IReadOnlyList<PathNode> nodes, Func<PathNode, IEnumerable<TEdge>> outEdges) : IVertexListGraph<PathNode, TEdge>
    where TEdge : IEdge<PathNode>
{
    public bool IsDirected => true;
    public bool AllowParallelEdges => true;
    public bool ContainsVertex(PathNode vertex) => vertex.Index < nodes.Count && ReferenceEquals(nodes[vertex.Index], vertex);
    public bool IsVerticesEmpty => nodes.Count == 0;
    public int VertexCount => nodes.Count;
    public IEnumerable<PathNode> Vertices => nodes;
    public IEnumerable<TEdge> OutEdges(PathNode vertex) => outEdges(vertex);
    public bool TryGetOutEdges(PathNode vertex, out IEnumerable<TEdge> edges)
    {
        edges = ContainsVertex(vertex) ? outEdges(vertex) : [];
        return ContainsVertex(vertex);
    }
    public bool IsOutEdgesEmpty(PathNode vertex) => !outEdges(vertex).Any();
    public int OutDegree(PathNode vertex) => outEdges(vertex).Count();
    public TEdge OutEdge(PathNode vertex, int index) => outEdges(vertex).ElementAt(index);
    public bool ContainsEdge(PathNode source, PathNode target) => outEdges(source).Any(e => e.Target == target);
    public bool TryGetEdge(PathNode source, PathNode target, out TEdge edge)
    {
        edge = outEdges(source).FirstOrDefault(e => e.Target == target)!;
        return edge is not null;
    }
    public bool TryGetEdges(PathNode source, PathNode target, out IEnumerable<TEdge> edges)
    {
        edges = outEdges(source).Where(e => e.Target == target).ToList();
        return true;
    }
}

public enum HopKind
{
    /// <summary>The policies allow the source to open connections to the destination.</summary>
    Connection,
    /// <summary>From the internet into an Ingress (its controller) or a Gateway (its listeners).</summary>
    Entry,
    /// <summary>From a frontend along the route table to a backend workload.</summary>
    Route,
}

/// <summary>One route that carries a Route hop: where it matches, the Service port it names and the
/// container port it lands on.</summary>
public sealed record RouteVia(string Frontend, string Host, string Match, string Service, string ServicePort, string Protocol, int ContainerPort, SourceLocation Location)
{
    /// <summary>A RequestMirror backend: the data plane sends it copies of the requests.</summary>
    public bool Mirror { get; init; }

    public string Describe() => $"{Frontend} {Host} {Match} → {(Mirror ? "RequestMirror to " : "")}Service {Service}:{ServicePort}";
}

/// <summary>A Service that carries a Connection hop: it selects the destination and one of its ports lands
/// on a container port the connection allows.</summary>
public sealed record ServiceVia(Service Service, ServicePort Port, int ContainerPort)
{
    public string Describe() =>
        $"Service {Service.Namespace}/{Service.Name}:{Port.Port?.ToString(CultureInfo.InvariantCulture) ?? Port.Name}";
}

/// <summary>An edge of the path graph. <see cref="Ports"/> is what may flow on this hop.</summary>
public sealed class PathHop(PathNode source, PathNode target, HopKind kind, ConnectionSet ports) : IEdge<PathNode>
{
    public PathNode Source { get; } = source;
    public PathNode Target { get; } = target;
    public HopKind Kind { get; } = kind;
    public ConnectionSet Ports { get; } = ports;
    /// <summary>For a Route hop: the routes that carry it (one or more).</summary>
    public IReadOnlyList<RouteVia> Routes { get; init; } = [];
    /// <summary>For a Route hop: the pods that open the connection (the ingress controller, the Gateway's
    /// data plane); empty when they are outside the cluster.</summary>
    public IReadOnlyList<Endpoint> Openers { get; init; } = [];
    /// <summary>For a Hop from or to the internet: the external ranges involved.</summary>
    public IReadOnlyList<Endpoint> Cells { get; init; } = [];
    /// <summary>For an Entry hop: why the frontend takes requests from the internet.</summary>
    public string? Note { get; init; }

    public bool Covers(PortQuery? port) => port is null ? !Ports.IsEmpty : Ports.Contains(port.Protocol, port.Port);
    public override string ToString() => $"{Source.Id} -> {Target.Id} ({Ports})";
}

/// <summary>Why a hop is allowed: one reason per side (or per route), with the rule's file:line.</summary>
public sealed record HopReason(string Text, SourceLocation? Location);

/// <summary>A hop with its reasons and the Services or routes that carry it.</summary>
public sealed record ExplainedHop(PathHop Hop, IReadOnlyList<HopReason> Reasons, IReadOnlyList<ServiceVia> Services);

/// <summary>One path: hop after hop from the first node to the last.</summary>
public sealed record NetworkPath(IReadOnlyList<PathHop> Hops)
{
    public PathNode From => Hops[0].Source;
    public PathNode To => Hops[^1].Target;
    public string Describe() => string.Join(" -> ", Hops.Select(h => h.Source.Id).Append(To.Id));
}

/// <summary>How much a search did, so tests can bound the work without timing it.</summary>
public sealed class PathSearchStats
{
    public int VerticesExamined { get; internal set; }
    public int EdgesExamined { get; internal set; }
}

/// <summary>The answer to `paths --from A --to B`: the paths found (shortest first), whether the search
/// stopped at the limit, and what it cost.</summary>
public sealed record PathResult(PathNode From, PathNode To, PortQuery? Port, int MaxHops, IReadOnlyList<NetworkPath> Paths, bool Truncated, PathSearchStats Stats);

/// <summary>One node a transitive search reached, at its distance, with one shortest path to (or from) it.</summary>
public sealed record Reached(PathNode Node, int Hops, NetworkPath Path);

/// <summary>The answer to `paths --from A --transitive` (what A reaches) or `--to B --transitive` (what
/// reaches B): every node reached, nearest first.</summary>
public sealed record TransitiveResult(PathNode Origin, bool Forward, PortQuery? Port, int? MaxHops, IReadOnlyList<Reached> Nodes, PathSearchStats Stats);

/// <summary>The path engine: reachability and routing hops as one directed graph on QuikGraph. Vertices
/// are the internet, the workload endpoints, and the Ingresses and Gateways; edges are the connections
/// the policies allow (<see cref="ConnectivityAnalysis.ClassPairChunks"/>, the verdicts the matrix uses),
/// the internet entering a frontend, and the route table's frontend → Service → workload hops
/// (<see cref="RouteGraph"/>), each allowed only when the pods that forward the request (the ingress
/// controller, the Gateway's data plane) may open that container port. Edges are made on demand from
/// class adjacency, so a search pays only for the part of the graph it visits.</summary>
public sealed class PathGraph
{
    public ConnectivityAnalysis Analysis { get; }
    public IReadOnlyList<PathNode> Nodes { get; }
    public PathNode External { get; }

    private readonly Dictionary<string, PathNode> _byId = new(StringComparer.Ordinal);
    private readonly PathNode?[] _byEndpoint;
    private readonly List<(int Destination, ConnectionSet Set)>[] _out;
    private readonly List<(int Source, ConnectionSet Set)>[] _in;
    private readonly Dictionary<PathNode, List<PathHop>> _frontendOut = [];
    private readonly Dictionary<PathNode, List<PathHop>> _routeIn = [];
    private readonly List<PathHop> _entries = [];
    private List<PathHop>? _externalIn;

    public static PathGraph Build(ConnectivityAnalysis analysis) => new(analysis);

    private PathGraph(ConnectivityAnalysis analysis)
    {
        Analysis = analysis;
        var nodes = new List<PathNode>();
        PathNode Add(PathNodeKind kind, string id, Endpoint? e, Resource? r)
        {
            var node = new PathNode(nodes.Count, kind, id, e, r);
            nodes.Add(node);
            _byId.TryAdd(id, node);
            return node;
        }
        External = Add(PathNodeKind.External, ObjectGraph.ExternalId, null, null);
        _byEndpoint = new PathNode?[analysis.Endpoints.Count];
        foreach (var e in analysis.Endpoints)
            if (e.Kind == EndpointKind.Workload) _byEndpoint[e.Index] = Add(PathNodeKind.Endpoint, e.Id, e, e.Workload?.Resource);
        var ingresses = new Dictionary<Resource, PathNode>(ReferenceEqualityComparer.Instance);
        foreach (var ing in analysis.Graph.Model.Ingresses)
            if (!_byId.ContainsKey(ing.Resource.Id)) ingresses[ing.Resource] = Add(PathNodeKind.Ingress, ing.Resource.Id, null, ing.Resource);
        var gateways = new Dictionary<string, (Gateway Gateway, PathNode Node)>(StringComparer.Ordinal);
        foreach (var gw in analysis.Graph.Model.Gateways)
            if (!_byId.ContainsKey(gw.Resource.Id)) gateways[$"{gw.Namespace}/{gw.Name}"] = (gw, Add(PathNodeKind.Gateway, gw.Resource.Id, null, gw.Resource));
        Nodes = nodes;

        // Class adjacency, both ways, from the pairs the matrix uses. Stand-ins (the ingress controller's,
        // a Gateway's) are no nodes: their pairs give no hop.
        int classes = analysis.Classes.Count;
        _out = new List<(int, ConnectionSet)>[classes];
        _in = new List<(int, ConnectionSet)>[classes];
        for (int i = 0; i < classes; i++) { _out[i] = []; _in[i] = []; }
        foreach (var chunk in analysis.ClassPairChunks())
            foreach (var (s, d, set) in chunk)
            {
                _out[s].Add((d, set));
                _in[d].Add((s, set));
            }

        BuildFrontends(ingresses, gateways);
    }

    public PathNode? Find(string id) => _byId.GetValueOrDefault(id);

    public PathNode? NodeOf(Endpoint e) => e.IsExternal ? External : _byEndpoint[e.Index];

    /// <summary>A command-line name: `external` (the internet), an endpoint as `explain` takes it (an id,
    /// `ns/name[Kind]`, an IP address: its range counts as the internet), an Ingress or Gateway id, or
    /// `ns/name` when exactly one node of the namespace has that name.</summary>
    public PathNode? Resolve(string text)
    {
        if (text == ObjectGraph.ExternalId || text == "internet") return External;
        var node = Find(text);
        if (node is not null) return node;
        var e = Analysis.Resolve(text);
        if (e is not null) return NodeOf(e);
        var parts = text.Split('/');
        if (parts.Length != 2) return null;
        var named = Nodes.Where(n => n.Resource?.Namespace == parts[0] && n.Resource?.Name == parts[1]).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    // ---- edges ------------------------------------------------------------------------------------

    /// <summary>The hops leaving a node. The internet is only ever a first node: nothing passes through it.</summary>
    public IEnumerable<PathHop> OutHops(PathNode node)
    {
        switch (node.Kind)
        {
            case PathNodeKind.External:
            {
                foreach (var hop in _entries) yield return hop;
                foreach (var hop in Merge(Analysis.ExternalClasses().SelectMany(c => _out[c].Select(p => (Cell: c, p.Destination, p.Set)))))
                    yield return hop;
                break;
            }
            case PathNodeKind.Endpoint:
            {
                var e = node.Endpoint!;
                ConnectionSet? toInternet = null;
                var cells = new List<Endpoint>();
                foreach (var (d, set) in _out[e.Class])
                {
                    if (Analysis.IsExternalClass(d))
                    {
                        toInternet = toInternet is null ? set : toInternet.Union(set);
                        cells.Add(Analysis.Classes[d].Members[0]);
                        continue;
                    }
                    foreach (var member in Analysis.Classes[d].Members)
                    {
                        var target = member == e ? null : _byEndpoint[member.Index];
                        if (target is not null) yield return new PathHop(node, target, HopKind.Connection, set);
                    }
                }
                if (toInternet is not null) yield return new PathHop(node, External, HopKind.Connection, toInternet) { Cells = cells };
                break;
            }
            default:
                foreach (var hop in _frontendOut.GetValueOrDefault(node) ?? []) yield return hop;
                break;
        }
    }

    /// <summary>The hops arriving at a node.</summary>
    public IEnumerable<PathHop> InHops(PathNode node)
    {
        switch (node.Kind)
        {
            case PathNodeKind.External:
                foreach (var hop in _externalIn ??= ExternalIn()) yield return hop;
                break;
            case PathNodeKind.Endpoint:
            {
                var e = node.Endpoint!;
                var fromInternet = new List<(int Cell, int Destination, ConnectionSet Set)>();
                foreach (var (s, set) in _in[e.Class])
                {
                    if (Analysis.IsExternalClass(s)) { fromInternet.Add((s, e.Class, set)); continue; }
                    foreach (var member in Analysis.Classes[s].Members)
                    {
                        var source = member == e ? null : _byEndpoint[member.Index];
                        if (source is not null) yield return new PathHop(source, node, HopKind.Connection, set);
                    }
                }
                foreach (var hop in Merge(fromInternet).Where(h => h.Target == node)) yield return hop;
                foreach (var hop in _routeIn.GetValueOrDefault(node) ?? []) yield return hop;
                break;
            }
            default:
                foreach (var hop in _entries.Where(h => h.Target == node)) yield return hop;
                break;
        }
    }

    /// <summary>Hops from the internet, one per destination endpoint: the union of what each external range
    /// may send, with the ranges that may.</summary>
    private IEnumerable<PathHop> Merge(IEnumerable<(int Cell, int Destination, ConnectionSet Set)> pairs)
    {
        var byDestination = new Dictionary<int, (ConnectionSet Set, List<Endpoint> Cells)>();
        var order = new List<int>();
        foreach (var (cell, d, set) in pairs)
        {
            if (!byDestination.TryGetValue(d, out var had)) { order.Add(d); had = (ConnectionSet.None, []); }
            had.Cells.Add(Analysis.Classes[cell].Members[0]);
            byDestination[d] = (had.Set.Union(set), had.Cells);
        }
        foreach (var d in order)
        {
            var (set, cells) = byDestination[d];
            foreach (var member in Analysis.Classes[d].Members)
            {
                var target = _byEndpoint[member.Index];
                if (target is not null) yield return new PathHop(External, target, HopKind.Connection, set) { Cells = cells };
            }
        }
    }

    private List<PathHop> ExternalIn()
    {
        var result = new List<PathHop>();
        var bySource = new Dictionary<int, (ConnectionSet Set, List<Endpoint> Cells)>();
        var order = new List<int>();
        foreach (var cell in Analysis.ExternalClasses())
            foreach (var (s, set) in _in[cell])
            {
                if (Analysis.IsExternalClass(s)) continue;
                if (!bySource.TryGetValue(s, out var had)) { order.Add(s); had = (ConnectionSet.None, []); }
                had.Cells.Add(Analysis.Classes[cell].Members[0]);
                bySource[s] = (had.Set.Union(set), had.Cells);
            }
        foreach (var s in order)
            foreach (var member in Analysis.Classes[s].Members)
            {
                var source = _byEndpoint[member.Index];
                if (source is not null) result.Add(new PathHop(source, External, HopKind.Connection, bySource[s].Set) { Cells = bySource[s].Cells });
            }
        return result;
    }

    /// <summary>Entry and Route hops from the route table (Ingress and Gateway API alike).</summary>
    private void BuildFrontends(Dictionary<Resource, PathNode> ingresses, Dictionary<string, (Gateway Gateway, PathNode Node)> gateways)
    {
        var a = Analysis;
        var routes = a.Graph.Routes;
        // Who opens the connection to the backends: the controller's pods (or its stand-in).
        var controllers = a.IngressControllers;
        var hops = new Dictionary<(PathNode, PathNode), (ConnectionSet Set, List<RouteVia> Via, IReadOnlyList<Endpoint> Openers)>();
        var order = new List<(PathNode, PathNode)>();
        void AddRoute(PathNode frontend, PathNode target, string protocol, int port, RouteVia via, IReadOnlyList<Endpoint> openers)
        {
            var key = (frontend, target);
            if (!hops.TryGetValue(key, out var had)) { order.Add(key); had = (ConnectionSet.None, [], openers); }
            had.Via.Add(via);
            hops[key] = (had.Set.Union(ConnectionSet.Port(protocol, port)), had.Via, had.Openers);
        }

        foreach (var path in routes.Table())
        {
            if (!path.Frontend.Ok) continue;
            // A rule without backends (a redirect) has no hop; an Ok one without a Service port (an ExternalName
            // Service, a ServiceImport) has no workloads in the input.
            if (path.Backend is not { Status: BackendStatus.Ok, ServicePort: { } sp, Service: { } svc } hop) continue;
            PathNode frontend;
            IReadOnlyList<Endpoint> openers;
            bool outsideCluster = false;
            if (path.Frontend.Kind == "Ingress")
            {
                if (!ingresses.TryGetValue(path.Frontend.Source, out var ing)) continue;
                frontend = ing;
                openers = controllers;
            }
            else
            {
                if (path.Frontend.Gateway is null) continue;
                if (!gateways.TryGetValue(path.Frontend.Gateway, out var gw)) continue;
                frontend = gw.Node;
                openers = DataPlane(gw.Gateway, out outsideCluster);
            }
            var via = new RouteVia(path.Frontend.Kind == "Ingress" ? $"Ingress {path.Frontend.Source.Id}"
                    : $"{path.Frontend.Kind} {path.Frontend.Source.Id} on Gateway {path.Frontend.Gateway}{(string.IsNullOrEmpty(path.Frontend.Listener) ? "" : "/" + path.Frontend.Listener)}",
                path.Frontend.Host, path.Frontend.Match, $"{svc.Namespace}/{svc.Name}", hop.Port ?? "", sp.Protocol, 0, hop.Node.Location) { Mirror = path.Mirror };
            foreach (var w in hop.Workloads)
            {
                var target = a.EndpointOf(w);
                if (target is null) continue;
                var targetNode = _byEndpoint[target.Index];
                if (targetNode is null) continue;
                int n = ResourceGraph.ResolveTarget(sp, w).Number ?? 0;
                if (n is < 1 or > 65535) continue;
                // The forwarding pods must be allowed to open the container port; a data plane outside the
                // cluster (a cloud load balancer) arrives from external addresses.
                var allowedBy = outsideCluster
                    ? Analysis.ExternalClasses().Select(c => Analysis.Classes[c].Members[0]).Where(cell => a.PolicyAllowed(cell, target).Contains(sp.Protocol, n)).ToList()
                    : openers.Where(o => a.PolicyAllowed(o, target).Contains(sp.Protocol, n)).ToList();
                if (allowedBy.Count == 0) continue;
                AddRoute(frontend, targetNode, sp.Protocol, n, via with { ContainerPort = n }, allowedBy);
            }
        }
        foreach (var key in order)
        {
            var (set, via, openers) = hops[key];
            var hop = new PathHop(key.Item1, key.Item2, HopKind.Route, set) { Routes = via, Openers = openers };
            if (!_frontendOut.TryGetValue(key.Item1, out var list)) _frontendOut[key.Item1] = list = [];
            list.Add(hop);
            if (!_routeIn.TryGetValue(key.Item2, out var into)) _routeIn[key.Item2] = into = [];
            into.Add(hop);
        }

        // Entries: the internet reaches an Ingress through its controller, a Gateway through its listeners.
        foreach (var ing in ingresses.Values)
        {
            if (controllers.Count == 0) continue;
            if (controllers.All(c => c.Kind == EndpointKind.IngressController))
            {
                _entries.Add(new PathHop(External, ing, HopKind.Entry, ConnectionSet.All)
                {
                    Note = "the ingress controller is not in the input: it is taken to accept requests from the internet",
                });
                continue;
            }
            var cells = new List<Endpoint>();
            var set = ConnectionSet.None;
            foreach (var c in controllers)
                foreach (var cell in Analysis.ExternalClasses().Select(x => Analysis.Classes[x].Members[0]))
                {
                    var allowed = a.PolicyAllowed(cell, c);
                    if (!allowed.IsEmpty) { set = set.Union(allowed); if (!cells.Contains(cell)) cells.Add(cell); }
                }
            if (!set.IsEmpty)
                _entries.Add(new PathHop(External, ing, HopKind.Entry, set)
                {
                    Cells = cells, Openers = controllers,
                    Note = $"the ingress controller ({string.Join(", ", controllers.Select(c => c.Id))}) accepts connections from the internet",
                });
        }
        foreach (var (gw, node) in gateways.Values)
        {
            var listen = ConnectivityAnalysis.ListenerPorts(routes, gw);
            if (listen.IsEmpty) continue;
            var pods = DataPlane(gw, out var outside);
            if (outside)
            {
                _entries.Add(new PathHop(External, node, HopKind.Entry, listen) { Note = "the Gateway's data plane is outside the cluster: its listeners take requests from the internet" });
                continue;
            }
            var cells = new List<Endpoint>();
            var set = ConnectionSet.None;
            foreach (var pod in pods)
                foreach (var cell in Analysis.ExternalClasses().Select(x => Analysis.Classes[x].Members[0]))
                {
                    var allowed = a.Allowed(cell, pod).Intersect(listen);
                    if (!allowed.IsEmpty) { set = set.Union(allowed); if (!cells.Contains(cell)) cells.Add(cell); }
                }
            if (!set.IsEmpty)
                _entries.Add(new PathHop(External, node, HopKind.Entry, set)
                {
                    Cells = cells, Openers = pods,
                    Note = $"the Gateway's data plane ({string.Join(", ", pods.Select(p => p.Id))}) accepts its listener ports from the internet",
                });
        }
    }

    /// <summary>The endpoints that are a Gateway's data plane: its pods in the input, else its stand-in;
    /// <paramref name="outside"/> when its class has no pods (a cloud load balancer).</summary>
    private IReadOnlyList<Endpoint> DataPlane(Gateway gw, out bool outside)
    {
        var routes = Analysis.Graph.Routes;
        outside = routes.DataPlaneSelector(gw) is null;
        if (outside) return [];
        var pods = routes.DataPlanePods(gw).Select(Analysis.EndpointOf).OfType<Endpoint>().ToList();
        if (pods.Count > 0) return pods;
        var standIn = Analysis.Find($"{gw.Namespace}/{Endpoint.GatewayKind}/{gw.Name}");
        return standIn is null ? [] : [standIn];
    }

    // ---- searches ---------------------------------------------------------------------------------

    private static IEnumerable<T> Count<T>(PathSearchStats stats, IEnumerable<T> edges)
    {
        stats.VerticesExamined++;
        foreach (var e in edges)
        {
            stats.EdgesExamined++;
            yield return e;
        }
    }

    /// <summary>Breadth-first from <paramref name="origin"/> (forward: what it reaches; backward: what
    /// reaches it), the internet never passed through. With a port, the hop into the final node (forward)
    /// or out of the origin's side (backward: the hop into <paramref name="origin"/>) must carry it.</summary>
    public TransitiveResult Transitive(PathNode origin, bool forward, PortQuery? port = null, int? maxHops = null)
    {
        var stats = new PathSearchStats();
        var distance = new Dictionary<PathNode, int> { [origin] = 0 };
        var tree = new Dictionary<PathNode, PathHop>();
        bool Expandable(PathNode n) => n == origin || n.Kind != PathNodeKind.External;
        if (forward)
        {
            var graph = new PathGraphView<PathHop>(Nodes, n => Expandable(n) ? Count(stats, OutHops(n)) : []);
            var bfs = new BreadthFirstSearchAlgorithm<PathNode, PathHop>(graph);
            bfs.ExamineVertex += v => { if (maxHops is not null && distance[v] >= maxHops.Value) bfs.Abort(); };
            bfs.TreeEdge += e => { distance[e.Target] = distance[e.Source] + 1; tree[e.Target] = e; };
            bfs.Compute(origin);
        }
        else
        {
            var graph = new PathGraphView<SReversedEdge<PathNode, PathHop>>(Nodes, n =>
                Expandable(n) ? Count(stats, InHops(n).Where(h => n != origin || h.Covers(port))).Select(h => new SReversedEdge<PathNode, PathHop>(h)) : []);
            var bfs = new BreadthFirstSearchAlgorithm<PathNode, SReversedEdge<PathNode, PathHop>>(graph);
            bfs.ExamineVertex += v => { if (maxHops is not null && distance[v] >= maxHops.Value) bfs.Abort(); };
            bfs.TreeEdge += e => { distance[e.Target] = distance[e.Source] + 1; tree[e.Target] = e.OriginalEdge; };
            bfs.Compute(origin);
        }

        var reached = new List<Reached>();
        foreach (var (node, d) in distance.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key.Index))
        {
            // QuikGraph finishes the vertex it aborted on, so a node one hop beyond the limit may be discovered.
            if (node == origin || d > maxHops) continue;
            var hops = new List<PathHop>();
            for (var at = node; at != origin;)
            {
                var hop = tree[at];
                hops.Add(hop);
                at = forward ? hop.Source : hop.Target;
            }
            if (forward) hops.Reverse();
            // Forward with a port: the node counts only when the last hop carries the port.
            if (forward && port is not null && !hops[^1].Covers(port))
            {
                var carried = PathCarrying(node, origin, port, maxHops, distance, tree, stats);
                if (carried is null || carried.Count > maxHops) continue;
                hops = carried;
            }
            reached.Add(new Reached(node, hops.Count, new NetworkPath(hops)));
        }
        return new TransitiveResult(origin, forward, port, maxHops, reached.OrderBy(r => r.Hops).ThenBy(r => r.Node.Index).ToList(), stats);
    }

    /// <summary>The shortest simple path from <paramref name="origin"/> to <paramref name="node"/> whose last
    /// hop carries <paramref name="port"/>, when the breadth-first tree's hop into the node does not: a hop
    /// carrying it from the nearest source the search reached, after the tree's path to that source. That
    /// path may itself pass through the node (the node reaches the source, which sends the port back); then
    /// a second search that does not pass through the node gives the sources' distances. Null when no
    /// reached source sends the port to the node. The second search stops at the depth of the first source
    /// it finds (the nearest: a breadth-first search finds them by depth) and below the hop limit.</summary>
    private List<PathHop>? PathCarrying(PathNode node, PathNode origin, PortQuery port, int? maxHops,
        Dictionary<PathNode, int> distance, Dictionary<PathNode, PathHop> tree, PathSearchStats stats)
    {
        bool Expandable(PathNode n) => n == origin || n.Kind != PathNodeKind.External;
        var carrying = InHops(node).Where(h => h.Covers(port) && Expandable(h.Source) && distance.ContainsKey(h.Source)).ToList();
        var nearest = carrying.OrderBy(h => distance[h.Source]).ThenBy(h => h.Source.Index).FirstOrDefault();
        if (nearest is null) return null;
        var hops = PathTo(nearest.Source, tree, origin);
        if (hops.All(h => h.Target != node))
        {
            hops.Add(nearest);
            return hops;
        }
        var around = new Dictionary<PathNode, int> { [origin] = 0 };
        var aroundTree = new Dictionary<PathNode, PathHop>();
        var graph = new PathGraphView<PathHop>(Nodes, n => n != node && Expandable(n) ? Count(stats, OutHops(n)) : []);
        var sources = carrying.Select(h => h.Source).ToHashSet();
        int found = maxHops is null ? int.MaxValue : maxHops.Value - 1;
        var bfs = new BreadthFirstSearchAlgorithm<PathNode, PathHop>(graph);
        // Every node at a depth is discovered before the first of them is examined, so stopping there keeps them all.
        bfs.ExamineVertex += v => { if (around[v] >= found) bfs.Abort(); };
        bfs.TreeEdge += e =>
        {
            around[e.Target] = around[e.Source] + 1;
            aroundTree[e.Target] = e;
            if (sources.Contains(e.Target)) found = Math.Min(found, around[e.Target]);
        };
        bfs.Compute(origin);
        nearest = carrying.Where(h => around.ContainsKey(h.Source)).OrderBy(h => around[h.Source]).ThenBy(h => h.Source.Index).FirstOrDefault();
        if (nearest is null) return null;
        hops = PathTo(nearest.Source, aroundTree, origin);
        hops.Add(nearest);
        return hops;
    }

    private static List<PathHop> PathTo(PathNode node, Dictionary<PathNode, PathHop> tree, PathNode origin)
    {
        var hops = new List<PathHop>();
        for (var at = node; at != origin;)
        {
            var hop = tree[at];
            hops.Add(hop);
            at = hop.Source;
        }
        hops.Reverse();
        return hops;
    }

    /// <summary>How many edges a path enumeration may look at before it stops and says it was truncated.</summary>
    internal int EdgeBudget { get; set; } = 2_000_000;

    /// <summary>Every simple path from <paramref name="from"/> to <paramref name="to"/> of at most
    /// <paramref name="maxHops"/> hops, shortest first, at most <paramref name="limit"/> of them. A backward
    /// breadth-first search gives each node's distance to the target; the depth-first enumeration then
    /// only steps to nodes that can still reach it in the hops left, length by length. The last hop must
    /// carry <paramref name="port"/> when one is given; the internet is never passed through.</summary>
    public PathResult Between(PathNode from, PathNode to, PortQuery? port = null, int maxHops = 6, int limit = 100)
    {
        var stats = new PathSearchStats();
        var distance = new Dictionary<PathNode, int> { [to] = 0 };
        var graph = new PathGraphView<SReversedEdge<PathNode, PathHop>>(Nodes, n =>
            // The start needs only its distance, and nothing passes through the internet.
            n == from || (n.Kind == PathNodeKind.External && n != to) ? []
                : Count(stats, InHops(n).Where(h => n != to || h.Covers(port))).Select(h => new SReversedEdge<PathNode, PathHop>(h)));
        var bfs = new BreadthFirstSearchAlgorithm<PathNode, SReversedEdge<PathNode, PathHop>>(graph);
        bfs.ExamineVertex += v => { if (distance[v] >= maxHops) bfs.Abort(); };
        bfs.TreeEdge += e => distance[e.Target] = distance[e.Source] + 1;
        if (from != to) bfs.Compute(to);

        var paths = new List<NetworkPath>();
        bool truncated = false;
        // -1: not reached (a local a mutant cannot leave unassigned, see README's mutation testing).
        int shortest = from == to ? -1 : distance.GetValueOrDefault(from, -1);
        // Stryker disable once Equality : shortest is -1 or the distance of a node other than the target, at least 1.
        if (shortest >= 0)
        {
            var onPath = new HashSet<PathNode> { from };
            var hops = new List<PathHop>();
            for (int length = shortest; length <= maxHops && !truncated; length++)
                Walk(from, length);

            void Walk(PathNode at, int length)
            {
                if (truncated) return;
                stats.VerticesExamined++;
                if (stats.EdgesExamined > EdgeBudget) { truncated = true; return; }
                int left = length - hops.Count;
                foreach (var hop in OutHops(at))
                {
                    stats.EdgesExamined++;
                    var next = hop.Target;
                    if (next == to)
                    {
                        if (left != 1 || !hop.Covers(port)) continue;
                        if (paths.Count >= limit) { truncated = true; return; }
                        paths.Add(new NetworkPath([.. hops, hop]));
                        continue;
                    }
                    // Stryker disable once Equality : with one hop left only the target is a step; any other node is at distance 1 or more, which the next check skips.
                    if (left <= 1 || onPath.Contains(next) || next.Kind == PathNodeKind.External) continue;
                    if (!distance.TryGetValue(next, out var d) || d > left - 1) continue;
                    onPath.Add(next);
                    hops.Add(hop);
                    Walk(next, length);
                    hops.RemoveAt(hops.Count - 1);
                    onPath.Remove(next);
                    if (truncated) return;
                }
            }
        }
        return new PathResult(from, to, port, maxHops, paths, truncated, stats);
    }

    // ---- explanations -----------------------------------------------------------------------------

    /// <summary>Why a hop is allowed: for a connection, the rules of each side that allow its ports (or that
    /// the side is not isolated), with file:line; for a route, the routes and the forwarding pods' verdict;
    /// for an entry, why the frontend takes requests from the internet.</summary>
    public ExplainedHop Explain(PathHop hop, PortQuery? port = null)
    {
        var reasons = new List<HopReason>();
        var services = new List<ServiceVia>();
        switch (hop.Kind)
        {
            case HopKind.Entry:
                reasons.Add(new HopReason(hop.Note ?? "the frontend takes requests from the internet", hop.Target.Location));
                // An entry has ranges exactly when pods of the input open it (the controller's, the data plane's).
                if (hop.Cells.Count > 0) reasons.AddRange(Sides(hop.Cells[0], hop.Openers[0], hop.Ports).Where(r => r.Location is not null));
                break;
            case HopKind.Route:
                foreach (var via in hop.Routes.Take(5)) reasons.Add(new HopReason($"routed by {via.Describe()} → container port {via.ContainerPort.ToString(CultureInfo.InvariantCulture)}/{via.Protocol}", via.Location));
                if (hop.Routes.Count > 5) reasons.Add(new HopReason($"and {hop.Routes.Count - 5} more routes", null));
                // A route hop leads to a workload and exists only when some forwarding pod may open its port.
                var target = hop.Target.Endpoint!;
                var first = hop.Routes[0];
                var opener = hop.Openers[0];
                reasons.Add(new HopReason($"{(opener.IsExternal ? "external addresses" : opener.Id)} may open {first.ContainerPort.ToString(CultureInfo.InvariantCulture)}/{first.Protocol} on {target.Id}:", null));
                reasons.AddRange(Sides(opener, target, ConnectionSet.Port(first.Protocol, first.ContainerPort)));
                break;
            default:
            {
                // A connection from or to the internet carries the external ranges involved.
                var from = hop.Source.Endpoint ?? hop.Cells[0];
                var to = hop.Target.Endpoint ?? hop.Cells[0];
                var ports = port is not null && hop.Target.Endpoint is not null && hop.Covers(port) ? ConnectionSet.Port(port.Protocol, port.Port) : hop.Ports;
                reasons.AddRange(Sides(from, to, ports));
                // The caller's own configuration names this connection (env, args, ConfigMaps: KNL120–KNL122).
                _declared ??= Analysis.DeclaredConnections().Where(d => d.Allowed).ToLookup(d => (d.From, d.To));
                foreach (var d in _declared[(from, to)].DistinctBy(d => (d.Dependency.Location, d.Port)).Take(3))
                    reasons.Add(new HopReason($"declared by {from.Id}: '{d.Dependency.Address}' ({d.Dependency.Origin}) → {d.Port.ToString(CultureInfo.InvariantCulture)}/{d.Protocol}", d.Dependency.Location));
                var w = hop.Target.Endpoint?.Workload;
                if (w is not null)
                    foreach (var svc in Analysis.Graph.ServicesSelecting(w))
                        foreach (var sp in svc.Ports)
                        {
                            var number = ResourceGraph.ResolveTarget(sp, w).Number;
                            if (number is not null && hop.Ports.Contains(sp.Protocol, number.Value))
                                services.Add(new ServiceVia(svc, sp, number.Value));
                        }
                break;
            }
        }
        return new ExplainedHop(hop, reasons, services);
    }

    private ILookup<(Endpoint From, Endpoint To), DeclaredConnection>? _declared;

    /// <summary>Each side's reasons for a connection on some ports: the rules that allow them, with
    /// file:line, or the fact that the side is not isolated.</summary>
    private IEnumerable<HopReason> Sides(Endpoint from, Endpoint to, ConnectionSet ports)
    {
        var e = Analysis.Explain(from, to);
        foreach (var side in new[] { e.Egress, e.Ingress })
        {
            var way = side.Direction == Direction.Egress ? "egress" : "ingress";
            if (side.Subject.IsExternal) continue;
            foreach (var r in side.Tiers.SelectMany(t => t.Rules).Where(r => r.Outcome == "allow" && r.Decided.Overlaps(ports)))
                yield return new HopReason($"{way} rule {r.Number} of {r.Policy.Kind} {r.Policy.Name} ({r.Policy.Tier} tier) allows {r.Decided.Intersect(ports)}", r.Location);
            if (!side.Isolated)
            {
                if (side.Tiers.Count == 0 || side.Tiers.Any(t => t.Tier is "NetworkPolicy" or "Default" && t.Reached))
                    yield return new HopReason($"{side.Subject.Id} is not isolated for {way}", side.Subject.Location);
                continue;
            }
            foreach (var rule in side.Policies.SelectMany(p => p.Rules).Where(r => r.Outcome == RuleOutcome.Allows && r.Allowed.Overlaps(ports)))
                yield return new HopReason($"{way} rule {rule.Number} of NetworkPolicy {rule.Policy.Namespace}/{rule.Policy.Name} allows {rule.Allowed.Intersect(ports)}", rule.Location);
        }
    }
}

public sealed partial class ConnectivityAnalysis
{
    private PathGraph? _paths;
    private readonly object _pathsLock = new();

    /// <summary>The path engine over this analysis, built once on first use.</summary>
    public PathGraph Paths()
    {
        lock (_pathsLock) return _paths ??= PathGraph.Build(this);
    }

    internal bool IsExternalClass(int cls) => cls >= _externalOffset;

    internal IEnumerable<int> ExternalClasses() => Enumerable.Range(_externalOffset, Classes.Count - _externalOffset);

    /// <summary>The allowed connections as edges of the object graph (workloads, and the internet for every
    /// external range), for `graph`: the same verdicts as the matrix.</summary>
    public IEnumerable<GraphEdge> ConnectionEdges(ObjectGraph objects)
    {
        var paths = Paths();
        foreach (var node in paths.Nodes.Where(n => n.Kind is PathNodeKind.Endpoint or PathNodeKind.External))
            foreach (var hop in paths.OutHops(node).Where(h => h.Kind == HopKind.Connection))
            {
                var s = GraphNodeOf(objects, hop.Source);
                var t = s is null ? null : GraphNodeOf(objects, hop.Target);
                if (s is not null && t is not null)
                    yield return new GraphEdge(s, t, GraphEdgeKind.AllowedConnection, hop.Ports.ToString());
            }
    }

    private static GraphNode? GraphNodeOf(ObjectGraph objects, PathNode node) =>
        node.Kind == PathNodeKind.External ? objects.Find(ObjectGraph.ExternalId) : objects.Find(node.Id);
}
