using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Graph;

/// <summary>Where a container reads an address from.</summary>
public enum AddressSource { Env, ConfigMap, Command, Args }

/// <summary>What a declared address resolves to (docs/semantics.md §10).</summary>
public enum DependencyStatus
{
    /// <summary>A Service of the input.</summary>
    Service,
    /// <summary>A namespace-qualified name whose namespace is in the input, which has no such Service (KNL120 warning).</summary>
    ServiceMissing,
    /// <summary>An unqualified name in a host position that matches no Service of the caller's namespace (KNL120 note).</summary>
    UnqualifiedServiceMissing,
    /// <summary>A namespace-qualified name whose namespace is not in the input: nothing to judge.</summary>
    OutsideInput,
    /// <summary>The pod's hostAliases map the name to an address (/etc/hosts comes before DNS): not a Service.</summary>
    HostAlias,
    /// <summary>A Service every cluster has and manifests do not hold (default/kubernetes, kube-system/kube-dns).</summary>
    ClusterBuiltIn,
}

/// <summary>How the address's port meets the Service's ports.</summary>
public enum DependencyPortStatus
{
    /// <summary>A Service port has that number.</summary>
    Exposed,
    /// <summary>No Service port has that number (KNL121).</summary>
    NotExposed,
    /// <summary>The address names no port (and its scheme has no default): any of the Service's ports.</summary>
    Unspecified,
    /// <summary>A headless or ExternalName Service: the client connects to the pods (or the external name) on
    /// the port it chooses, so the Service's ports do not apply.</summary>
    NotApplicable,
}

/// <summary>One address a container is configured with that names (or is shaped like) a cluster Service:
/// who declares it, where, and what it resolves to. Built once per graph (<see cref="ResourceGraph.Dependencies"/>);
/// rules and commands read these, none re-scans a value.</summary>
public sealed record DeclaredDependency
{
    public required Workload Caller { get; init; }
    public required Container Container { get; init; }
    public required AddressSource Source { get; init; }
    /// <summary>The env var (for envFrom: prefix + key) the value is read through; null for command and args.</summary>
    public string? Variable { get; init; }
    /// <summary>The address as written (`db.prod:5432`, or the whole URL).</summary>
    public required string Address { get; init; }
    public required string Host { get; init; }
    /// <summary>The port the client connects to: written, or the scheme's default; null when unknown.</summary>
    public int? Port { get; init; }
    /// <summary>The port is the default of <see cref="Scheme"/>, not written.</summary>
    public bool DefaultPort { get; init; }
    public string? Scheme { get; init; }
    public required HostPosition Position { get; init; }
    /// <summary>The Service name and namespace the host means (the caller's namespace when unqualified).</summary>
    public required string ServiceName { get; init; }
    public required string Namespace { get; init; }
    /// <summary>For `pod.svc.ns.svc.DOMAIN` (a pod of a headless Service): the pod's hostname.</summary>
    public string? PodName { get; init; }
    public required bool Qualified { get; init; }
    /// <summary>The host within the value when the scalar allows it, else the value.</summary>
    public required SourceLocation Location { get; init; }
    public required ScalarNode ValueNode { get; init; }
    /// <summary>The value was rewritten by `$(VAR)` expansion, so <see cref="Location"/> is the whole value.</summary>
    public bool Expanded { get; init; }
    /// <summary>For a value read from a ConfigMap: the ConfigMap and the container's envFrom or configMapKeyRef entry.</summary>
    public ConfigMap? ConfigMap { get; init; }
    public MappingNode? Via { get; init; }
    public required DependencyStatus Status { get; init; }
    public Service? Service { get; init; }
    public DependencyPortStatus PortStatus { get; init; }
    /// <summary>The Service ports the address reaches: the one of <see cref="Port"/>, or every port when the
    /// port is unknown; empty when not exposed.</summary>
    public IReadOnlyList<ServicePort> ServicePorts { get; init; } = [];
    /// <summary>The hostAliases entry that resolves the name, for <see cref="DependencyStatus.HostAlias"/>.</summary>
    public HostAlias? Alias { get; init; }

    /// <summary>"db.prod:5432" style text for messages: the host and the port the client uses.</summary>
    public string Target => Port is not null ? $"{Host}:{Port}" : Host;

    /// <summary>Where the address was read, for messages: "env DB_HOST of container api".</summary>
    public string Origin => Source switch
    {
        AddressSource.Env => $"env {Variable} of container {Container.Name}",
        AddressSource.ConfigMap => $"ConfigMap key {Variable} read by container {Container.Name}",
        _ => $"{Source.ToString().ToLowerInvariant()} of container {Container.Name}",
    };
}

