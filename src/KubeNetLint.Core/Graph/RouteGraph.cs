using KubeNetLint.Core.Config;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Graph;

/// <summary>Why a route's parentRef does or does not attach (docs/semantics.md §8).</summary>
public enum ParentStatus
{
    Accepted,
    /// <summary>The Gateway or ListenerSet is not in the input, or the parentRef's kind is not one we know.</summary>
    ParentMissing,
    /// <summary>The ListenerSet exists but its Gateway is absent or does not admit it (allowedListeners).</summary>
    ListenerSetNotAdmitted,
    /// <summary>No listener passes sectionName, port, allowedRoutes namespaces and kinds.</summary>
    NotAllowed,
    /// <summary>Listeners admit the route, but none of their hostnames intersects the route's.</summary>
    NoMatchingHostname,
    /// <summary>A parent of another kind (GAMMA's Service, an implementation's own kind): not judged.</summary>
    NotChecked,
}

/// <summary>One listener a route attaches to, with the hostnames it serves there.</summary>
public sealed record ListenerAttachment(Gateway Gateway, ListenerSet? ListenerSet, Listener Listener, IReadOnlyList<string> Hosts);

/// <summary>The outcome of one parentRef: the parent found, the listeners considered (after sectionName
/// and port) and those that accept the route. <see cref="Reason"/> says why, for messages.</summary>
public sealed record ParentResolution(Route Route, ParentRef Ref, Gateway? Gateway, ListenerSet? ListenerSet,
    ParentStatus Status, string Reason, IReadOnlyList<ListenerAttachment> Attached);

public enum BackendStatus { Ok, UnsupportedKind, ServiceMissing, NotPermitted, NoPort, PortMissing }

/// <summary>One backend of a frontend (an Ingress backend or a route backendRef), resolved once: the
/// Service and port it names, their status, and the workloads behind it.</summary>
public sealed record BackendHop(string Namespace, string Name, string Kind, string? Port, Service? Service, ServicePort? ServicePort,
    BackendStatus Status, IReadOnlyList<Workload> Workloads, Node Node)
{
    /// <summary>For an Ingress backend: the Ingress and the backend as written (null for Gateway API routes).</summary>
    public Ingress? Ingress { get; init; }
    public IngressBackend? IngressBackend { get; init; }

    public string Describe() => Port is null ? $"{Namespace}/{Name}" : $"{Namespace}/{Name}:{Port}";

    /// <summary>For a resolved backend, the container port its Service port reaches on each workload behind
    /// it (a number in 1–65535; a workload on which a named targetPort does not resolve is left out).</summary>
    public IEnumerable<(Workload Workload, int ContainerPort)> ContainerPorts()
    {
        var sp = ServicePort;
        // Stryker disable once Logical : only an Ok hop has a Service port; an Ok one without (ExternalName, ServiceImport) has no workloads
        if (Status != BackendStatus.Ok || sp is null) yield break;
        foreach (var w in Workloads)
        {
            int n = ResourceGraph.ResolveTarget(sp, w).Number ?? 0;
            if (n is >= 1 and <= 65535) yield return (w, n);
        }
    }
}

/// <summary>The frontend of a route: where a request enters (an Ingress, or a Gateway listener), the host
/// and the match, and whether that hop works (for a Gateway route: its parent status).</summary>
public sealed record RouteFrontend(string Kind, Resource Source, string? Gateway, string? Listener, string Host, string Match, bool Ok, string Status);

/// <summary>One Ingress backend (a rule path's or the default backend) with its resolution: the one place
/// Ingress backends meet Services, read by KNL201–KNL203, KNL212, KNL307 and the route table.</summary>
public sealed record IngressBackendHop(Ingress Ingress, IngressBackend Backend, BackendHop Hop)
{
    /// <summary>A backend that names a Service (not a resource backend, not an empty name).</summary>
    // Stryker disable once Logical : IngressHop makes a Service hop of exactly the backends with a service name, whose node the model always sets
    public bool NamesService => Hop.Kind == "Service" && Backend.ServiceNameNode is not null && Backend.ServiceName is { Length: > 0 };
}

/// <summary>One path of the route table: frontend → backend → workloads. Ingresses and Gateway API routes
/// produce the same shape, so the `routes` command and the rules read one structure.</summary>
public sealed record RoutePath(RouteFrontend Frontend, BackendHop? Backend)
{
    /// <summary>The backend is a RequestMirror filter's `backendRef` (HTTPRoute, GRPCRoute): the data plane sends
    /// it a copy of each request and ignores its responses.</summary>
    public bool Mirror { get; init; }
}

