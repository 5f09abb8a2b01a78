using System.Collections.Concurrent;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Graph;

/// <summary>Where a Service port lands on one workload: the container port number, and the declared
/// container port when there is one. <see cref="Number"/> is null when a named targetPort does not resolve.</summary>
public sealed record TargetResolution(int? Number, ContainerPort? Declared);

/// <summary>The edges between objects, built once over the model: which workloads a Service selects,
/// which Service an Ingress backend routes to, which policies select a workload. Selector results are
/// cached, so no rule re-matches the same selector against every workload.</summary>
public sealed class ResourceGraph
{
    public ResourceModel Model { get; }
    public LintConfig Config { get; }

    private readonly Dictionary<string, List<Workload>> _workloadsByNamespace;
    private readonly Dictionary<(string, string), Service> _services = [];
    private readonly Dictionary<(string, string), List<Service>> _servicesAll = [];
    private readonly Dictionary<(string, string), Secret> _secrets = [];
    private readonly Dictionary<(string, string), ConfigMap> _configMaps = [];
    private readonly HashSet<(string, string)> _endpoints = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _namespaceLabels = new(StringComparer.Ordinal);
    private readonly OnceCache<(string Namespace, string Selector), IReadOnlyList<Workload>> _selectCache = new();
    private readonly Dictionary<Service, IReadOnlyList<Workload>> _serviceSelects = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Workload> _shadowed = new(ReferenceEqualityComparer.Instance);
    private readonly IReadOnlyList<Workload> _workloads;
    private readonly Dictionary<Workload, List<Service>> _selectingServices = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<Service>> _servicesByNamespace = new(StringComparer.Ordinal);

    public ResourceGraph(ResourceModel model, LintConfig? config = null)
    {
        Model = model;
        Config = config ?? LintConfig.Empty;
        _routes = new Lazy<RouteGraph>(() => new RouteGraph(this), LazyThreadSafetyMode.ExecutionAndPublication);
        _workloads = model.Workloads;
        _dependencies = new Lazy<DeclaredDependencies>(() => new DeclaredDependencies(this), LazyThreadSafetyMode.ExecutionAndPublication);
        _objects = new Lazy<ObjectGraph>(() => ObjectGraph.Build(this), LazyThreadSafetyMode.ExecutionAndPublication);
        _workloadsByNamespace = model.Workloads.GroupBy(w => w.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        WorkloadIndex = new LabelIndex(_workloads.Count, i => _workloads[i].Namespace, i => _workloads[i].Template.Labels,
            _workloads.SelectMany(w => w.LabelKeysBeyondTemplate()));
        // A workload defined twice (KNL004) exists once in the cluster, as its last definition (applying
        // both keeps the last; the connectivity analysis keeps the same one). Selectors select that one,
        // so N copies of a Deployment and its Service cost N, not N².
        var last = new Dictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var w in model.Workloads) last[w.Id] = w;
        if (last.Count < model.Workloads.Count)
            foreach (var w in model.Workloads)
                if (!ReferenceEquals(last[w.Id], w)) _shadowed.Add(w);
        foreach (var s in model.Services)
        {
            _services.TryAdd((s.Namespace, s.Name), s);
            var list = _servicesAll.GetValueOrDefault((s.Namespace, s.Name));
            if (list is null) _servicesAll[(s.Namespace, s.Name)] = list = [];
            list.Add(s);
            var inNamespace = _servicesByNamespace.GetValueOrDefault(s.Namespace);
            if (inNamespace is null) _servicesByNamespace[s.Namespace] = inNamespace = [];
            inNamespace.Add(s);
        }
        foreach (var s in model.Secrets) _secrets.TryAdd((s.Namespace, s.Name), s);
        foreach (var cm in model.ConfigMaps) _configMaps[(cm.Namespace, cm.Name)] = cm; // the last definition wins, as kubectl apply leaves it (KNL004)
        foreach (var e in model.Endpoints) _endpoints.Add((e.Namespace, e.ServiceName));

        // Namespaces: those defined, those the config names, and those any object uses. Every namespace
        // carries kubernetes.io/metadata.name (set by the API server since 1.21).
        foreach (var (name, labels) in Config.Namespaces) SetNamespace(name, labels);
        foreach (var ns in model.Namespaces) SetNamespace(ns.Name, ns.Labels);
        foreach (var r in model.Resources)
            if (r.Namespace is not null && !_namespaceLabels.ContainsKey(r.Namespace)) SetNamespace(r.Namespace, new Dictionary<string, string>());
        if (!_namespaceLabels.ContainsKey(model.DefaultNamespace)) SetNamespace(model.DefaultNamespace, new Dictionary<string, string>());

        // The one place Services meet workloads: run-once Helm hooks (test Pods, hook Jobs) match the
        // selector's labels but are never backends, so every Service and Ingress rule and the ingress
        // routes leave them out.
        var serving = new Dictionary<IReadOnlyList<Workload>, IReadOnlyList<Workload>>(ReferenceEqualityComparer.Instance);
        foreach (var s in model.Services)
        {
            if (s.Selector is null) { _serviceSelects[s] = []; continue; }
            var selected = SelectWorkloads(s.Namespace, s.Selector);
            var backends = serving.GetValueOrDefault(selected);
            if (backends is null) serving[selected] = backends = selected.Where(w => w.ServesTraffic).ToList();
            _serviceSelects[s] = backends;
            foreach (var w in backends)
            {
                var list = _selectingServices.GetValueOrDefault(w);
                if (list is null) _selectingServices[w] = list = [];
                list.Add(s);
            }
        }
    }

