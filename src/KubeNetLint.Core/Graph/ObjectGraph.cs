using System.Globalization;
using System.Text.RegularExpressions;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using QuikGraph;
using QuikGraph.Algorithms.Search;

namespace KubeNetLint.Core.Graph;

/// <summary>What a vertex of the object graph stands for.</summary>
public enum GraphNodeKind
{
    Workload, Service, Ingress, Gateway, ListenerSet, Route, NetworkPolicy, AdminPolicy, Secret, ConfigMap, Namespace,
    /// <summary>Addresses outside the cluster ("the internet"): one vertex for every external range.</summary>
    External,
}

/// <summary>The typed relations between objects.</summary>
public enum GraphEdgeKind
{
    /// <summary>A Service's selector selects a workload's pods; the detail lists the ports it targets there.</summary>
    Selects,
    /// <summary>An Ingress backend or a route backendRef names a Service port.</summary>
    RoutesTo,
    /// <summary>A route's parentRef attaches it to a Gateway (or a ListenerSet to its Gateway).</summary>
    AttachesTo,
    /// <summary>A pod template mounts a Secret or ConfigMap as a volume.</summary>
    Mounts,
    /// <summary>A pod template reads a Secret or ConfigMap (env, envFrom, imagePullSecrets), an Ingress or a
    /// listener uses a TLS Secret.</summary>
    References,
    /// <summary>A NetworkPolicy's podSelector (or an admin policy's subject) selects a workload.</summary>
    PolicySelects,
    /// <summary>A policy rule's peer names a workload, a namespace or external addresses.</summary>
    PolicyPeer,
    /// <summary>The connectivity engine allows a connection (added by the Connectivity layer).</summary>
    AllowedConnection,
    /// <summary>An application declares it calls another (an address in its configuration); added by the
    /// declared-dependency analysis.</summary>
    DeclaredDependency,
}

/// <summary>One object. <see cref="Id"/> is the object's id (<c>ns/Kind/name</c>, <c>Kind/name</c> for
/// cluster-scoped objects, <c>external</c> for the internet), the same as the connectivity endpoints use.</summary>
public sealed record GraphNode(string Id, GraphNodeKind Kind, string KindName, string? Namespace, string Name, Resource? Resource)
{
    public SourceLocation? Location => Resource?.Location;
    public override string ToString() => Id;
}

/// <summary>A typed relation; <see cref="Detail"/> says what it carries (ports, the route's match, the field).</summary>
public sealed class GraphEdge(GraphNode source, GraphNode target, GraphEdgeKind kind, string detail, SourceLocation? location = null) : IEdge<GraphNode>
{
    public GraphNode Source { get; } = source;
    public GraphNode Target { get; } = target;
    public GraphEdgeKind Kind { get; } = kind;
    public string Detail { get; } = detail;
    /// <summary>The field that makes the relation (a backend's service name, a peer), when there is one.</summary>
    public SourceLocation? Location { get; } = location;
    public override string ToString() => $"{Source.Id} -{Kind}-> {Target.Id}";
}

/// <summary>The resource graph: every object the input holds as a vertex and each relation between them
/// as a typed edge, on QuikGraph. Built from <see cref="ResourceGraph"/>'s own resolutions (Service
/// selection, the route table, Secret lookups), so nothing is resolved twice; built on first use.</summary>
public sealed partial class ObjectGraph
{
    public const string ExternalId = "external";

    private readonly BidirectionalGraph<GraphNode, GraphEdge> _graph;
    private readonly Dictionary<string, GraphNode> _byId;

    private ObjectGraph(BidirectionalGraph<GraphNode, GraphEdge> graph, Dictionary<string, GraphNode> byId)
    {
        _graph = graph;
        _byId = byId;
    }

    public IBidirectionalGraph<GraphNode, GraphEdge> Graph => _graph;
    public IEnumerable<GraphNode> Nodes => _graph.Vertices;
    public IEnumerable<GraphEdge> Edges => _graph.Edges;
    public int NodeCount => _graph.VertexCount;
    public int EdgeCount => _graph.EdgeCount;