/// <summary>Gateway API attachment and backend resolution, and the table of every route path (Ingress and
/// Gateway API alike), computed once per graph.</summary>
public sealed class RouteGraph
{
    private readonly ResourceGraph _graph;
    private readonly Dictionary<(string, string), Gateway> _gateways = [];
    private readonly Dictionary<(string, string), ListenerSet> _listenerSets = [];
    private readonly Dictionary<string, List<ReferenceGrant>> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<Gateway, List<ListenerSet>> _admittedSets = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<ParentResolution> Parents { get; }
    /// <summary>Every backendRef of every route, with its route.</summary>
    public IReadOnlyList<(Route Route, RouteRule Rule, BackendRef Ref, BackendHop Hop)> Backends { get; }
    /// <summary>Every RequestMirror backendRef of every route (rule filters, then backendRef filters),
    /// resolved by the same code as <see cref="Backends"/>.</summary>
    public IReadOnlyList<(Route Route, RouteRule Rule, BackendRef Ref, BackendHop Hop)> Mirrors { get; }
    /// <summary>Backends then mirrors: every Service reference of a route rule, where the data plane sends
    /// requests or their copies (KNL505–KNL507, KNL510, KNL511, the Gateway's connections in the matrix).</summary>
    public IEnumerable<(Route Route, RouteRule Rule, BackendRef Ref, BackendHop Hop, bool Mirror)> References =>
        Backends.Select(b => (b.Route, b.Rule, b.Ref, b.Hop, false)).Concat(Mirrors.Select(b => (b.Route, b.Rule, b.Ref, b.Hop, true)));

    /// <summary><see cref="References"/> by route (input order within a route: backends, then mirrors).</summary>
    public ILookup<Route, (Route Route, RouteRule Rule, BackendRef Ref, BackendHop Hop, bool Mirror)> ReferencesByRoute => _referencesByRoute.Value;
    private readonly Lazy<ILookup<Route, (Route Route, RouteRule Rule, BackendRef Ref, BackendHop Hop, bool Mirror)>> _referencesByRoute;
    /// <summary>Every backend of every Ingress (default backend first, then rule paths), in input order.</summary>
    public IReadOnlyList<IngressBackendHop> IngressBackends { get; }
    private readonly Dictionary<IngressBackend, BackendHop> _ingressHops = new(ReferenceEqualityComparer.Instance);

    public RouteGraph(ResourceGraph graph)
    {
        _graph = graph;
        var model = graph.Model;
        foreach (var g in model.Gateways) _gateways.TryAdd((g.Namespace, g.Name), g);
        foreach (var s in model.ListenerSets) _listenerSets.TryAdd((s.Namespace, s.Name), s);
        foreach (var rg in model.ReferenceGrants)
        {
            if (!_grants.TryGetValue(rg.Namespace, out var list)) _grants[rg.Namespace] = list = [];
            list.Add(rg);
        }
        foreach (var s in model.ListenerSets)
            if (ParentOf(s) is { } g && Admits(g, s))
            {
                if (!_admittedSets.TryGetValue(g, out var list)) _admittedSets[g] = list = [];
                list.Add(s);
            }
        var ingressBackends = new List<IngressBackendHop>();
        foreach (var ing in model.Ingresses)
            foreach (var b in ing.Backends)
            {
                var hop = IngressHop(ing, b);
                _ingressHops.TryAdd(b, hop);
                ingressBackends.Add(new IngressBackendHop(ing, b, hop));
            }
        IngressBackends = ingressBackends;
        Parents = model.Routes.SelectMany(r => r.ParentRefs.Select(p => ResolveParent(r, p))).ToList();
        Backends = (from r in model.Routes from rule in r.Rules from b in rule.Backends select (r, rule, b, ResolveBackend(r, b))).ToList();
        Mirrors = (from r in model.Routes from rule in r.Rules from b in rule.Mirrors select (r, rule, b, ResolveBackend(r, b))).ToList();
        _referencesByRoute = new(() => References.ToLookup(b => b.Route, (IEqualityComparer<Route>)ReferenceEqualityComparer.Instance));
    }