/// <summary>The addresses containers declare in env values, ConfigMap values they read (envFrom,
/// configMapKeyRef), command and args, resolved against the Services and the pods' hostAliases.</summary>
public sealed class DeclaredDependencies
{
    private readonly ResourceGraph _graph;
    private readonly HashSet<string> _inputNamespaces = new(StringComparer.Ordinal);
    private readonly string _domainSuffix;
    private readonly Dictionary<Workload, List<DeclaredDependency>> _byCaller = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every declared dependency, by caller in input order, then container and value order.</summary>
    public IReadOnlyList<DeclaredDependency> All { get; }

    /// <summary>Those that resolve to a Service of the input (graph edges caller → Service:port).</summary>
    public IEnumerable<DeclaredDependency> ToServices => All.Where(d => d.Status == DependencyStatus.Service);

    public IReadOnlyList<DeclaredDependency> Of(Workload caller) => _byCaller.TryGetValue(caller, out var list) ? list : [];

    internal DeclaredDependencies(ResourceGraph graph)
    {
        _graph = graph;
        var model = graph.Model;
        _domainSuffix = ".svc." + graph.Config.ClusterDomain;
        // A namespace the input describes: it holds Services or workloads. A Namespace object alone does not
        // count (manifests applied with `kubectl apply -n NS` put their objects there, not the input).
        foreach (var s in model.Services) _inputNamespaces.Add(s.Namespace);
        foreach (var w in model.Workloads) _inputNamespaces.Add(w.Namespace);

        var all = new List<DeclaredDependency>();
        foreach (var w in model.Workloads)
        {
            if (graph.IsShadowed(w)) continue;
            var list = new List<DeclaredDependency>();
            foreach (var c in w.Template.Containers) ScanContainer(w, c, list);
            if (list.Count == 0) continue;
            _byCaller[w] = list;
            all.AddRange(list);
        }
        All = all;
    }

    /// <summary>Is the namespace one the input has Services or workloads in?</summary>
    public bool IsInputNamespace(string ns) => _inputNamespaces.Contains(ns);