    public GraphNode? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The vertex a command-line name stands for: an exact id, <c>ns/name[Kind]</c>, or <c>ns/name</c>
    /// when one object of that name is in the namespace (a workload first).</summary>
    public GraphNode? Resolve(string text)
    {
        var exact = Find(text);
        if (exact is not null) return exact;
        var kinded = NameAndKind().Match(text);
        if (kinded.Success)
            return Find($"{kinded.Groups["ns"].Value}/{kinded.Groups["kind"].Value}/{kinded.Groups["name"].Value}");
        var parts = text.Split('/');
        if (parts.Length != 2) return null;
        var named = _graph.Vertices.Where(v => v.Namespace == parts[0] && v.Name == parts[1]).ToList();
        if (named.Count == 1) return named[0];
        var workloads = named.Where(v => v.Kind == GraphNodeKind.Workload).ToList();
        return workloads.Count == 1 ? workloads[0] : null;
    }

    public IEnumerable<GraphEdge> OutEdges(GraphNode node) => _graph.TryGetOutEdges(node, out var e) ? e : [];
    public IEnumerable<GraphEdge> InEdges(GraphNode node) => _graph.TryGetInEdges(node, out var e) ? e : [];

    /// <summary>A copy with more edges (and the vertices they name): allowed connections from the connectivity
    /// engine, declared dependencies. The graph built for the run is never changed.</summary>
    public ObjectGraph With(IEnumerable<GraphEdge> edges)
    {
        var graph = new BidirectionalGraph<GraphNode, GraphEdge>(allowParallelEdges: true);
        graph.AddVertexRange(_graph.Vertices);
        graph.AddEdgeRange(_graph.Edges);
        var byId = new Dictionary<string, GraphNode>(_byId, StringComparer.Ordinal);
        foreach (var e in edges)
        {
            var source = Intern(graph, byId, e.Source);
            var target = Intern(graph, byId, e.Target);
            graph.AddEdge(ReferenceEquals(source, e.Source) && ReferenceEquals(target, e.Target) ? e : new GraphEdge(source, target, e.Kind, e.Detail, e.Location));
        }
        return new ObjectGraph(graph, byId);
    }

    private static GraphNode Intern(BidirectionalGraph<GraphNode, GraphEdge> graph, Dictionary<string, GraphNode> byId, GraphNode node)
    {
        if (byId.TryGetValue(node.Id, out var known)) return known;
        byId[node.Id] = node;
        graph.AddVertex(node);
        return node;
    }

    /// <summary>The vertices within <paramref name="depth"/> edges of <paramref name="focus"/> (either
    /// direction), and every edge between them: a breadth-first search on the undirected view.</summary>
    public ObjectGraph Neighbourhood(GraphNode focus, int depth)
    {
        var distance = new Dictionary<GraphNode, int> { [focus] = 0 };
        var undirected = new UndirectedBidirectionalGraph<GraphNode, GraphEdge>(_graph);
        var bfs = new UndirectedBreadthFirstSearchAlgorithm<GraphNode, GraphEdge>(undirected);
        bfs.TreeEdge += (_, args) =>
        {
            // A tree edge joins a discovered vertex to a new one.
            var from = distance.ContainsKey(args.Edge.Source) ? args.Edge.Source : args.Edge.Target;
            var to = ReferenceEquals(from, args.Edge.Source) ? args.Edge.Target : args.Edge.Source;
            distance[to] = distance[from] + 1;
        };
        // BFS examines vertices in order of distance: when the first vertex at the depth limit comes up, every
        // vertex within it has been discovered, so the search stops there (Abort is QuikGraph's early exit; at
        // depth 0 at the focus itself).
        // Stryker disable once Equality : an early exit only: vertices found past the depth are left out below
        bfs.ExamineVertex += v => { if (distance[v] >= depth) bfs.Abort(); };
        bfs.Compute(focus);
        var kept = distance.Where(kv => kv.Value <= depth).Select(kv => kv.Key).ToHashSet();
        var graph = new BidirectionalGraph<GraphNode, GraphEdge>(allowParallelEdges: true);
        graph.AddVertexRange(_graph.Vertices.Where(kept.Contains));
        graph.AddEdgeRange(_graph.Edges.Where(e => kept.Contains(e.Source) && kept.Contains(e.Target)));
        return new ObjectGraph(graph, graph.Vertices.ToDictionary(v => v.Id, StringComparer.Ordinal));
    }