    /// <summary>Where a Gateway's data-plane pods run: its class's `gatewayDataPlanes` entry, else GEP-1762's label.</summary>
    public GatewayDataPlane DataPlaneOf(Gateway gw) =>
        gw.ClassName is { } c && _graph.Config.GatewayDataPlanes.TryGetValue(c, out var plane) ? plane : GatewayDataPlane.Default;

    /// <summary>The namespace and labels of a Gateway's data-plane pods; null when its class has none.
    /// GEP-1762 hashes names over 63 characters in an implementation-defined way: those are not matched.</summary>
    public (string Namespace, IReadOnlyDictionary<string, string> Labels)? DataPlaneSelector(Gateway gw)
    {
        var plane = DataPlaneOf(gw);
        if (plane.NoPods || (ReferenceEquals(plane, GatewayDataPlane.Default) && gw.Name.Length > 63)) return null;
        return (plane.Namespace ?? gw.Namespace, plane.LabelsFor(gw.Name));
    }

    /// <summary>The workloads of the input that are a Gateway's data-plane pods.</summary>
    public IReadOnlyList<Workload> DataPlanePods(Gateway gw)
    {
        var found = DataPlaneSelector(gw);
        if (found is null) return [];
        var sel = found.Value;
        var selector = LabelSelector.FromMap(sel.Labels, null);
        return _graph.WorkloadsIn(sel.Namespace).Where(w => selector.Matches(w.Template.Labels)).ToList();
    }

    public Gateway? FindGateway(string ns, string name) => _gateways.GetValueOrDefault((ns, name));
    public ListenerSet? FindListenerSet(string ns, string name) => _listenerSets.GetValueOrDefault((ns, name));

    /// <summary>The Gateway a ListenerSet's parentRef names, when it is in the input.</summary>
    public Gateway? ParentOf(ListenerSet s) =>
        s.ParentRef is { Group: GatewayApi.Group, Kind: "Gateway" } p ? FindGateway(p.Namespace ?? s.Namespace, p.Name) : null;

    /// <summary>ListenerSets whose Gateway admits them, per Gateway (input order).</summary>
    public IReadOnlyList<ListenerSet> AdmittedListenerSets(Gateway g) => _admittedSets.TryGetValue(g, out var l) ? l : [];

    /// <summary>`spec.allowedListeners.namespaces.from` (default None): Same, All, Selector.</summary>
    public bool Admits(Gateway g, ListenerSet s) => NamespaceAllowed(g.AllowedListeners, g.Namespace, s.Namespace);

    private bool NamespaceAllowed(NamespaceFrom from, string ownerNamespace, string ns) => from.From switch
    {
        "All" => true,
        "Same" => ns == ownerNamespace,
        "Selector" => from.Selector is { } sel && _graph.Namespaces.TryGetValue(ns, out var labels) && sel.Matches(labels),
        _ => false,
    };

    /// <summary>ReferenceGrant matching: a grant in the target namespace whose `from` names the referring
    /// group, kind and namespace and whose `to` names the target's group and kind (and name, when set).</summary>
    public bool Permitted(string fromGroup, string fromKind, string fromNamespace, string toGroup, string toKind, string toNamespace, string toName) =>
        fromNamespace == toNamespace ||
        (_grants.TryGetValue(toNamespace, out var grants) && grants.Any(g => g.Permits(fromGroup, fromKind, fromNamespace, toGroup, toKind, toName)));

