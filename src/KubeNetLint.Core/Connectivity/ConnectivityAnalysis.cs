using System.Text;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>The NetworkPolicy semantics compiled once over the whole input: endpoints, their equivalence
/// classes, every selector evaluated to a bitset, every policy's rules attached to the classes it
/// isolates. Any pair can then be answered without re-reading a policy:
/// allowed(src, dst) = egress(src → dst) ∩ ingress(dst ← src), and the full matrix costs one pass over
/// the (class) pairs a rule can allow at all.</summary>
public sealed partial class ConnectivityAnalysis
{
    /// <summary>The key under which the rules share one analysis (<see cref="Rules.AnalysisContext.Shared{T}"/>).</summary>
    public const string SharedKey = "connectivity";

    public ResourceGraph Graph { get; }
    public IngressControllerConfig Controller { get; }
    /// <summary>Workloads (sorted by id), then the ingress controller when it is not in the input, then the external cells.</summary>
    public IReadOnlyList<Endpoint> Endpoints { get; }
    public ExternalPartition Partition { get; }
    /// <summary>Every Ingress backend resolved to workloads and container ports.</summary>
    public IReadOnlyList<IngressRoute> IngressRoutes { get; }
    /// <summary>The endpoints that act as the ingress controller: its workloads when the input has them,
    /// else a stand-in endpoint when the input has Ingresses; empty otherwise.</summary>
    public IReadOnlyList<Endpoint> IngressControllers { get; }

    internal IReadOnlyList<EndpointClass> Classes { get; }
    internal SelectorIndex Selectors { get; }
    internal IReadOnlyList<CompiledPolicy> Policies { get; }
    /// <summary>Every AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy, in input order.</summary>
    internal IReadOnlyList<CompiledAdminPolicy> AdminPolicies { get; }
    /// <summary>Some applied admin policy has a rule: pairs are decided tier by tier (docs/semantics.md §7).
    /// False keeps the NetworkPolicy-only code paths, and their output, exactly as they are.</summary>
    public bool HasAdminTier { get; }

    /// <summary>Per class, the policies whose podSelector selects it, valid or not, in input order; a
    /// policy defined again later under the same identity is left out (never applied, never explained).</summary>
    private readonly List<CompiledPolicy>?[] _selecting;

    private readonly Dictionary<string, Endpoint> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<NetworkPolicy, CompiledPolicy> _byPolicy = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AdminNetworkPolicy, CompiledAdminPolicy> _byAdminPolicy = new(ReferenceEqualityComparer.Instance);
    /// <summary>Policies defined again later in the input (KNL004): applying both keeps only the last
    /// definition in the cluster, so the earlier ones are not applied.</summary>
    private readonly HashSet<Resource> _superseded = new(ReferenceEqualityComparer.Instance);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Bitset> _peerCache = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PortSpec> _portSpecs = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IpRangeSet?> _blocks = new(StringComparer.Ordinal);
    private readonly Bitset _everyone;
    private readonly int _externalOffset;
    private readonly int? _standInController;
    /// <summary>Per Gateway stand-in class: the ports its listeners accept.</summary>
    private readonly Dictionary<int, ConnectionSet> _gatewayListeners = [];
    /// <summary>Per Gateway stand-in class: per destination class, the ports its routes send to.</summary>
    private readonly Dictionary<int, Dictionary<int, ConnectionSet>> _gatewayTargets = [];

    internal bool IsGatewayStandIn(int cls) => _gatewayListeners.ContainsKey(cls);

    /// <summary>For the stand-in controller: per destination class, the TCP ports Ingresses send it to.</summary>
    private readonly Dictionary<int, ConnectionSet> _controllerTargets = [];

    /// <summary>How long each step of the build took (for the benchmark).</summary>
    public IReadOnlyList<(string Step, TimeSpan Time)> Timings => _timings;

    private readonly List<(string, TimeSpan)> _timings = [];
    private readonly System.Diagnostics.Stopwatch _clock;

    private void Lap(string step)
    {
        _timings.Add((step, _clock.Elapsed));
        _clock.Restart();
    }