    // ---- building -------------------------------------------------------------------------------

    /// <summary>The graph of the input's objects and their relations, from the resolutions the
    /// <see cref="ResourceGraph"/> and its route table already made.</summary>
    public static ObjectGraph Build(ResourceGraph resources)
    {
        var b = new Builder();
        var model = resources.Model;
        foreach (var ns in resources.Namespaces.Keys.Order(StringComparer.Ordinal))
            b.Add(new GraphNode($"Namespace/{ns}", GraphNodeKind.Namespace, "Namespace", null, ns,
                model.Namespaces.FirstOrDefault(n => n.Name == ns)?.Resource));
        var external = b.Add(new GraphNode(ExternalId, GraphNodeKind.External, "External", null, "internet", null));

        foreach (var w in model.Workloads) b.Add(Node(w.Resource, GraphNodeKind.Workload));
        foreach (var s in model.Services) b.Add(Node(s.Resource, GraphNodeKind.Service));
        foreach (var i in model.Ingresses) b.Add(Node(i.Resource, GraphNodeKind.Ingress));
        foreach (var g in model.Gateways) b.Add(Node(g.Resource, GraphNodeKind.Gateway));
        foreach (var s in model.ListenerSets) b.Add(Node(s.Resource, GraphNodeKind.ListenerSet));
        foreach (var r in model.Routes) b.Add(Node(r.Resource, GraphNodeKind.Route));
        foreach (var p in model.NetworkPolicies) b.Add(Node(p.Resource, GraphNodeKind.NetworkPolicy));
        foreach (var p in model.AdminPolicies) b.Add(Node(p.Resource, GraphNodeKind.AdminPolicy));
        foreach (var s in model.Secrets) b.Add(Node(s.Resource, GraphNodeKind.Secret));
        foreach (var c in model.OfKind("ConfigMap").Where(r => r.Group == "")) b.Add(Node(c, GraphNodeKind.ConfigMap));

        // Service → workloads: ResourceGraph.SelectedBy, the one place Services meet workloads.
        foreach (var s in model.Services)
            foreach (var w in resources.SelectedBy(s))
                b.Edge(s.Resource.Id, w.Id, GraphEdgeKind.Selects, TargetPorts(s, w), s.SelectorNode?.Location);

        // Declared dependencies (env, args, ConfigMaps the containers read) that name a Service of the
        // input: DeclaredDependencies, the one place addresses are resolved (KNL120–KNL122 read it too).
        foreach (var d in resources.Dependencies.ToServices)
        {
            var callee = d.Service;
            if (callee is not null)
                b.Edge(d.Caller.Id, callee.Resource.Id, GraphEdgeKind.DeclaredDependency,
                    $"{d.Address} ({d.Origin})",
                    d.Location);
        }

        // Ingress and route backends: the route table (RouteGraph), shared with `routes` and the rules.
        var routes = resources.Routes;
        foreach (var path in routes.IngressPaths())
        {
            var hop = path.Backend;
            if (hop is not null && hop.Kind == "Service")
                b.Edge(path.Frontend.Source.Id, $"{hop.Namespace}/Service/{hop.Name}", GraphEdgeKind.RoutesTo,
                    $"{path.Frontend.Host} {path.Frontend.Match} → {hop.Describe()}{Status(hop.Status)}", hop.Node.Location);
        }
        foreach (var (route, _, _, hop, mirror) in routes.References)
            if (hop.Kind == "Service")
                b.Edge(route.Resource.Id, $"{hop.Namespace}/Service/{hop.Name}", GraphEdgeKind.RoutesTo, (mirror ? "RequestMirror " : "") + hop.Describe() + Status(hop.Status), hop.Node.Location);
        foreach (var parent in routes.Parents)
        {
            var gw = parent.Gateway;
            if (gw is not null)
                b.Edge(parent.Route.Resource.Id, gw.Resource.Id, GraphEdgeKind.AttachesTo,
                    parent.Status == ParentStatus.Accepted
                        ? "listeners " + string.Join(", ", parent.Attached.Select(a => (a.ListenerSet is null ? "" : a.ListenerSet.Name + "/") + a.Listener.Name).Distinct())
                        : $"not accepted: {parent.Reason}", parent.Ref.Ref.Node.Location);
        }
        foreach (var set in model.ListenerSets)
        {
            var gw = routes.ParentOf(set);
            if (gw is not null)
                b.Edge(set.Resource.Id, gw.Resource.Id, GraphEdgeKind.AttachesTo, routes.Admits(gw, set) ? "admitted" : "not admitted", set.ParentRef?.Node.Location);
        }

        // Secrets and ConfigMaps: TLS secrets of Ingresses and listeners, and what pod templates read.
        foreach (var ing in model.Ingresses)
            foreach (var tls in ing.Tls)
                if (!string.IsNullOrEmpty(tls.SecretName))
                    b.Edge(ing.Resource.Id, $"{ing.Namespace}/Secret/{tls.SecretName}", GraphEdgeKind.References, "tls", tls.SecretNameNode?.Location, placeholder: GraphNodeKind.Secret);
        foreach (var (resource, listeners) in model.Gateways.Select(g => (g.Resource, g.Listeners))
                     .Concat(model.ListenerSets.Select(s => (s.Resource, s.Listeners))))
        {
            foreach (var l in listeners)
                foreach (var cert in l.CertificateRefs.Where(c => c.Group == "" && c.Kind == "Secret"))
                    b.Edge(resource.Id, $"{cert.Namespace ?? resource.Namespace}/Secret/{cert.Name}", GraphEdgeKind.References,
                        $"listener '{l.Name}' certificate", cert.Node.Location, placeholder: GraphNodeKind.Secret);
        }
        foreach (var w in model.Workloads)
            foreach (var (kind, name, edge, field, node) in PodReferences(w.Template.Spec))
                b.Edge(w.Id, $"{w.Namespace}/{kind}/{name}", edge, field, node.Location,
                    placeholder: kind == "Secret" ? GraphNodeKind.Secret : GraphNodeKind.ConfigMap);

        // Policies: whom they select and whom their peers name, with the graph's selector cache.
        foreach (var p in model.NetworkPolicies)
        {
            if (p.PodSelector.Problems.Count == 0)
                foreach (var w in resources.SelectWorkloads(p.Namespace, p.PodSelector))
                    b.Edge(p.Resource.Id, w.Id, GraphEdgeKind.PolicySelects, "podSelector", p.PodSelectorNode?.Location);
            foreach (var (rule, number, direction) in p.IngressRules.Select((r, i) => (r, i + 1, "ingress")).Concat(p.EgressRules.Select((r, i) => (r, i + 1, "egress"))))
            {
                if (rule.Peers is null)
                {
                    b.Edge(p.Resource.Id, external.Id, GraphEdgeKind.PolicyPeer, $"{direction} rule {number}: every peer", rule.Node.Location);
                    continue;
                }
                foreach (var peer in rule.Peers)
                    foreach (var (target, what) in PeerTargets(resources, peer, p.Namespace))
                        b.Edge(p.Resource.Id, target, GraphEdgeKind.PolicyPeer, $"{direction} rule {number}: {what}", peer.Node.Location);
            }
        }
        foreach (var p in model.AdminPolicies)
        {
            var subject = p.Subject;
            if (subject is null) continue;
            foreach (var w in AdminSubject(resources, subject))
                b.Edge(p.Resource.Id, w.Id, GraphEdgeKind.PolicySelects, "subject", p.SubjectNode?.Location);
        }
        return new ObjectGraph(b.Graph, b.ById);
    }