    private ParentResolution ResolveParent(Route route, ParentRef p)
    {
        var ns = p.Ref.Namespace ?? route.Namespace;
        // GAMMA (GEP-1426): a route whose parent is a Service configures the mesh for that Service.
        if (p.Ref is { Group: "", Kind: "Service" })
            return _graph.FindService(ns, p.Ref.Name) is null
                ? new(route, p, null, null, ParentStatus.ParentMissing, $"no Service '{p.Ref.Name}' in namespace '{ns}' (a mesh parentRef)", [])
                : new(route, p, null, null, ParentStatus.NotChecked, "mesh route (GAMMA)", []);
        if (p.Ref.Group == GatewayApi.Group && p.Ref.Kind is not ("Gateway" or "ListenerSet"))
            return new(route, p, null, null, ParentStatus.ParentMissing, $"{GatewayApi.Group} has no parent kind '{p.Ref.Kind}' (Gateway or ListenerSet)", []);
        // Other kinds (ServiceImport, an implementation's own parents) follow that implementation's rules; the
        // Gateway API group's other kinds are refused above.
        if (p.Ref.Group != GatewayApi.Group)
            return new(route, p, null, null, ParentStatus.NotChecked, $"a parentRef of kind {p.Ref.Group}/{p.Ref.Kind} is implementation-specific", []);
        Gateway? gateway;
        ListenerSet? set = null;
        IEnumerable<Listener> listeners;
        if (p.Ref.Kind == "Gateway")
        {
            gateway = FindGateway(ns, p.Ref.Name);
            if (gateway is null) return new(route, p, null, null, ParentStatus.ParentMissing, $"no Gateway '{p.Ref.Name}' in namespace '{ns}'", []);
            // GEP-1713: a route that names the Gateway attaches to the Gateway's own listeners; to use a
            // ListenerSet's listeners it names the ListenerSet.
            listeners = gateway.Listeners;
        }
        else
        {
            set = FindListenerSet(ns, p.Ref.Name);
            if (set is null) return new(route, p, null, null, ParentStatus.ParentMissing, $"no ListenerSet '{p.Ref.Name}' in namespace '{ns}'", []);
            gateway = ParentOf(set);
            if (gateway is null)
                return new(route, p, null, set, ParentStatus.ListenerSetNotAdmitted,
                    $"ListenerSet '{set.Name}' names Gateway '{set.ParentRef?.Name}', which is not in the input", []);
            if (!Admits(gateway, set))
                return new(route, p, gateway, set, ParentStatus.ListenerSetNotAdmitted,
                    $"Gateway '{gateway.Name}' does not admit ListenerSet '{set.Name}' (spec.allowedListeners.namespaces.from: {gateway.AllowedListeners.From})", []);
            listeners = set.Listeners;
        }

        // sectionName and port select listeners; with both, a listener must match both.
        var selected = listeners.Where(l => (p.SectionName is null || l.Name == p.SectionName) && (p.Port is null || l.Port == p.Port)).ToList();
        var parentName = set is null ? $"Gateway '{gateway.Name}'" : $"ListenerSet '{set.Name}'";
        if (selected.Count == 0)
        {
            var what = p.SectionName is not null && p.Port is not null ? $"named '{p.SectionName}' on port {p.Port}"
                : p.SectionName is not null ? $"named '{p.SectionName}'" : $"on port {p.Port}";
            var have = string.Join(", ", listeners.Select(l => l.Describe()));
            return new(route, p, gateway, set, ParentStatus.NotAllowed, $"{parentName} has no listener {what} (listeners: {(have.Length == 0 ? "none" : have)})", []);
        }
        var reasons = new List<string>();
        var admitting = new List<Listener>();
        foreach (var l in selected)
        {
            if (!l.EffectiveKinds.Contains(route.Kind))
            {
                reasons.Add($"listener '{l.Name}' ({l.Protocol}) does not admit {route.Kind}" +
                            (l.AllowedKinds.Count > 0 ? $" (allowedRoutes.kinds: {string.Join(", ", l.AllowedKinds.Select(k => k.Kind))})" : ""));
                continue;
            }
            var ownerNs = l.Owner.Namespace ?? "default";
            if (!NamespaceAllowed(l.AllowedNamespaces, ownerNs, route.Namespace))
            {
                reasons.Add($"listener '{l.Name}' admits routes from {DescribeFrom(l.AllowedNamespaces, ownerNs)}, not from '{route.Namespace}'");
                continue;
            }
            admitting.Add(l);
        }
        if (admitting.Count == 0)
            return new(route, p, gateway, set, ParentStatus.NotAllowed, string.Join("; ", reasons), []);

        var routeHosts = route.Kind is "HTTPRoute" or "GRPCRoute" or "TLSRoute" ? route.Hostnames.Select(h => h.Host).ToList() : [];
        var attached = new List<ListenerAttachment>();
        foreach (var l in admitting)
        {
            // Hostnames apply to HTTP, HTTPS and TLS listeners; TCP and UDP ignore them.
            var hosts = l.Protocol is "TCP" or "UDP" ? ["*"] : GatewayHostnames.Effective(l.Hostname, routeHosts);
            if (hosts.Count > 0) attached.Add(new ListenerAttachment(gateway, set, l, hosts));
        }
        if (attached.Count == 0)
            return new(route, p, gateway, set, ParentStatus.NoMatchingHostname,
                $"no hostname of the route ({string.Join(", ", routeHosts)}) intersects the hostname of the listeners that admit it ({string.Join(", ", admitting.Select(l => $"'{l.Name}': {l.Hostname}"))})",
                []);
        return new(route, p, gateway, set, ParentStatus.Accepted, "accepted", attached);
    }