    public static ConnectivityAnalysis Build(ResourceGraph graph, IEnumerable<IpRangeSet>? extraBlocks = null) => new(graph, extraBlocks);

    private ConnectivityAnalysis(ResourceGraph graph, IEnumerable<IpRangeSet>? extraBlocks)
    {
        _clock = System.Diagnostics.Stopwatch.StartNew();
        Graph = graph;
        Controller = graph.Config.IngressController;
        var model = graph.Model;

        // Workloads: one endpoint per id (a duplicate keeps the last definition, as applying both would).
        var workloads = model.Workloads.GroupBy(w => w.Id, StringComparer.Ordinal).Select(g => g.Last())
            .OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
        bool hasIngress = model.Ingresses.Count > 0;
        var controllerSelector = LabelSelector.FromMap(Controller.PodLabels, null);
        var realControllers = hasIngress
            ? workloads.Where(w => w.Namespace == Controller.Namespace && w.IsSelectedBy(controllerSelector)).ToList()
            : [];
        bool standIn = hasIngress && realControllers.Count == 0;

        // Policies the API server would reject are never applied; their ipBlocks cut nothing.
        var problems = new Dictionary<NetworkPolicy, List<PolicyProblem>>(ReferenceEqualityComparer.Instance);
        // Policies are independent: validated and compiled in parallel (every cache below is concurrent).
        foreach (var (p, list) in model.NetworkPolicies.AsParallel().AsOrdered().Select(p => (p, PolicyValidation.Problems(p)))) problems[p] = list;
        // An object with a field of the wrong type is rejected whole (KNL005): never applied, however its
        // selectors read without that field (a dropped matchLabels entry would select more, not less).
        // So is an object without a name (KNL011).
        var rejected = model.TypeErrors.Where(e => e.Subject is not null).ToLookup(e => (object)e.Subject!, ReferenceEqualityComparer.Instance);
        foreach (var p in model.NetworkPolicies) problems[p].AddRange(InputErrors(p.Resource, rejected));
        var blocks = IpBlocks(model.NetworkPolicies.Where(p => problems[p].Count == 0)).Select(RangesOf).OfType<IpRangeSet>();
        // Admin policies' `networks` peers cut the external address space like ipBlocks do.
        var adminProblems = new Dictionary<AdminNetworkPolicy, List<PolicyProblem>>(ReferenceEqualityComparer.Instance);
        foreach (var p in model.AdminPolicies)
        {
            adminProblems[p] = AdminPolicyValidation.Problems(p);
            adminProblems[p].AddRange(InputErrors(p.Resource, rejected));
        }
        var networks = NetworksOf(model.AdminPolicies.Where(p => adminProblems[p].Count == 0)).ToList();
        Partition = ExternalPartition.Build(blocks.Concat(networks).Concat(extraBlocks ?? []));

        Lap("validation and external partition");
        // Endpoints and their classes.
        var endpoints = new List<Endpoint>();
        var classes = new List<EndpointClass>();
        var classByKey = new Dictionary<string, EndpointClass>(StringComparer.Ordinal);
        foreach (var w in workloads)
        {
            var e = new Endpoint
            {
                Index = endpoints.Count, Id = w.Id, Kind = EndpointKind.Workload, KindName = w.Kind,
                Namespace = w.Namespace, Name = w.Name, Workload = w,
            };
            var key = ClassKey(w);
            if (!classByKey.TryGetValue(key, out var c))
            {
                classByKey[key] = c = new EndpointClass
                {
                    Index = classes.Count, Kind = EndpointKind.Workload, Namespace = w.Namespace,
                    Labels = w.Template.Labels, Representative = w,
                };
                classes.Add(c);
            }
            AddMember(c, e);
        }
        if (standIn)
        {
            var e = new Endpoint
            {
                Index = endpoints.Count, Id = $"{Controller.Namespace}/{Endpoint.IngressControllerKind}/{Endpoint.IngressControllerName}",
                Kind = EndpointKind.IngressController, KindName = Endpoint.IngressControllerKind,
                Namespace = Controller.Namespace, Name = Endpoint.IngressControllerName,
            };
            var c = new EndpointClass
            {
                Index = classes.Count, Kind = EndpointKind.IngressController, Namespace = Controller.Namespace, Labels = Controller.PodLabels,
            };
            classes.Add(c);
            AddMember(c, e);
            _standInController = c.Index;
        }
        // Gateways whose data-plane pods are not in the input stand in for them (GEP-1762 label), so the
        // matrix shows external → Gateway → backends.
        var standInGateways = new List<(Gateway Gateway, int Class)>();
        var standInNamespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gw in model.Gateways.GroupBy(g => (g.Namespace, g.Name)).Select(g => g.First()).OrderBy(g => g.Namespace + "/" + g.Name, StringComparer.Ordinal))
        {
            if (gw.Listeners.Count == 0) continue;
            var selector = graph.Routes.DataPlaneSelector(gw);
            if (selector is null || graph.Routes.DataPlanePods(gw).Count > 0) continue;
            var plane = selector.Value;
            standInNamespaces.Add(plane.Namespace);
            var e = new Endpoint
            {
                Index = endpoints.Count, Id = $"{gw.Namespace}/{Endpoint.GatewayKind}/{gw.Name}", Kind = EndpointKind.Gateway,
                KindName = Endpoint.GatewayKind, Namespace = gw.Namespace, Name = gw.Name, Source = gw.Resource,
            };
            var c = new EndpointClass { Index = classes.Count, Kind = EndpointKind.Gateway, Namespace = plane.Namespace, Labels = plane.Labels };
            classes.Add(c);
            AddMember(c, e);
            standInGateways.Add((gw, c.Index));
        }
        _externalOffset = classes.Count;
        foreach (var cell in Partition.Cells)
        {
            var e = new Endpoint { Index = endpoints.Count, Id = cell.Id, Kind = EndpointKind.External, KindName = Endpoint.ExternalKind, Cell = cell };
            var c = new EndpointClass { Index = classes.Count, Kind = EndpointKind.External };
            classes.Add(c);
            AddMember(c, e);
        }
        Endpoints = endpoints;
        Classes = classes;
        foreach (var e in endpoints) _byId.TryAdd(e.Id, e);
        IngressControllers = standIn ? [endpoints[classes[_standInController!.Value].Members[0].Index]]
            : realControllers.Select(w => _byId[w.Id]).ToList();