    private static GraphNode Node(Resource r, GraphNodeKind kind) => new(r.Id, kind, r.Kind, r.Namespace, r.Name, r);

    private static string Status(BackendStatus status) => status switch
    {
        BackendStatus.Ok => "",
        BackendStatus.ServiceMissing => " (Service missing)",
        BackendStatus.PortMissing => " (port missing)",
        BackendStatus.NoPort => " (no port)",
        BackendStatus.NotPermitted => " (not permitted: no ReferenceGrant)",
        _ => " (unsupported kind)",
    };

    /// <summary>"80→8080/TCP, 443→https(8443)/TCP": each Service port and where it lands on the workload.</summary>
    private static string TargetPorts(Service s, Workload w) => string.Join(", ", s.Ports.Select(p =>
    {
        var target = ResourceGraph.ResolveTarget(p, w);
        var port = p.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var name = p.EffectiveTarget?.Name;
        var to = name is not null ? $"{name}({target.Number?.ToString(CultureInfo.InvariantCulture) ?? "unresolved"})"
            : target.Number?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return $"{port}→{to}/{p.Protocol}";
    }));

    private static IEnumerable<(string Target, string What)> PeerTargets(ResourceGraph resources, PolicyPeer peer, string policyNamespace)
    {
        var block = peer.IpBlock;
        if (block is not null)
        {
            yield return (ExternalId, $"ipBlock {block.Cidr}{(block.Except.Count > 0 ? " except " + string.Join(", ", block.Except.Select(e => e.Cidr)) : "")}");
            yield break;
        }
        // An invalid selector selects nothing (LabelSelector.Matches, LabelIndex.Candidates): such a peer names no one.
        var nss = peer.NamespaceSelector;
        var namespaces = nss is not null
            ? resources.Namespaces.Where(kv => nss.Matches(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList()
            : [policyNamespace];
        if (peer.PodSelector is null && peer.NamespaceSelector is not null)
        {
            foreach (var ns in namespaces) yield return ($"Namespace/{ns}", $"namespaceSelector {peer.NamespaceSelector}");
            yield break;
        }
        var pods = peer.PodSelector ?? LabelSelector.FromMap(new Dictionary<string, string>(), null);
        foreach (var ns in namespaces)
            foreach (var w in resources.SelectWorkloads(ns, pods))
                yield return (w.Id, $"podSelector {pods}");
    }

    private static IEnumerable<Workload> AdminSubject(ResourceGraph resources, AdminPeer subject)
    {
        // An invalid selector selects nothing (LabelSelector.Matches, LabelIndex.Candidates).
        var all = LabelSelector.FromMap(new Dictionary<string, string>(), null);
        var namespaces = resources.Namespaces.Where(kv => (subject.NamespaceSelector ?? all).Matches(kv.Value)).Select(kv => kv.Key);
        return namespaces.SelectMany(ns => resources.SelectWorkloads(ns, subject.PodSelector ?? all));
    }

    /// <summary>The Secrets and ConfigMaps a pod spec names: volumes (also projected), envFrom,
    /// env valueFrom and imagePullSecrets.</summary>
    internal static IEnumerable<(string Kind, string Name, GraphEdgeKind Edge, string Field, ScalarNode Node)> PodReferences(MappingNode? spec)
    {
        if (spec is null) yield break;
        foreach (var volume in Items(spec["volumes"]))
        {
            var s = Name(volume["secret"], "secretName");
            if (s is not null) yield return ("Secret", s.Value, GraphEdgeKind.Mounts, "volume", s);
            var c = Name(volume["configMap"], "name");
            if (c is not null) yield return ("ConfigMap", c.Value, GraphEdgeKind.Mounts, "volume", c);
            foreach (var source in Items((volume["projected"] as MappingNode)?["sources"]))
            {
                var ps = Name(source["secret"], "name");
                if (ps is not null) yield return ("Secret", ps.Value, GraphEdgeKind.Mounts, "projected volume", ps);
                var pc = Name(source["configMap"], "name");
                if (pc is not null) yield return ("ConfigMap", pc.Value, GraphEdgeKind.Mounts, "projected volume", pc);
            }
        }
        foreach (var pull in Items(spec["imagePullSecrets"]))
        {
            var p = Name(pull, "name");
            if (p is not null) yield return ("Secret", p.Value, GraphEdgeKind.References, "imagePullSecrets", p);
        }
        foreach (var container in Items(spec["containers"]).Concat(Items(spec["initContainers"])))
        {
            foreach (var from in Items(container["envFrom"]))
            {
                var s = Name(from["secretRef"], "name");
                if (s is not null) yield return ("Secret", s.Value, GraphEdgeKind.References, "envFrom", s);
                var c = Name(from["configMapRef"], "name");
                if (c is not null) yield return ("ConfigMap", c.Value, GraphEdgeKind.References, "envFrom", c);
            }
            foreach (var env in Items(container["env"]))
            {
                var valueFrom = env["valueFrom"] as MappingNode;
                if (valueFrom is null) continue;
                var s = Name(valueFrom["secretKeyRef"], "name");
                if (s is not null) yield return ("Secret", s.Value, GraphEdgeKind.References, "env", s);
                var c = Name(valueFrom["configMapKeyRef"], "name");
                if (c is not null) yield return ("ConfigMap", c.Value, GraphEdgeKind.References, "env", c);
            }
        }
    }

    private static IEnumerable<MappingNode> Items(Node? node) => (node as SequenceNode)?.Items.OfType<MappingNode>() ?? [];

    private static ScalarNode? Name(Node? node, string key)
    {
        var s = (node as MappingNode)?[key] as ScalarNode;
        return s is not null && !s.IsNull && s.Value.Length > 0 ? s : null;
    }

    /// <summary>`ns/name[Kind]`.</summary>
    [GeneratedRegex(@"^(?<ns>[^/\[\]]+)/(?<name>[^/\[\]]+)\[(?<kind>[^/\[\]]+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex NameAndKind();

    private sealed class Builder
    {
        public readonly BidirectionalGraph<GraphNode, GraphEdge> Graph = new(allowParallelEdges: true);
        public readonly Dictionary<string, GraphNode> ById = new(StringComparer.Ordinal);

        public GraphNode Add(GraphNode node)
        {
            // A duplicate object (KNL004) is one vertex: the first definition names it.
            if (ById.TryGetValue(node.Id, out var known)) return known;
            ById[node.Id] = node;
            Graph.AddVertex(node);
            return node;
        }

        /// <summary>An edge between two ids. A target the input lacks becomes a vertex without a source when
        /// <paramref name="placeholder"/> says what it is (a Secret made outside the manifests); otherwise
        /// the edge is left out (a missing Service is the rules' business, KNL201/KNL505).</summary>
        public void Edge(string from, string to, GraphEdgeKind kind, string detail, SourceLocation? location, GraphNodeKind? placeholder = null)
        {
            if (!ById.TryGetValue(from, out var source)) return;
            if (!ById.TryGetValue(to, out var target))
            {
                if (placeholder is null) return;
                var kindOfMissing = placeholder.Value;
                var parts = to.Split('/');
                target = Add(new GraphNode(to, kindOfMissing, parts[1], parts[0], parts[2], null));
            }
            Graph.AddEdge(new GraphEdge(source, target, kind, detail, location));
        }
    }
}