    private static string DescribeFrom(NamespaceFrom from, string ownerNs) => from.From switch
    {
        "Same" => $"its own namespace '{ownerNs}' only (allowedRoutes.namespaces.from: Same)",
        "Selector" => $"namespaces matching its selector ({from.Selector})",
        var other => $"'{other}'",
    };

    private BackendHop ResolveBackend(Route route, BackendRef b)
    {
        var ns = b.Ref.Namespace ?? route.Namespace;
        var port = b.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        BackendHop Hop(BackendStatus s, Service? svc = null, ServicePort? sp = null, IReadOnlyList<Workload>? w = null) =>
            new(ns, b.Ref.Name, b.Ref.Kind, port, svc, sp, s, w ?? [], (Node?)b.Ref.NameNode ?? b.Ref.Node);
        if (b.Ref is { Group: "multicluster.x-k8s.io", Kind: "ServiceImport" }) return Hop(BackendStatus.Ok); // GEP-1748: Extended support
        if (!b.IsService) return Hop(BackendStatus.UnsupportedKind);
        if (!Permitted(GatewayApi.Group, route.Kind, route.Namespace, "", "Service", ns, b.Ref.Name)) return Hop(BackendStatus.NotPermitted);
        var svc = _graph.FindService(ns, b.Ref.Name);
        if (svc is null) return Hop(BackendStatus.ServiceMissing);
        if (b.Port is null) return Hop(BackendStatus.NoPort, svc);
        int n = b.Port.Value;
        if (svc.IsExternalName) return Hop(BackendStatus.Ok, svc);
        var sp = svc.FindPort(n);
        return sp is null ? Hop(BackendStatus.PortMissing, svc) : Hop(BackendStatus.Ok, svc, sp, _graph.SelectedBy(svc));
    }

    /// <summary>Every route path of the input: Ingress rules and default backends, then every Gateway API
    /// route rule on every listener it attaches to (or its failing parent): its backendRefs, then its
    /// RequestMirror backends (<see cref="RoutePath.Mirror"/>).</summary>
    public IEnumerable<RoutePath> Table()
    {
        foreach (var path in IngressPaths()) yield return path;
        var byRoute = Backends.ToLookup(b => b.Rule, ReferenceEqualityComparer.Instance);
        var mirrorsByRule = Mirrors.ToLookup(b => b.Rule, ReferenceEqualityComparer.Instance);
        foreach (var parent in Parents)
        {
            var route = parent.Route;
            var frontends = parent.Status == ParentStatus.Accepted
                ? parent.Attached.SelectMany(a => a.Hosts.Select(h => (Gw: $"{a.Gateway.Namespace}/{a.Gateway.Name}", Listener: (a.ListenerSet is null ? "" : a.ListenerSet.Name + "/") + a.Listener.Name, Host: h)))
                : [(Gw: $"{parent.Ref.Ref.Namespace ?? route.Namespace}/{parent.Ref.Ref.Name}", Listener: parent.Ref.SectionName ?? "", Host: route.Hostnames.Count == 0 ? "*" : string.Join(",", route.Hostnames.Select(h => h.Host)))];
            foreach (var f in frontends)
                foreach (var rule in route.Rules)
                {
                    var matches = rule.Matches.Count == 0 ? [route.Kind == "HTTPRoute" ? "PathPrefix /" : "(any)"] : rule.Matches.Select(DescribeMatch).ToList();
                    foreach (var m in matches)
                    {
                        var frontend = new RouteFrontend(route.Kind, route.Resource, f.Gw, f.Listener, f.Host, m, parent.Status == ParentStatus.Accepted,
                            parent.Status == ParentStatus.Accepted ? "ok" : parent.Reason);
                        var backends = byRoute[rule].ToList();
                        if (backends.Count == 0) yield return new RoutePath(frontend, null);
                        foreach (var b in backends) yield return new RoutePath(frontend, b.Hop);
                        foreach (var mirror in mirrorsByRule[rule]) yield return new RoutePath(frontend, mirror.Hop) { Mirror = true };
                    }
                }
        }
    }