        Lap("endpoints and classes");
        var namespaces = graph.Namespaces.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (standIn || namespaces.ContainsKey(Controller.Namespace))
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (namespaces.TryGetValue(Controller.Namespace, out var known)) foreach (var (k, v) in known) labels[k] = v;
            foreach (var (k, v) in Controller.NamespaceLabels) labels[k] = v;
            labels["kubernetes.io/metadata.name"] = Controller.Namespace;
            namespaces[Controller.Namespace] = labels;
        }
        foreach (var ns in standInNamespaces)
            if (!namespaces.ContainsKey(ns)) namespaces[ns] = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = ns };
        Selectors = new SelectorIndex(classes, classes.Count,
            namespaces.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToList());
        _everyone = Bitset.Full(classes.Count);

        Lap("selector index");
        Policies = model.NetworkPolicies.AsParallel().AsOrdered().Select(p => Compile(p, problems[p])).ToList();
        Lap("policy compilation");
        // A policy defined twice (KNL004) is applied once, as its last definition, like a workload.
        _selecting = new List<CompiledPolicy>?[classes.Count];
        foreach (var group in model.NetworkPolicies.Select(p => p.Resource).Concat(model.AdminPolicies.Select(p => p.Resource))
                     .GroupBy(r => r.Identity, StringComparer.Ordinal))
            _superseded.UnionWith(group.SkipLast(1));
        foreach (var cp in Policies)
        {
            _byPolicy[cp.Policy] = cp;
            if (_superseded.Contains(cp.Policy.Resource)) continue;
            foreach (var i in cp.Selected.Ones()) (_selecting[i] ??= []).Add(cp);
            if (!cp.IsValid) continue;
            foreach (var i in cp.Selected.Ones())
            {
                var c = classes[i];
                if (cp.Policy.AffectsIngress)
                {
                    c.IngressPolicies.Add(cp);
                    (c.IngressRules ??= []).AddRange(cp.Ingress);
                }
                if (cp.Policy.AffectsEgress)
                {
                    c.EgressPolicies.Add(cp);
                    (c.EgressRules ??= []).AddRange(cp.Egress);
                }
            }
        }

        Lap("attaching rules to classes");
        AdminPolicies = model.AdminPolicies.Select(p => CompileAdmin(p, adminProblems[p])).ToList();
        foreach (var cp in AdminPolicies) _byAdminPolicy[cp.Policy] = cp;
        HasAdminTier = AttachAdminTiers();
        if (AdminPolicies.Count > 0) Lap("admin policies");
        IngressRoutes = ResolveIngressRoutes();
        if (_standInController is not null)
            foreach (var route in IngressRoutes)
            {
                var cls = route.Target.Class;
                var port = ConnectionSet.Port(Protocols.Tcp, route.ContainerPort);
                _controllerTargets[cls] = _controllerTargets.TryGetValue(cls, out var had) ? had.Union(port) : port;
            }

        foreach (var (gw, cls) in standInGateways)
        {
            _gatewayListeners[cls] = ListenerPorts(graph.Routes, gw);
            _gatewayTargets[cls] = [];
        }
        foreach (var target in GatewayRoutes())
        {
            var targets = _gatewayTargets[target.Gateway];
            var port = ConnectionSet.Port(target.Protocol, target.ContainerPort);
            targets[target.Target.Class] = targets.TryGetValue(target.Target.Class, out var had) ? had.Union(port) : port;
        }

        Lap("ingress routes");

        void AddMember(EndpointClass c, Endpoint e)
        {
            e.Class = c.Index;
            c.Members.Add(e);
            endpoints.Add(e);
        }
    }

    /// <summary>The address sets of the ipBlocks of the given policies.</summary>
    public static IEnumerable<IpRangeSet> IpBlocksOf(IEnumerable<NetworkPolicy> policies) =>
        IpBlocks(policies).Select(IpRangeSet.From).OfType<IpRangeSet>();

    private static IEnumerable<IpBlock> IpBlocks(IEnumerable<NetworkPolicy> policies) => policies
        .SelectMany(p => p.IngressRules.Concat(p.EgressRules))
        .SelectMany(r => r.Peers ?? [])
        .Select(peer => peer.IpBlock)
        .OfType<IpBlock>();

    /// <summary>Workloads that no selector can tell apart share a class: same namespace, labels and ports.
    /// StatefulSets and Jobs stay alone, because selectors may name their pods (pod-name, job-name).</summary>
    private static string ClassKey(Workload w)
    {
        var sb = new StringBuilder(w.Namespace).Append('\0');
        var labels = w.Template.Labels.ToArray();
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (k, v) in labels) sb.Append(k).Append('=').Append(v).Append('\n');
        sb.Append('\0');
        foreach (var p in w.Template.Ports) sb.Append(p.Name).Append('/').Append(p.Number).Append('/').Append(p.Protocol).Append('\n');
        if (w.Kind is "StatefulSet" or "Job") sb.Append('\0').Append(w.Id).Append('/').Append(w.Replicas);
        return sb.ToString();
    }

    private CompiledPolicy Compile(NetworkPolicy policy, IReadOnlyList<PolicyProblem> problems)
    {
        var selected = Selectors.PodsIn(policy.Namespace, policy.PodSelector);
        var compiled = new CompiledPolicy { Policy = policy, Problems = problems, Selected = selected };
        if (problems.Count > 0) return compiled;
        compiled.Ingress = CompileRules(compiled, policy.IngressRules, Direction.Ingress);
        compiled.Egress = CompileRules(compiled, policy.EgressRules, Direction.Egress);
        return compiled;
    }

    private List<CompiledRule> CompileRules(CompiledPolicy owner, IReadOnlyList<PolicyRule> rules, Direction direction)
    {
        var result = new List<CompiledRule>(rules.Count);
        for (int i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            Bitset peers;
            if (rule.Peers is null) peers = _everyone;
            else
            {
                peers = new Bitset(Classes.Count);
                foreach (var peer in rule.Peers) peers.Or(PeerBits(peer, owner.Policy.Namespace));
            }
            result.Add(new CompiledRule
            {
                Policy = owner, Direction = direction, Number = i + 1, Rule = rule, Peers = peers, Ports = SharedPortSpec(rule.Ports),
            });
        }
        return result;
    }

    /// <summary>An ipBlock's addresses, parsed once per distinct spelling.</summary>
    private IpRangeSet? RangesOf(IpBlock block) =>
        _blocks.GetOrAdd(block.Cidr + "|" + string.Join(",", block.Except.Select(e => e.Cidr)), _ => IpRangeSet.From(block));

    /// <summary>Rules with the same ports share one <see cref="PortSpec"/>, so named ports resolve once per class.</summary>
    private PortSpec SharedPortSpec(IReadOnlyList<PolicyPort>? ports)
    {
        if (ports is null) return PortSpec.Any;
        var key = string.Join(";", ports.Select(p => $"{p.Protocol}/{p.Port}/{p.EndPort}"));
        return _portSpecs.GetOrAdd(key, _ => PortSpec.From(ports));
    }

    /// <summary>The classes one peer matches: an ipBlock only external cells; selectors only pods — the
    /// policy's namespace for a podSelector alone, the matching namespaces when a namespaceSelector is set.</summary>
    private Bitset PeerBits(PolicyPeer peer, string policyNamespace)
    {
        if (peer.IpBlock is not null)
        {
            var set = RangesOf(peer.IpBlock);
            var key = "ip|" + set?.Key;
            if (_peerCache.TryGetValue(key, out var cached)) return cached;
            var bits = new Bitset(Classes.Count);
            if (set is not null)
                foreach (var cell in Partition.CellsOf(set)) bits.Set(_externalOffset + cell);
            return _peerCache[key] = bits;
        }
        var podKey = peer.PodSelector?.ToString() ?? "*";
        var nsKey = peer.NamespaceSelector is null ? "ns:" + policyNamespace : "sel:" + peer.NamespaceSelector;
        var cacheKey = podKey + "|" + nsKey;
        if (_peerCache.TryGetValue(cacheKey, out var hit)) return hit;
        return _peerCache[cacheKey] = (peer.PodSelector, peer.NamespaceSelector) switch
        {
            ({ } ps, { } both) => Selectors.PodsIn(both, ps),
            (null, { } only) => Selectors.InNamespaces(only).Classes,
            ({ } ps, null) => Selectors.PodsIn(policyNamespace, ps),
            _ => Selectors.InNamespace(policyNamespace),
        };
    }

    /// <summary>Each Gateway stand-in (by class) to the backends its accepted routes send to: their
    /// backendRefs and their RequestMirror backends alike (the data plane opens both connections).</summary>
    private IEnumerable<(int Gateway, Endpoint Target, string Protocol, int ContainerPort)> GatewayRoutes()
    {
        var routes = Graph.Routes;
        foreach (var parent in routes.Parents)
        {
            var gw = parent.Gateway;
            if (parent.Status != ParentStatus.Accepted || gw is null) continue;
            if (!_byId.TryGetValue($"{gw.Namespace}/{Endpoint.GatewayKind}/{gw.Name}", out var standIn)) continue;
            // ContainerPorts: only a resolved Service port (status Ok, not ExternalName) reaches workloads,
            // on target ports within 1-65535.
            foreach (var (_, _, _, hop, _) in routes.ReferencesByRoute[parent.Route])
                foreach (var (w, n) in hop.ContainerPorts())
                    if (_byId.TryGetValue(w.Id, out var target)) yield return (standIn.Class, target, hop.ServicePort!.Protocol, n);
        }
    }

    /// <summary>The Ingress backends of the route table (<see cref="RouteGraph.IngressPaths"/>, the one
    /// resolution of Ingress backends) that reach a container port of a workload endpoint.</summary>
    private List<IngressRoute> ResolveIngressRoutes()
    {
        var routes = new List<IngressRoute>();
        foreach (var path in Graph.Routes.IngressPaths())
        {
            var hop = path.Backend;
            // Every Ingress hop carries its Ingress and backend (RouteGraph.IngressHop); ContainerPorts yields
            // only for a resolved backend (status Ok), which has its Service and port, on ports within 1-65535.
            // Each path has a backend object of its own (ModelBuilder makes one per backend mapping), so no
            // backend is listed twice.
            if (hop is null) continue;
            foreach (var (w, n) in hop.ContainerPorts())
                if (_byId.TryGetValue(w.Id, out var target))
                    routes.Add(new IngressRoute(hop.Ingress!, hop.IngressBackend!, hop.Service!, hop.ServicePort!, target, n));
        }
        return routes;
    }

    // ---- queries -------------------------------------------------------------------------------

    public Endpoint? Find(string id) => _byId.GetValueOrDefault(id);

    public Endpoint? EndpointOf(Workload workload) => _byId.TryGetValue(workload.Id, out var e) && e.Workload == workload ? e : null;

    public IEnumerable<Endpoint> Workloads => Endpoints.Where(e => e.Kind == EndpointKind.Workload);

    /// <summary>The external cells that hold addresses of the prefix.</summary>
    public IReadOnlyList<Endpoint> ExternalEndpoints(Cidr cidr) =>
        Partition.CellsOverlapping(cidr.Family, cidr.First, cidr.Last).Select(i => Classes[_externalOffset + i].Members[0]).ToList();

    public bool IsIsolated(Endpoint endpoint, Direction direction) => Classes[endpoint.Class].RulesFor(direction) is not null;

    /// <summary>The applied policies that select the endpoint and list the direction in policyTypes.</summary>
    public IReadOnlyList<NetworkPolicy> IsolatingPolicies(Endpoint endpoint, Direction direction) =>
        Classes[endpoint.Class].PoliciesFor(direction).Select(p => p.Policy).ToList();

    public IReadOnlyList<PolicyProblem> ProblemsOf(NetworkPolicy policy) => _byPolicy[policy].Problems;

    /// <summary>The ports a Gateway's listeners take, its own and those of the ListenerSets it admits (UDP
    /// listeners on UDP, the others on TCP). A missing or out-of-range port adds nothing: ConnectionSet.Port
    /// clips to 1-65535.</summary>
    internal static ConnectionSet ListenerPorts(RouteGraph routes, Gateway gw)
    {
        var listen = ConnectionSet.None;
        foreach (var l in gw.Listeners.Concat(routes.AdmittedListenerSets(gw).SelectMany(s => s.Listeners)))
            listen = listen.Union(ConnectionSet.Port(l.Protocol == "UDP" ? Protocols.Udp : Protocols.Tcp, l.Port ?? 0));
        return listen;
    }

    /// <summary>Why the API server rejects a policy whatever its spec says: fields of the wrong type (KNL005),
    /// no name (KNL011).</summary>
    private static IEnumerable<PolicyProblem> InputErrors(Resource r, ILookup<object, FieldTypeError> typeErrors)
    {
        foreach (var e in typeErrors[r]) yield return new PolicyProblem(e.Node, e.Message, IsInputError: true);
        if (r.Name.Length == 0) yield return new PolicyProblem(r.Root, "name or generateName is required", IsInputError: true);
    }

    /// <summary>Whether the policy takes effect: the API server accepts it and it is the last definition of its name.</summary>
    public bool IsApplied(NetworkPolicy policy) => _byPolicy[policy].IsValid && !_superseded.Contains(policy.Resource);

    internal CompiledPolicy Compiled(NetworkPolicy policy) => _byPolicy[policy];

    /// <summary>The pod endpoints (workloads, the stand-in controller) a policy's podSelector selects.</summary>
    public IReadOnlyList<Endpoint> SelectedBy(NetworkPolicy policy) => Members(_byPolicy[policy].Selected);

    internal IReadOnlyList<Endpoint> Members(Bitset classes)
    {
        var list = new List<Endpoint>();
        foreach (var i in classes.Ones()) list.AddRange(Classes[i].Members);
        list.Sort((a, b) => a.Index.CompareTo(b.Index));
        return list;
    }

    /// <summary>What one peer matches: the pod endpoints, and for a namespaceSelector the namespaces.</summary>
    public (IReadOnlyList<Endpoint> Pods, IReadOnlyList<string>? Namespaces) MatchPeer(PolicyPeer peer, string policyNamespace)
    {
        var namespaces = peer.NamespaceSelector is null ? null : Selectors.InNamespaces(peer.NamespaceSelector).Namespaces;
        return (Members(PeerBits(peer, policyNamespace)).Where(e => !e.IsExternal).ToList(), namespaces);
    }

    /// <summary>Does the policy's podSelector select any pod endpoint?</summary>
    public bool SelectsAnything(NetworkPolicy policy) => !_byPolicy[policy].Selected.IsEmpty;

    /// <summary>Does a selector peer match any pod endpoint (cheaper than <see cref="MatchPeer"/>)?</summary>
    public bool PeerMatchesAnyPod(PolicyPeer peer, string policyNamespace) =>
        peer.IpBlock is null && !PeerBits(peer, policyNamespace).IsEmpty;

    /// <summary>Does the input hold any pod endpoint in the namespace?</summary>
    public bool HasPodsIn(string ns) => !Selectors.InNamespace(ns).IsEmpty;

    /// <summary>Everything the endpoint's ingress rules admit on its own ports, from any source at all
    /// (all when it is not isolated for ingress).</summary>
    public ConnectionSet IngressAdmits(Endpoint destination)
    {
        var c = Classes[destination.Class];
        if (c.IngressRules is null) return ConnectionSet.All;
        var known = c.IngressAdmitted;
        if (known is not null) return known;
        var result = ConnectionSet.None;
        foreach (var r in c.IngressRules) result = result.Union(r.Ports.For(c));
        // An Admin tier Allow admits its ports before the NetworkPolicies are consulted.
        foreach (var r in c.AdminIngress ?? []) if (r.Action == AdminAction.Allow) result = result.Union(r.Ports.For(c));
        return c.IngressAdmitted = result;
    }

    /// <summary>Could the endpoint's egress reach a DNS server anywhere? True unless it is isolated for
    /// egress and no rule allows port 53 (UDP or TCP). Peers are not judged (the cluster DNS is rarely in
    /// the input), and a named port might be DNS, so it counts.</summary>
    public bool EgressMayAllowDns(Endpoint source)
    {
        var rules = Classes[source.Class].EgressRules;
        return rules is null || rules.Any(r => r.Ports.Named.Count > 0 ||
            r.Ports.Numeric.Contains(Protocols.Udp, 53) || r.Ports.Numeric.Contains(Protocols.Tcp, 53)) ||
            // An Admin tier Allow of port 53 lets DNS out whatever the NetworkPolicies say.
            (Classes[source.Class].AdminEgress ?? []).Any(r => r.Action == AdminAction.Allow && (r.Ports.Named.Count > 0 ||
                r.Ports.Numeric.Contains(Protocols.Udp, 53) || r.Ports.Numeric.Contains(Protocols.Tcp, 53)));
    }

    // ---- the pair semantics ---------------------------------------------------------------------

    /// <summary>What the source's egress allows toward the destination (all when not isolated).</summary>
    internal ConnectionSet EgressSet(int source, int destination)
    {
        var s = Classes[source];
        if (s.EgressRules is null) return ConnectionSet.All;
        var d = Classes[destination];
        var result = ConnectionSet.None;
        foreach (var r in s.EgressRules)
            if (r.Peers[destination]) result = result.Union(r.Ports.For(d));
        return result;
    }

    /// <summary>What the destination's ingress allows from the source (all when not isolated).</summary>
    internal ConnectionSet IngressSet(int source, int destination)
    {
        var d = Classes[destination];
        if (d.IngressRules is null) return ConnectionSet.All;
        var result = ConnectionSet.None;
        foreach (var r in d.IngressRules)
            if (r.Peers[source]) result = result.Union(r.Ports.For(d));
        return result;
    }

    /// <summary>Egress of the source ∩ ingress of the destination, the policies' verdict alone.</summary>
    internal ConnectionSet PolicyAllowed(int source, int destination)
    {
        if (HasAdminTier)
        {
            var decided = Decide(Direction.Egress, source, destination, null);
            return decided.IsEmpty ? decided : decided.Intersect(Decide(Direction.Ingress, destination, source, null));
        }
        var egress = EgressSet(source, destination);
        return egress.IsEmpty ? egress : egress.Intersect(IngressSet(source, destination));
    }

    /// <summary>The allowed connections between two classes, with the endpoint rules applied: external
    /// cells do not talk to each other, nothing connects to the ingress controller stand-in, and the
    /// stand-in only opens the connections its Ingresses route.</summary>
    internal ConnectionSet Allowed(int source, int destination)
    {
        if (destination == _standInController) return ConnectionSet.None;
        if (source >= _externalOffset && destination >= _externalOffset) return ConnectionSet.None;
        if (source == _standInController)
            return _controllerTargets.TryGetValue(destination, out var targets) ? targets.Intersect(PolicyAllowed(source, destination)) : ConnectionSet.None;
        // A Gateway stand-in accepts its listener ports and opens only what its routes send to backends.
        if (_gatewayTargets.TryGetValue(source, out var routed))
            return routed.TryGetValue(destination, out var set) ? set.Intersect(PolicyAllowed(source, destination)) : ConnectionSet.None;
        if (_gatewayListeners.TryGetValue(destination, out var listen)) return listen.Intersect(PolicyAllowed(source, destination));
        return PolicyAllowed(source, destination);
    }

    /// <summary>The connections allowed from one endpoint to another (none from an endpoint to itself).</summary>
    public ConnectionSet Allowed(Endpoint from, Endpoint to) => from == to ? ConnectionSet.None : Allowed(from.Class, to.Class);

    /// <summary>What the policies alone allow, ignoring which routes the ingress controller uses.</summary>
    public ConnectionSet PolicyAllowed(Endpoint from, Endpoint to) => PolicyAllowed(from.Class, to.Class);

    /// <summary>Finds an endpoint by id, or the external cell holding an address ("203.0.113.7").</summary>
    public Endpoint? Resolve(string text)
    {
        var e = Find(text);
        if (e is not null) return e;
        // `namespace/name[Kind]`, as np-guard's netpol-analyzer names workloads, is the same endpoint.
        int open = text.LastIndexOf('[');
        int slash = text.IndexOf('/');
        // 0 < slash < open puts the '[' after a non-empty namespace; an id starting with '/' names no endpoint anyway.
        // Stryker disable once Equality : slash == 0 looks up "/Kind/name", which is no endpoint's id, as the fallthrough finds nothing.
        if (text.EndsWith(']') && slash > 0 && slash < open)
            return Find($"{text[..slash]}/{text[(open + 1)..^1]}/{text[(slash + 1)..open]}");
        if (Cidr.TryParseAddress(text, out var family, out var address))
            return ExternalEndpoints(new Cidr(family, address, Cidr.BitsOf(family))).FirstOrDefault();
        return null;
    }

    /// <summary>Ids close to an unknown one, for the error message: same name, same namespace, or a few edits away.</summary>
    public IReadOnlyList<string> Suggestions(string unknown, int max = 5)
    {
        var name = unknown.Split('/')[^1];
        return Endpoints
            .Select(e => (e.Id, Score: e.Id.Equals(unknown, StringComparison.OrdinalIgnoreCase) ? 0
                : e.Name is not null && e.Name.Equals(name, StringComparison.OrdinalIgnoreCase) ? 1
                : e.Id.Contains(unknown, StringComparison.OrdinalIgnoreCase) || (name.Length > 2 && e.Id.Contains(name, StringComparison.OrdinalIgnoreCase)) ? 2
                : 3 + EditDistance(e.Id.ToLowerInvariant(), unknown.ToLowerInvariant())))
            .Where(x => x.Score <= 3 + Math.Max(3, unknown.Length / 4))
            .OrderBy(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(max).Select(x => x.Id).ToList();
    }

    private static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