    private void ScanContainer(Workload w, Container c, List<DeclaredDependency> into)
    {
        // Kubelet builds the environment from envFrom first, then env in order; an env value may use
        // `$(VAR)` of the entries before it, command and args may use all of them.
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in c.EnvFrom)
        {
            var cm = _graph.FindConfigMap(w.Namespace, from.Name);
            var data = cm?.Data;
            if (cm is null || data is null) continue;
            foreach (var (key, value) in data.Entries)
            {
                var s = value as ScalarNode;
                // A null scalar (`~`, empty) resolves to JSON null: not a string either.
                if (s is null || s.Resolved.Kind != JsonScalarKind.String) continue;
                var name = from.Prefix + key.Value;
                vars[name] = s.Value;
                Scan(w, c, AddressSource.ConfigMap, name, s.Value, s, false, cm, from.Node, into);
            }
        }
        foreach (var e in c.Env)
        {
            var v = e.Value;
            if (v is not null)
            {
                var text = AddressScanner.Expand(v.Value, vars);
                vars[e.Name] = text;
                Scan(w, c, AddressSource.Env, e.Name, text, v, text != v.Value, null, null, into);
                continue;
            }
            var r = e.FromConfigMap;
            var cm = r is null ? null : _graph.FindConfigMap(w.Namespace, r.Name);
            var s = r is null ? null : cm?.Value(r.Key);
            // Stryker disable once Logical : s is only set when r and cm are; they are tested for the compiler
            if (r is not null && cm is not null && s is not null && s.Resolved.Kind == JsonScalarKind.String)
            {
                vars[e.Name] = s.Value;
                Scan(w, c, AddressSource.ConfigMap, e.Name, s.Value, s, false, cm, r.Node, into);
            }
            else vars.Remove(e.Name); // set from elsewhere (fieldRef, a Secret, …): unknown here
        }
        foreach (var (items, source) in new[] { (c.Command, AddressSource.Command), (c.Args, AddressSource.Args) })
            foreach (var item in items)
            {
                var text = AddressScanner.Expand(item.Value, vars);
                Scan(w, c, source, null, text, item, text != item.Value, null, null, into);
            }
    }

    private void Scan(Workload w, Container c, AddressSource source, string? variable, string text, ScalarNode node, bool expanded,
        ConfigMap? configMap, MappingNode? via, List<DeclaredDependency> into)
    {
        bool hostVariable = source is AddressSource.Env or AddressSource.ConfigMap && AddressScanner.IsHostVariable(variable);
        foreach (var candidate in AddressScanner.Scan(text, hostVariable))
        {
            var r = Resolve(w, candidate);
            if (r is null) continue;
            into.Add(new DeclaredDependency
            {
                Caller = w,
                Container = c,
                Source = source,
                Variable = variable,
                Address = candidate.Address,
                Host = candidate.Host,
                Port = candidate.Port,
                DefaultPort = candidate.DefaultPort,
                Scheme = candidate.Scheme,
                Position = candidate.Position,
                ServiceName = r.Name.Service,
                Namespace = r.Namespace,
                PodName = r.Name.Pod,
                Qualified = r.Name.Namespace is not null,
                Location = (expanded ? null : AddressScanner.Locate(node, candidate.Offset, candidate.Length)) ?? node.Location,
                ValueNode = node,
                Expanded = expanded,
                ConfigMap = configMap,
                Via = via,
                Status = r.Status,
                Service = r.Status == DependencyStatus.Service ? r.Service : null,
                PortStatus = r.PortStatus,
                ServicePorts = r.Ports,
                Alias = r.Alias,
            });
        }
    }

    /// <summary>The cluster Service a host names, or null when it is not shaped like one (docs/semantics.md §10):
    /// `svc`, `svc.ns` (ns a namespace the input or config knows), `svc.ns.svc`, `svc.ns.svc.DOMAIN`, and
    /// `pod.svc.ns.svc[.DOMAIN]`.</summary>
    public (string Service, string? Namespace, string? Pod)? Classify(string host)
    {
        if (host is "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal)) return null;
        var labels = host.Split('.');
        string[]? rest = null;
        if (host.EndsWith(_domainSuffix, StringComparison.Ordinal)) rest = labels[..^(_domainSuffix.Count(ch => ch == '.'))];
        else if (host.EndsWith(".svc", StringComparison.Ordinal)) rest = labels[..^1];
        (string Service, string? Namespace, string? Pod)? name = rest switch
        {
            { Length: 2 } => (rest[0], rest[1], null),
            { Length: 3 } => (rest[1], rest[2], rest[0]),
            not null => null,
            _ => labels.Length switch
            {
                1 => (labels[0], null, null),
                2 when _graph.Namespaces.ContainsKey(labels[1]) => (labels[0], labels[1], null),
                _ => null,
            },
        };
        // Service names are DNS-1035 labels: a number or a word starting with a digit is no Service.
        if (name is null) return null;
        var n = name.Value;
        if (n.Service.Length > 63 || !char.IsAsciiLetterLower(n.Service[0])) return null;
        if (n.Namespace is { Length: 0 or > 63 }) return null;
        return n;
    }

    private sealed record Resolution((string Service, string? Namespace, string? Pod) Name, string Namespace, DependencyStatus Status,
        Service? Service, DependencyPortStatus PortStatus, IReadOnlyList<ServicePort> Ports, HostAlias? Alias);

    private Resolution? Resolve(Workload w, AddressCandidate candidate)
    {
        var classified = Classify(candidate.Host);
        if (classified is null) return null;
        var name = classified.Value;
        bool qualified = name.Namespace is not null;
        var ns = name.Namespace ?? w.Namespace;
        var alias = w.Template.HostAliases.FirstOrDefault(a => a.Hostnames.Any(h => string.Equals(h.Value.TrimEnd('.'), candidate.Host, StringComparison.OrdinalIgnoreCase)));
        var service = _graph.FindService(ns, name.Service);
        var status = DependencyStatus.OutsideInput;
        if (alias is not null) status = DependencyStatus.HostAlias;
        else if ((ns, name.Service) is ("default", "kubernetes") or ("kube-system", "kube-dns") && service is null) status = DependencyStatus.ClusterBuiltIn;
        else if (service is not null) status = DependencyStatus.Service;
        else if (!qualified)
        {
            // An unqualified word is a Service name only where the value clearly holds a host.
            if (candidate.Position == HostPosition.Text) return null;
            status = DependencyStatus.UnqualifiedServiceMissing;
        }
        else status = IsInputNamespace(ns) ? DependencyStatus.ServiceMissing : DependencyStatus.OutsideInput;
        // A pod's own name under a Service is only in DNS for a headless Service.
        if (status == DependencyStatus.Service && name.Pod is not null && !service!.IsHeadless) return null;

        var portStatus = DependencyPortStatus.Unspecified;
        IReadOnlyList<ServicePort> ports = [];
        if (status == DependencyStatus.Service)
        {
            if (service!.IsHeadless || service.IsExternalName) { portStatus = DependencyPortStatus.NotApplicable; ports = service.Ports; }
            else if (candidate.Port is not null)
            {
                int port = candidate.Port.Value;
                ports = service.Ports.Where(p => p.Port == port).ToList();
                // A Service port whose number does not read (KNL005) may be the one: not judged.
                portStatus = ports.Count > 0 ? DependencyPortStatus.Exposed
                    : service.Ports.Any(p => p.Port is null) ? DependencyPortStatus.Unspecified : DependencyPortStatus.NotExposed;
            }
            else ports = service.Ports;
        }
        // An unqualified `name:port` among free text that names a Service but none of its ports is as likely
        // an image and tag (`redis:7`) or a version as an address: not a dependency, so no false KNL121.
        if (portStatus == DependencyPortStatus.NotExposed && !qualified && candidate.Position == HostPosition.Text) return null;
        return new Resolution(name, ns, status, service, portStatus, ports, alias);
    }
}