    private readonly Lazy<RouteGraph> _routes;
    private readonly Lazy<DeclaredDependencies> _dependencies;

    /// <summary>The addresses containers are configured with, resolved to Services (built on first use, once).</summary>
    public DeclaredDependencies Dependencies => _dependencies.Value;

    /// <summary>A workload defined again later under the same identity: only the last definition counts.</summary>
    public bool IsShadowed(Workload workload) => _shadowed.Contains(workload);

    /// <summary>Gateway API attachments and backends, and the route table shared with Ingress (built on
    /// first use, once).</summary>
    public RouteGraph Routes => _routes.Value;

    private readonly Lazy<ObjectGraph> _objects;

    /// <summary>Every object and relation as one QuikGraph graph (built on first use, once: `check` only
    /// pays for it when something asks).</summary>
    public ObjectGraph Objects => _objects.Value;

    /// <summary>Has <see cref="Objects"/> been built (for tests that check who pays for it)?</summary>
    public bool ObjectsBuilt => _objects.IsValueCreated;

    private void SetNamespace(string name, IReadOnlyDictionary<string, string> labels)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_namespaceLabels.TryGetValue(name, out var existing)) foreach (var (k, v) in existing) merged[k] = v;
        foreach (var (k, v) in labels) merged[k] = v;
        merged["kubernetes.io/metadata.name"] = name;
        _namespaceLabels[name] = merged;
    }

    /// <summary>Every namespace known to the input or config, with its labels.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Namespaces => _namespaceLabels;

    public IReadOnlyList<Workload> WorkloadsIn(string ns) =>
        _workloadsByNamespace.TryGetValue(ns, out var list) ? list : [];

    /// <summary>The workloads of a namespace whose pods the selector selects (cached per selector); of a
    /// workload defined more than once, only its last definition.</summary>
    public IReadOnlyList<Workload> SelectWorkloads(string ns, LabelSelector selector) =>
        _selectCache.GetOrAdd((ns, selector.ToString()), _ =>
            WorkloadIndex.Select(ns, selector, i => !_shadowed.Contains(_workloads[i]) && _workloads[i].IsSelectedBy(selector)).ConvertAll(i => _workloads[i]));

    /// <summary>The workloads' pod template labels, indexed (the positions are those of
    /// <see cref="ResourceModel.Workloads"/>).</summary>
    public LabelIndex WorkloadIndex { get; }

    /// <summary>Workloads a Service routes to (none for a Service without a selector).</summary>
    public IReadOnlyList<Workload> SelectedBy(Service service) =>
        _serviceSelects.TryGetValue(service, out var list) ? list : [];

    /// <summary>The Services that route to a workload (the reverse of <see cref="SelectedBy"/>), in input order.</summary>
    public IReadOnlyList<Service> ServicesSelecting(Workload workload) =>
        _selectingServices.TryGetValue(workload, out var list) ? list : [];

    /// <summary>The Services of a namespace, every definition, in input order.</summary>
    public IReadOnlyList<Service> ServicesIn(string ns) => _servicesByNamespace.TryGetValue(ns, out var list) ? list : [];

    /// <summary>Run-once Helm hooks whose labels a Service's selector matches: not backends (see
    /// <see cref="Workload.ServesTraffic"/>), named only to explain why a Service selects nothing.</summary>
    public IReadOnlyList<Workload> HooksMatchedBy(Service service) =>
        service.Selector is null ? [] : SelectWorkloads(service.Namespace, service.Selector).Where(w => !w.ServesTraffic).ToList();

    public Service? FindService(string ns, string name) => _services.GetValueOrDefault((ns, name));
    public Secret? FindSecret(string ns, string name) => _secrets.GetValueOrDefault((ns, name));

    /// <summary>A ConfigMap of the input; one defined twice is its last definition.</summary>
    public ConfigMap? FindConfigMap(string ns, string name) => _configMaps.GetValueOrDefault((ns, name));

    /// <summary>True when Endpoints or an EndpointSlice of that Service name exist in the namespace.</summary>
    public bool HasEndpointObjects(string ns, string serviceName) => _endpoints.Contains((ns, serviceName));

    /// <summary>Resolves a Service port on one workload: a number passes through (Kubernetes routes to it
    /// whether declared or not); a name must match a container port by name and protocol.</summary>
    public static TargetResolution ResolveTarget(ServicePort port, Workload workload)
    {
        var target = port.EffectiveTarget;
        if (target is null) return new TargetResolution(null, null);
        if (target.Name is not null)
        {
            var declared = workload.Template.FindNamedPort(target.Name, port.Protocol);
            return new TargetResolution(declared?.Number, declared);
        }
        return new TargetResolution(target.Number, workload.Template.FindPortNumber(target.Number!.Value, port.Protocol));
    }
}