    /// <summary>The Ingress part of <see cref="Table"/>: every default backend and rule path of every Ingress,
    /// in input order, with the hops resolved once in <see cref="IngressBackends"/>. The connectivity engine
    /// (the ingress controller's targets) and `paths` read this too.</summary>
    public IEnumerable<RoutePath> IngressPaths()
    {
        foreach (var ing in _graph.Model.Ingresses)
        {
            if (ing.DefaultBackend is { } d)
                yield return new RoutePath(new RouteFrontend("Ingress", ing.Resource, null, null, "*", "(default backend)", true, "ok"), _ingressHops[d]);
            foreach (var rule in ing.Rules)
                foreach (var p in rule.Paths)
                    // An empty host is no host, as for the API server: every host.
                    yield return new RoutePath(new RouteFrontend("Ingress", ing.Resource, null, null, string.IsNullOrEmpty(rule.Host) ? "*" : rule.Host,
                        $"{p.PathType ?? "ImplementationSpecific"} {p.Path ?? "/"}", true, "ok"), p.Backend is null ? null : _ingressHops[p.Backend]);
        }
    }

    /// <summary>The Service port an Ingress backend names: by number against `port`, by name against `name`.
    /// No port written selects nothing: the API server requires one (networking.k8s.io/v1 `service.port`,
    /// v1beta1 `servicePort`) and rejects the Ingress without it (KNL202), so there is no single-port
    /// fallback. The one resolution of Ingress backends: the route table, KNL202/203 and the connectivity
    /// engine all use it.</summary>
    public static ServicePort? IngressServicePort(Service service, PortRef? port) =>
        port is null ? null : port.Number is { } n ? service.FindPort(n) : port.Name is { } name ? service.FindPort(name) : null;

    private BackendHop IngressHop(Ingress ing, IngressBackend b)
    {
        var node = (Node?)b.ServiceNameNode ?? b.Node;
        BackendHop Hop(string name, string kind, string? port, Service? svc, ServicePort? sp, BackendStatus status, IReadOnlyList<Workload> workloads) =>
            new(ing.Namespace, name, kind, port, svc, sp, status, workloads, node) { Ingress = ing, IngressBackend = b };
        if (b.IsResource || b.ServiceName is null) return Hop("(resource)", "Resource", null, null, null, BackendStatus.UnsupportedKind, []);
        var svc = _graph.FindService(ing.Namespace, b.ServiceName);
        var port = b.ServicePort?.ToString();
        if (svc is null) return Hop(b.ServiceName, "Service", port, null, null, BackendStatus.ServiceMissing, []);
        if (b.ServicePort is null) return Hop(b.ServiceName, "Service", port, svc, null, BackendStatus.NoPort, []);
        var sp = IngressServicePort(svc, b.ServicePort);
        return sp is null
            ? Hop(b.ServiceName, "Service", port, svc, null, BackendStatus.PortMissing, [])
            : Hop(b.ServiceName, "Service", port, svc, sp, BackendStatus.Ok, _graph.SelectedBy(svc));
    }

    /// <summary>A route match as one line: path, method, headers, query params (HTTPRoute) or service/method (GRPCRoute).</summary>
    public static string DescribeMatch(MappingNode m)
    {
        var parts = new List<string>();
        if (m["path"] is MappingNode path) parts.Add($"{(path["type"] as ScalarNode)?.Value ?? "PathPrefix"} {(path["value"] as ScalarNode)?.Value ?? "/"}");
        if (m["method"] is ScalarNode { IsNull: false } method)
            parts.Add(method.Value);
        else if (m["method"] is MappingNode gm)
            parts.Add($"{(gm["service"] as ScalarNode)?.Value ?? "*"}/{(gm["method"] as ScalarNode)?.Value ?? "*"}");
        foreach (var key in new[] { "headers", "queryParams" })
            if (m[key] is SequenceNode seq)
                foreach (var h in seq.Items.OfType<MappingNode>())
                    parts.Add($"{(key == "headers" ? "header" : "query")} {(h["name"] as ScalarNode)?.Value}{((h["type"] as ScalarNode)?.Value == "RegularExpression" ? "~" : "=")}{(h["value"] as ScalarNode)?.Value}");
        return parts.Count == 0 ? "PathPrefix /" : string.Join(" ", parts);
    }
}
