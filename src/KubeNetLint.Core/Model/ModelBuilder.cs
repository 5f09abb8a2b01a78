using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>Turns parsed documents into <see cref="Resource"/>s and typed views. Wrong value types never
/// throw: they read as absent and are recorded for KNL005.</summary>
public sealed partial class ModelBuilder
{
    private readonly string _defaultNamespace;
    private readonly ObjectKinds _kinds;
    private readonly List<FieldTypeError> _typeErrors = [];
    private readonly FieldReader _r;

    public ModelBuilder(string defaultNamespace = "default", ObjectKinds? kinds = null)
    {
        _defaultNamespace = defaultNamespace;
        _kinds = kinds ?? new ObjectKinds();
        _r = new FieldReader(_typeErrors);
    }

    public ResourceModel Build(IReadOnlyList<SourceFile> files, IReadOnlyList<ParsedDocument> documents, IReadOnlyList<LoadProblem> problems)
    {
        var resources = new List<Resource>();
        var nonObjects = new List<NonObjectDocument>();
        int order = 0;
        foreach (var doc in documents) AddDocument(doc.Root, resources, nonObjects, ref order);

        var workloads = new List<Workload>();
        var services = new List<Service>();
        var ingresses = new List<Ingress>();
        var classes = new List<IngressClass>();
        var policies = new List<NetworkPolicy>();
        var adminPolicies = new List<AdminNetworkPolicy>();
        var secrets = new List<Secret>();
        var configMaps = new List<ConfigMap>();
        var namespaces = new List<NamespaceObject>();
        var endpoints = new List<EndpointsObject>();
        var gatewayClasses = new List<GatewayClass>();
        var gateways = new List<Gateway>();
        var listenerSets = new List<ListenerSet>();
        var routes = new List<Route>();
        var grants = new List<ReferenceGrant>();
        var backendTlsPolicies = new List<BackendTlsPolicy>();

        // Only objects that run pods own them for grouping: a static Pod's owner is its Node, which a
        // cluster dump may hold, and that must not make the Pod vanish.
        var owners = new HashSet<string>(resources.Where(r => _kinds.WorkloadKindOf(r) is not null).Select(r => $"{r.Namespace}/{r.Kind}/{r.Name}"),
            StringComparer.Ordinal);
        var ownerlessGroups = new Dictionary<PodOwner, List<Resource>>();
        foreach (var r in resources)
        {
            int errorsBefore = _typeErrors.Count;
            AddView(r);
            for (int i = errorsBefore; i < _typeErrors.Count; i++) _typeErrors[i] = _typeErrors[i] with { Subject = r };
        }
        foreach (var (owner, group) in ownerlessGroups) workloads.AddRange(GroupPods(owner, group));

        void AddView(Resource r)
        {
            var wk = _kinds.WorkloadKindOf(r);
            if (wk is not null)
            {
                if (HasControllerInInput(r, owners) || IsFinishedPod(r)) return;
                var owner = r.Kind == "Pod" && r.Group == "" ? AbsentController(r) : null;
                if (owner is not null)
                {
                    var group = ownerlessGroups.GetValueOrDefault(owner);
                    if (group is null) ownerlessGroups[owner] = group = [];
                    group.Add(r);
                    return;
                }
                workloads.Add(ReadWorkload(r, wk));
                return;
            }
            switch (r.Kind)
            {
                case "Service" when r.Group == "": services.Add(ReadService(r)); break;
                case "Ingress" when r.Group is "networking.k8s.io" or "extensions": ingresses.Add(ReadIngress(r)); break;
                case "IngressClass" when r.Group == "networking.k8s.io":
                    classes.Add(new IngressClass { Resource = r, Controller = _r.String(r.Spec, "controller", "spec.controller") });
                    break;
                case "NetworkPolicy" when r.Group == "networking.k8s.io": policies.Add(ReadPolicy(r)); break;
                case AdminNetworkPolicy.AnpKind or AdminNetworkPolicy.BanpKind or AdminNetworkPolicy.CnpKind when r.Group == AdminNetworkPolicy.Group:
                    adminPolicies.Add(ReadAdminPolicy(r));
                    break;
                case "Secret" when r.Group == "":
                    secrets.Add(new Secret
                    {
                        Resource = r,
                        Type = _r.String(r.Root, "type", "type") ?? "Opaque",
                        TypeNode = r.Root["type"] as ScalarNode,
                        Data = _r.Map(r.Root, "data", "data"),
                        StringData = _r.Map(r.Root, "stringData", "stringData"),
                    });
                    break;
                case "GatewayClass" when r.Group == GatewayApi.Group: gatewayClasses.Add(ReadGatewayClass(r)); break;
                case "Gateway" when r.Group == GatewayApi.Group: gateways.Add(ReadGateway(r)); break;
                case "ListenerSet" when r.Group == GatewayApi.Group: listenerSets.Add(ReadListenerSet(r)); break;
                case "ReferenceGrant" when r.Group == GatewayApi.Group: grants.Add(ReadReferenceGrant(r)); break;
                case "BackendTLSPolicy" when r.Group == GatewayApi.Group: backendTlsPolicies.Add(ReadBackendTlsPolicy(r)); break;
                case var k when r.Group == GatewayApi.Group && GatewayApi.RouteKinds.Contains(k): routes.Add(ReadRoute(r)); break;
                case "ConfigMap" when r.Group == "":
                    configMaps.Add(new ConfigMap { Resource = r, Data = r.Root["data"] as MappingNode });
                    break;
                case "Namespace" when r.Group == "": namespaces.Add(new NamespaceObject { Resource = r }); break;
                case "Endpoints" when r.Group == "": endpoints.Add(new EndpointsObject { Resource = r, ServiceName = r.Name }); break;
                case "EndpointSlice" when r.Group == "discovery.k8s.io":
                    var svc = r.Labels.GetValueOrDefault("kubernetes.io/service-name");
                    if (svc is not null)
                        endpoints.Add(new EndpointsObject { Resource = r, ServiceName = svc });
                    break;
            }
        }

        return new ResourceModel
        {
            Files = files,
            LoadProblems = problems,
            Resources = resources,
            NonObjects = nonObjects,
            Documents = documents,
            TypeErrors = _typeErrors,
            Kinds = _kinds,
            Workloads = workloads,
            Services = services,
            Ingresses = ingresses,
            IngressClasses = classes,
            NetworkPolicies = policies,
            AdminPolicies = adminPolicies,
            Secrets = secrets,
            ConfigMaps = configMaps,
            Namespaces = namespaces,
            Endpoints = endpoints,
            GatewayClasses = gatewayClasses,
            Gateways = gateways,
            ListenerSets = listenerSets,
            Routes = routes,
            ReferenceGrants = grants,
            BackendTlsPolicies = backendTlsPolicies,
            DefaultNamespace = _defaultNamespace,
        };
    }

    /// <summary>The controller a Pod names in its ownerReferences when that controller runs pods (a
    /// ReplicaSet, StatefulSet, Job, DaemonSet, …) but is not in the input, as "ns/Kind/name"; null for
    /// Pods without one and for static Pods (owned by their Node).</summary>
    private PodOwner? AbsentController(Resource r)
    {
        foreach (var o in _r.MapItems(_r.Seq(r.Metadata, "ownerReferences", "metadata.ownerReferences"), "metadata.ownerReferences"))
        {
            var c = o["controller"] as ScalarNode;
            bool isController = false;
            if (c is null || !c.TryGetBool(out isController) || !isController) continue;
            var kind = (o["kind"] as ScalarNode)?.Value;
            var name = (o["name"] as ScalarNode)?.Value;
            if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(name)) return null;
            var apiVersion = (o["apiVersion"] as ScalarNode)?.Value ?? "";
            // No slash: the core group ("v1"), the empty prefix.
            var group = apiVersion[..Math.Max(0, apiVersion.IndexOf('/'))];
            return _kinds.WorkloadKindOf(group, kind) is null ? null : new PodOwner(r.Namespace ?? _defaultNamespace, apiVersion, group, kind, name);
        }
        return null;
    }

    /// <summary>The controller an ownerReference names.</summary>
    private sealed record PodOwner(string Namespace, string ApiVersion, string Group, string Kind, string Name)
    {
        public string Id => $"{Namespace}/{Kind}/{Name}";
    }

    /// <summary>The Pods of one controller that is not in the input (a dump of Pods without their
    /// ReplicaSet or StatefulSet): one workload named after that controller when the Pods are alike
    /// (same labels, apart from the per-pod labels a StatefulSet adds, and same containers' ports);
    /// otherwise each Pod stays a workload of its own, since policies could tell them apart.</summary>
    private IEnumerable<Workload> GroupPods(PodOwner owner, List<Resource> pods)
    {
        var first = pods[0];
        string kind = owner.Kind, name = owner.Name;
        bool stateful = kind == "StatefulSet";
        Dictionary<string, string> CommonLabels(Resource p) => p.Labels
            .Where(kv => !(stateful && kv.Key is Workload.PodNameLabel or Workload.PodIndexLabel))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var podKind = _kinds.WorkloadKindOf(first)!;
        var read = pods.Select(p => ReadWorkload(p, podKind)).ToList();
        var labels = CommonLabels(first);
        string Ports(Workload w) => string.Join(",", w.Template.Ports.Select(p => $"{p.Name}:{p.Number}/{p.Protocol}").Order(StringComparer.Ordinal));
        bool SameLabels(Resource p)
        {
            var l = CommonLabels(p);
            return l.Count == labels.Count && l.All(kv => labels.GetValueOrDefault(kv.Key) == kv.Value);
        }
        bool alike = pods.All(SameLabels) && read.All(w => Ports(w) == Ports(read[0]));
        if (!alike)
        {
            var differing = pods.SelectMany(p => CommonLabels(p).Keys).Concat(labels.Keys).Distinct(StringComparer.Ordinal)
                .Where(k => pods.Select(p => p.Labels.GetValueOrDefault(k)).Distinct(StringComparer.Ordinal).Count() > 1)
                .Order(StringComparer.Ordinal).ToList();
            var reason = differing.Count > 0 ? $"their labels differ ({string.Join(", ", differing)})" : "their containers' ports differ";
            foreach (var w in read)
                yield return new Workload
                {
                    Resource = w.Resource, KindInfo = w.KindInfo, Template = w.Template, PodIPs = w.PodIPs,
                    Controller = new ControllerRef(owner.Id, $"not grouped with the other Pods of {kind} {name}: {reason}, so policies may tell them apart"),
                };
            yield break;
        }
        int replicas = pods.Count;
        if (stateful)
            foreach (var p in pods)
            {
                if (!p.Name.StartsWith(name + "-", StringComparison.Ordinal)) continue;
                if (int.TryParse(p.Name.AsSpan(name.Length + 1), out var ordinal)) replicas = Math.Max(replicas, ordinal + 1);
            }
        var ownerResource = new Resource
        {
            Root = first.Root,
            ApiVersion = owner.ApiVersion,
            Kind = kind,
            Group = owner.Group,
            Name = name,
            Namespace = first.Namespace,
            NamespaceWasSet = first.NamespaceWasSet,
            Labels = labels,
            Annotations = first.Annotations,
            Metadata = first.Metadata,
            Order = first.Order,
        };
        var grouped = read[0];
        yield return new Workload
        {
            Resource = ownerResource,
            KindInfo = podKind,
            Template = new PodTemplate
            {
                Labels = labels,
                LabelsNode = grouped.Template.LabelsNode,
                Spec = grouped.Template.Spec,
                Containers = grouped.Template.Containers,
                HostNetwork = grouped.Template.HostNetwork,
                HostAliases = grouped.Template.HostAliases,
            },
            Replicas = replicas,
            PodsInInput = pods,
            Controller = new ControllerRef(owner.Id, null),
            PodIPs = [.. read.SelectMany(w => w.PodIPs).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>A Pod of a cluster dump whose containers have all terminated (`status.phase` Succeeded or
    /// Failed: the kubelet does not restart them) has no IP any more: it is no endpoint, and no Service
    /// sends it traffic (the EndpointSlice controller leaves terminal pods out, pkg/api/v1/pod
    /// IsPodTerminal).</summary>
    private bool IsFinishedPod(Resource r) =>
        r.Kind == "Pod" && r.Group == "" && _r.Map(r.Root, "status", "status")?["phase"] is ScalarNode { Value: "Succeeded" or "Failed" };

    private static string GeneratedName(string? generateName) => generateName is null ? "" : generateName + "*";

    /// <summary>A Pod (or ReplicaSet) whose controller is in the input counts once, as that controller.</summary>
    private bool HasControllerInInput(Resource r, HashSet<string> owners)
    {
        var refs = _r.MapItems(_r.Seq(r.Metadata, "ownerReferences", "metadata.ownerReferences"), "metadata.ownerReferences");
        foreach (var o in refs)
        {
            var controller = o["controller"] as ScalarNode;
            bool isController = false;
            if (controller is null || !controller.TryGetBool(out isController) || !isController) continue;
            var k = o["kind"] as ScalarNode;
            var n = o["name"] as ScalarNode;
            if (k is not null && n is not null && owners.Contains($"{r.Namespace}/{k.Value}/{n.Value}")) return true;
        }
        return false;
    }

    /// <param name="listApiVersion">For an item of a typed list (<c>PodList</c>): the list's apiVersion,
    /// which an item without one has (raw API responses and dump tools leave it out of the items).</param>
    /// <param name="listItemKind">For an item of a typed list: the kind the list holds.</param>
    /// <param name="inList">The mapping is an item of a List.</param>
    private void AddDocument(Node root, List<Resource> resources, List<NonObjectDocument> nonObjects, ref int order,
        string? listApiVersion = null, string? listItemKind = null, bool inList = false)
    {
        var map = root as MappingNode;
        if (map is null)
        {
            nonObjects.Add(new NonObjectDocument(root, $"the document is {Describe(root)}, not a Kubernetes object (a mapping with apiVersion and kind)"));
            return;
        }
        if (map.Count == 0) return;
        var apiVersion = _r.Text(map, "apiVersion") ?? listApiVersion;
        var kind = _r.Text(map, "kind") ?? listItemKind;
        if (apiVersion is null || kind is null)
        {
            var missing = apiVersion is null && kind is null ? "apiVersion and kind" : apiVersion is null ? "apiVersion" : "kind";
            nonObjects.Add(new NonObjectDocument(root, inList
                ? $"this item of a List has no {missing}; a `kind: List` item must name its own, so it is skipped"
                : $"the document has no {missing}; it is not a Kubernetes object and is skipped"));
            return;
        }
        var itemsNode = kind.EndsWith("List", StringComparison.Ordinal) ? map["items"] : null;
        if (itemsNode is not null)
        {
            var items = itemsNode as SequenceNode;
            if (items is not null)
            {
                // `kind: List` (what `kubectl get -o yaml` writes) holds objects that name their kind; a
                // typed list (`PodList`, `apps/v1 DeploymentList`) holds items of its kind and version,
                // which API responses and dump tools do not repeat in each item.
                string? itemKind = kind == "List" ? null : kind[..^"List".Length];
                foreach (var item in items.Items)
                    AddDocument(item, resources, nonObjects, ref order, itemKind is null ? null : apiVersion, itemKind, inList: true);
                return;
            }
            if (!(itemsNode is ScalarNode { IsNull: true }))
            {
                _typeErrors.Add(new FieldTypeError(itemsNode, "items", "a list"));
                return;
            }
            return;
        }

        int errorsBefore = _typeErrors.Count;
        var metadata = _r.Map(map, "metadata", "metadata");
        // As the API server reads them: an empty name is no name (a generateName then names the object), and an
        // empty generateName is none; without either, Name is "" (KNL011: the API server rejects the object).
        var name = NonEmpty(_r.String(metadata, "name", "metadata.name", strict: false))
                   ?? GeneratedName(NonEmpty(_r.String(metadata, "generateName", "metadata.generateName", strict: false)));
        var ns = _r.String(metadata, "namespace", "metadata.namespace", strict: false);
        bool clusterScoped = ObjectKinds.IsClusterScoped(kind);
        var resource = new Resource
        {
            Root = map,
            ApiVersion = apiVersion,
            Kind = kind,
            Group = apiVersion[..Math.Max(0, apiVersion.IndexOf('/'))], // "v1": the core group, ""
            Name = name,
            Namespace = clusterScoped ? null : string.IsNullOrEmpty(ns) ? _defaultNamespace : ns,
            NamespaceWasSet = !string.IsNullOrEmpty(ns),
            Labels = _r.StringMap(metadata, "labels", "metadata.labels"),
            Annotations = _r.StringMap(metadata, "annotations", "metadata.annotations"),
            Metadata = metadata,
            Order = order++,
        };
        resources.Add(resource);
        for (int i = errorsBefore; i < _typeErrors.Count; i++) _typeErrors[i] = _typeErrors[i] with { Subject = resource };
    }

    private static string Describe(Node n) => n switch
    {
        SequenceNode => "a list",
        ScalarNode s => $"a single value ('{(s.Value.Length > 30 ? s.Value[..30] + "…" : s.Value)}')",
        _ => "not a mapping",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> TemplateKeys = new(StringComparer.Ordinal);

    private Workload ReadWorkload(Resource r, WorkloadKind kind)
    {
        if (kind.IsOperatorManaged) return ReadOperatorWorkload(r, kind);
        MappingNode? templateMeta = null, podSpec = null;
        string prefix = kind.TemplatePath.Length == 0 ? "" : FieldPath.Join(kind.TemplatePath, ".");
        if (kind.TemplatePath.Length == 0)
        {
            templateMeta = r.Metadata;
            podSpec = _r.Map(r.Root, "spec", "spec");
        }
        else
        {
            // Check each step's type so a wrong one is reported (KNL005) rather than silently empty.
            MappingNode? node = r.Root;
            string field = "";
            foreach (var part in TemplateKeys.GetOrAdd(kind.TemplatePath, static p => p.Split('.')))
            {
                field = field.Length == 0 ? part : FieldPath.Join(field, ".", part);
                node = _r.Map(node, part, field);
                if (node is null) break;
            }
            templateMeta = _r.Map(node, "metadata", FieldPath.Join(prefix, "metadata"));
            podSpec = _r.Map(node, "spec", FieldPath.Join(prefix, "spec"));
        }
        var labels = kind.TemplatePath.Length == 0 ? r.Labels : _r.StringMap(templateMeta, "labels", FieldPath.Join(prefix, "metadata.labels"));
        var containers = new List<Container>();
        ReadContainers(podSpec, "containers", isInit: false, FieldPath.Join(prefix, "spec.containers"), containers);
        ReadContainers(podSpec, "initContainers", isInit: true, FieldPath.Join(prefix, "spec.initContainers"), containers);
        var template = new PodTemplate
        {
            Labels = labels,
            LabelsNode = templateMeta?["labels"] as MappingNode,
            Spec = podSpec,
            Containers = containers,
            HostNetwork = _r.Bool(podSpec, "hostNetwork", FieldPath.Join(prefix, "spec.hostNetwork")) ?? false,
            HostAliases = ReadHostAliases(podSpec, prefix),
        };

        LabelSelector? selector = null;
        Node? selectorNode = null;
        var spec = kind.TemplatePath.Length > 0 ? r.Spec : null;
        var sel = spec?["selector"];
        if (spec is not null && !Node.IsAbsent(sel))
        {
            selectorNode = sel;
            var selMap = sel as MappingNode;
            if (selMap is not null)
            {
                // ReplicationController selectors are plain maps; the others are LabelSelectors.
                selector = r.Kind == "ReplicationController"
                    ? LabelSelector.FromMap(_r.StringMap(spec, "selector", "spec.selector"), selMap)
                    : LabelSelector.Read(_r, selMap, "spec.selector");
            }
            else _typeErrors.Add(new FieldTypeError(sel, "spec.selector", "a mapping"));
        }
        var controllerSpec = _r.Map(r.Root, "spec", "spec");
        return new Workload
        {
            Resource = r,
            KindInfo = kind,
            Template = template,
            Selector = selector,
            SelectorNode = selectorNode,
            Replicas = kind.TemplatePath.Length == 0 ? null : _r.Int(controllerSpec, "replicas", "spec.replicas"),
            ServiceNameNode = r.Kind == "StatefulSet" ? _r.Scalar(controllerSpec, "serviceName", "spec.serviceName") : null,
            PodIPs = kind.TemplatePath.Length == 0 ? PodIPs(r) : [],
        };
    }

    /// <summary>`status.podIP` and `status.podIPs[].ip` of a Pod from a cluster dump (runtime fields: read
    /// without type findings).</summary>
    private static List<string> PodIPs(Resource r)
    {
        var ips = new List<string>();
        var status = r.Root["status"] as MappingNode;
        if (status is null) return ips;
        var ip = status["podIP"] as ScalarNode;
        if (ip is not null && ip.Value.Length > 0) ips.Add(ip.Value);
        var list = status["podIPs"] as SequenceNode;
        if (list is null) return ips;
        foreach (var item in list.Items)
        {
            var each = (item as MappingNode)?["ip"] as ScalarNode;
            if (each is not null && each.Value.Length > 0 && !ips.Contains(each.Value)) ips.Add(each.Value);
        }
        return ips;
    }

    private static readonly string[] ProbeKinds = new string[] { "livenessProbe", "readinessProbe", "startupProbe" };
    private static readonly string[] ProbeHandlers = new string[] { "httpGet", "tcpSocket", "grpc" };

    private void ReadContainers(MappingNode? podSpec, string key, bool isInit, string field, List<Container> into)
    {
        foreach (var c in _r.MapItems(_r.Seq(podSpec, key, field), field))
        {
            var ports = new List<ContainerPort>();
            var portsField = FieldPath.Join(field, "[].ports");
            foreach (var p in _r.MapItems(_r.Seq(c, "ports", portsField), portsField))
            {
                ports.Add(new ContainerPort(
                    _r.String(p, "name", FieldPath.Join(field, "[].ports[].name")),
                    _r.Int(p, "containerPort", FieldPath.Join(field, "[].ports[].containerPort")),
                    _r.String(p, "protocol", FieldPath.Join(field, "[].ports[].protocol")) ?? Protocols.Tcp,
                    p));
            }
            var probes = new List<Probe>();
            foreach (var probeKind in ProbeKinds)
            {
                var probeField = FieldPath.Join(field, "[].", probeKind);
                var probe = _r.Map(c, probeKind, probeField);
                if (probe is null) continue;
                foreach (var handler in ProbeHandlers)
                {
                    var handlerField = FieldPath.Join(probeField, ".", handler);
                    var h = _r.Map(probe, handler, handlerField);
                    var port = handler == "grpc"
                        ? GrpcPort(h, FieldPath.Join(handlerField, ".port"))
                        : _r.IntOrString(h, "port", FieldPath.Join(handlerField, ".port"));
                    if (port is not null) probes.Add(new Probe(probeKind, port, h!));
                }
            }
            bool sidecar = isInit && c["restartPolicy"] is ScalarNode { Value: "Always" };
            into.Add(new Container(_r.String(c, "name", FieldPath.Join(field, "[].name"), strict: false) ?? "", isInit, ports, probes, c)
            {
                ServesTraffic = !isInit || sidecar,
                Env = ReadEnv(c, field),
                EnvFrom = ReadEnvFrom(c, field),
                Command = ReadStrings(c, "command", FieldPath.Join(field, "[].command")),
                Args = ReadStrings(c, "args", FieldPath.Join(field, "[].args")),
            });
        }
    }

    /// <summary>A gRPC probe's port: a number only (no named ports there).</summary>
    private PortRef? GrpcPort(MappingNode? handler, string field)
    {
        var number = _r.Int(handler, "port", field);
        var node = handler?["port"] as ScalarNode;
        return number is not null && node is not null ? new PortRef(number.Value, null, node) : null;
    }

    private List<EnvVar> ReadEnv(MappingNode c, string field)
    {
        var env = new List<EnvVar>();
        var envField = FieldPath.Join(field, "[].env");
        foreach (var e in _r.MapItems(_r.Seq(c, "env", envField), envField))
        {
            var name = _r.String(e, "name", FieldPath.Join(envField, "[].name"), strict: false) ?? "";
            var value = _r.String(e, "value", FieldPath.Join(envField, "[].value")) is not null ? e["value"] as ScalarNode : null;
            ConfigMapKeyRef? fromConfigMap = null;
            var valueFrom = _r.Map(e, "valueFrom", FieldPath.Join(envField, "[].valueFrom"));
            var refField = FieldPath.Join(envField, "[].valueFrom.configMapKeyRef");
            var cmRef = _r.Map(valueFrom, "configMapKeyRef", refField);
            if (cmRef is not null)
            {
                var cmName = _r.String(cmRef, "name", FieldPath.Join(refField, ".name"));
                var cmKey = cmName is null ? null : _r.String(cmRef, "key", FieldPath.Join(refField, ".key"));
                if (cmName is not null && cmKey is not null)
                    fromConfigMap = new ConfigMapKeyRef(cmName, cmKey, _r.Bool(cmRef, "optional", FieldPath.Join(refField, ".optional")) ?? false, cmRef);
            }
            env.Add(new EnvVar(name, value, fromConfigMap, e));
        }
        return env;
    }

    private List<EnvFromConfigMap> ReadEnvFrom(MappingNode c, string field)
    {
        var list = new List<EnvFromConfigMap>();
        var fromField = FieldPath.Join(field, "[].envFrom");
        foreach (var e in _r.MapItems(_r.Seq(c, "envFrom", fromField), fromField))
        {
            var prefix = _r.String(e, "prefix", FieldPath.Join(fromField, "[].prefix")) ?? "";
            var refField = FieldPath.Join(fromField, "[].configMapRef");
            var cmRef = _r.Map(e, "configMapRef", refField);
            var name = _r.String(cmRef, "name", FieldPath.Join(refField, ".name")); // null without a configMapRef
            if (name is not null)
                list.Add(new EnvFromConfigMap(name, prefix, _r.Bool(cmRef, "optional", FieldPath.Join(refField, ".optional")) ?? false, e));
        }
        return list;
    }

    /// <summary>A list of strings (`command`, `args`), keeping each item's node; other items are type errors.</summary>
    private List<ScalarNode> ReadStrings(MappingNode c, string key, string field)
    {
        var list = new List<ScalarNode>();
        var seq = _r.Seq(c, key, field);
        if (seq is null) return list;
        foreach (var item in seq.Items)
        {
            var s = item as ScalarNode;
            if (s is null) _typeErrors.Add(new FieldTypeError(item, FieldPath.Join(field, "[]"), "a string"));
            else if (s.Resolved.Kind is JsonScalarKind.Bool or JsonScalarKind.Integer or JsonScalarKind.Float) _typeErrors.Add(new FieldTypeError(s, FieldPath.Join(field, "[]"), "a string"));
            else if (!s.IsNull) list.Add(s);
        }
        return list;
    }

    private List<HostAlias> ReadHostAliases(MappingNode? podSpec, string prefix)
    {
        var list = new List<HostAlias>();
        var field = FieldPath.Join(prefix, "spec.hostAliases");
        foreach (var a in _r.MapItems(_r.Seq(podSpec, "hostAliases", field), field))
        {
            var ip = _r.String(a, "ip", FieldPath.Join(field, "[].ip"));
            var names = ReadStrings(a, "hostnames", FieldPath.Join(field, "[].hostnames"));
            list.Add(new HostAlias(ip, ip is null ? null : a["ip"] as ScalarNode, names, a));
        }
        return list;
    }

    private Service ReadService(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var selectorNode = _r.Map(spec, "selector", "spec.selector");
        LabelSelector? selector = null;
        if (selectorNode is not null)
        {
            var labels = _r.StringMap(spec, "selector", "spec.selector");
            // An empty selector `{}` on a Service means "no selector" (endpoints managed elsewhere).
            if (labels.Count > 0) selector = LabelSelector.FromMap(labels, selectorNode);
        }
        var affinityConfig = _r.Map(spec, "sessionAffinityConfig", "spec.sessionAffinityConfig");
        var clientIP = _r.Map(affinityConfig, "clientIP", "spec.sessionAffinityConfig.clientIP");
        var ports = new List<ServicePort>();
        var portsNode = _r.Seq(spec, "ports", "spec.ports");
        foreach (var p in _r.MapItems(portsNode, "spec.ports"))
        {
            ports.Add(new ServicePort(
                _r.String(p, "name", "spec.ports[].name"),
                _r.String(p, "protocol", "spec.ports[].protocol") ?? Protocols.Tcp,
                _r.Int(p, "port", "spec.ports[].port"),
                _r.IntOrString(p, "targetPort", "spec.ports[].targetPort"),
                _r.Int(p, "nodePort", "spec.ports[].nodePort"),
                p));
        }
        return new Service
        {
            Resource = r,
            Type = _r.String(spec, "type", "spec.type") ?? "ClusterIP",
            TypeNode = spec?["type"] as ScalarNode,
            Selector = selector,
            SelectorNode = selectorNode,
            Ports = ports,
            PortsNode = portsNode,
            ClusterIP = _r.String(spec, "clusterIP", "spec.clusterIP"),
            ClusterIPNode = spec?["clusterIP"] as ScalarNode,
            ExternalName = _r.String(spec, "externalName", "spec.externalName"),
            ExternalNameNode = spec?["externalName"] as ScalarNode,
            ExternalTrafficPolicyNode = _r.Scalar(spec, "externalTrafficPolicy", "spec.externalTrafficPolicy"),
            HealthCheckNodePortNode = _r.Scalar(spec, "healthCheckNodePort", "spec.healthCheckNodePort"),
            HasExternalIPs = _r.StringList(spec, "externalIPs", "spec.externalIPs").Count > 0,
            SessionAffinity = _r.String(spec, "sessionAffinity", "spec.sessionAffinity"),
            SessionAffinityNode = spec?["sessionAffinity"] as ScalarNode,
            SessionAffinityConfigNode = affinityConfig,
            AffinityTimeoutSeconds = _r.Int(clientIP, "timeoutSeconds", "spec.sessionAffinityConfig.clientIP.timeoutSeconds"),
            AffinityTimeoutNode = clientIP?["timeoutSeconds"] as ScalarNode,
        };
    }

    private IngressBackend? ReadBackend(MappingNode? b, bool legacy, string field)
    {
        if (b is null) return null;
        if (_r.Map(b, "resource", FieldPath.Join(field, ".resource")) is not null)
            return new IngressBackend(b, null, null, null, IsResource: true);
        if (legacy)
        {
            var nameNode = _r.Scalar(b, "serviceName", FieldPath.Join(field, ".serviceName"));
            return new IngressBackend(b, nameNode?.Value, nameNode, _r.IntOrString(b, "servicePort", FieldPath.Join(field, ".servicePort")), false);
        }
        var svc = _r.Map(b, "service", FieldPath.Join(field, ".service"));
        var n = _r.Scalar(svc, "name", FieldPath.Join(field, ".service.name"));
        var port = _r.Map(svc, "port", FieldPath.Join(field, ".service.port"));
        PortRef? portRef = null;
        if (port is not null)
        {
            var num = _r.Int(port, "number", FieldPath.Join(field, ".service.port.number"));
            var numNode = port["number"] as ScalarNode;
            if (num is not null && numNode is not null) portRef = new PortRef(num.Value, null, numNode);
            else
            {
                var pn = _r.String(port, "name", FieldPath.Join(field, ".service.port.name"));
                var pnNode = port["name"] as ScalarNode;
                if (pn is not null && pnNode is not null) portRef = new PortRef(null, pn, pnNode);
            }
        }
        return new IngressBackend(b, n?.Value, n, portRef, false);
    }

    private Ingress ReadIngress(Resource r)
    {
        bool legacy = r.ApiVersion is "extensions/v1beta1" or "networking.k8s.io/v1beta1";
        var spec = _r.Map(r.Root, "spec", "spec");
        var classNode = (Node?)(spec?["ingressClassName"] as ScalarNode);
        string? className = _r.String(spec, "ingressClassName", "spec.ingressClassName");
        var annotated = className is null ? r.Annotations.GetValueOrDefault("kubernetes.io/ingress.class") : null;
        if (annotated is not null)
        {
            className = annotated;
            classNode = (r.Metadata?["annotations"] as MappingNode)?["kubernetes.io/ingress.class"];
        }
        var rules = new List<IngressRule>();
        foreach (var rule in _r.MapItems(_r.Seq(spec, "rules", "spec.rules"), "spec.rules"))
        {
            var paths = new List<IngressPath>();
            var http = _r.Map(rule, "http", "spec.rules[].http");
            foreach (var p in _r.MapItems(_r.Seq(http, "paths", "spec.rules[].http.paths"), "spec.rules[].http.paths"))
            {
                paths.Add(new IngressPath(
                    _r.String(p, "path", "spec.rules[].http.paths[].path"), p["path"] as ScalarNode,
                    _r.String(p, "pathType", "spec.rules[].http.paths[].pathType"), p["pathType"] as ScalarNode,
                    ReadBackend(_r.Map(p, "backend", "spec.rules[].http.paths[].backend"), legacy, "spec.rules[].http.paths[].backend"),
                    p));
            }
            rules.Add(new IngressRule(_r.String(rule, "host", "spec.rules[].host"), rule["host"] as ScalarNode, paths, rule));
        }
        var tls = new List<IngressTls>();
        foreach (var t in _r.MapItems(_r.Seq(spec, "tls", "spec.tls"), "spec.tls"))
        {
            var hosts = new List<(string, ScalarNode)>();
            var hostSeq = _r.Seq(t, "hosts", "spec.tls[].hosts");
            if (hostSeq is not null)
                foreach (var h in hostSeq.Items)
                {
                    var hs = h as ScalarNode;
                    if (hs is null) _typeErrors.Add(new FieldTypeError(h, "spec.tls[].hosts[]", "a string"));
                    else if (!hs.IsNull) hosts.Add((hs.Value, hs));
                }
            tls.Add(new IngressTls(hosts, _r.String(t, "secretName", "spec.tls[].secretName"), t["secretName"] as ScalarNode, t));
        }
        var defaultBackend = ReadBackend(_r.Map(spec, legacy ? "backend" : "defaultBackend", legacy ? "spec.backend" : "spec.defaultBackend"), legacy,
            legacy ? "spec.backend" : "spec.defaultBackend");
        return new Ingress
        {
            Resource = r,
            IsLegacyApi = legacy,
            ClassName = className,
            ClassNode = classNode,
            DefaultBackend = defaultBackend,
            Rules = rules,
            Tls = tls,
        };
    }

    private NetworkPolicy ReadPolicy(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var podSelNode = _r.Map(spec, "podSelector", "spec.podSelector");
        var podSelector = podSelNode is null ? LabelSelector.Everything : LabelSelector.Read(_r, podSelNode, "spec.podSelector");
        var typesNode = _r.Seq(spec, "policyTypes", "spec.policyTypes");
        var types = _r.StringList(spec, "policyTypes", "spec.policyTypes");
        var ingressNode = _r.Seq(spec, "ingress", "spec.ingress");
        var egressNode = _r.Seq(spec, "egress", "spec.egress");
        var ingressRules = ReadRules(ingressNode, "from", "spec.ingress");
        var egressRules = ReadRules(egressNode, "to", "spec.egress");
        bool written = typesNode is not null && types.Count > 0;
        return new NetworkPolicy
        {
            Resource = r,
            PodSelector = podSelector,
            PodSelectorNode = spec?["podSelector"], // as written: a mapping, or null / a wrong type
            PolicyTypesWritten = written,
            PolicyTypesNode = typesNode,
            AffectsIngress = written ? types.Contains("Ingress") : true,
            // The API server defaults an empty policyTypes to [Ingress], plus Egress only when
            // len(spec.egress) != 0 (pkg/apis/networking/v1/defaults.go): `egress: []` leaves egress alone.
            AffectsEgress = written ? types.Contains("Egress") : egressNode is { Items.Count: > 0 },
            IngressRules = ingressRules,
            EgressRules = egressRules,
            IngressNode = ingressNode,
            EgressNode = egressNode,
        };
    }

    private List<PolicyRule> ReadRules(SequenceNode? rulesNode, string peersKey, string field)
    {
        var rules = new List<PolicyRule>();
        var peersField = FieldPath.Join(field, "[].", peersKey);
        foreach (var rule in _r.MapItems(rulesNode, field))
        {
            var peersNode = _r.Seq(rule, peersKey, peersField);
            List<PolicyPeer>? peers = null;
            if (peersNode is not null && peersNode.Items.Count > 0)
            {
                peers = [];
                foreach (var p in _r.MapItems(peersNode, peersField))
                {
                    var ps = _r.Map(p, "podSelector", FieldPath.Join(peersField, "[].podSelector"));
                    var nss = _r.Map(p, "namespaceSelector", FieldPath.Join(peersField, "[].namespaceSelector"));
                    // `podSelector: null` / `{}` both count as present-and-empty when the key is written.
                    var podSel = ps is not null ? LabelSelector.Read(_r, ps, FieldPath.Join(peersField, "[].podSelector"))
                        : p["podSelector"] is ScalarNode { IsNull: true } ? LabelSelector.Everything : null;
                    var nsSel = nss is not null ? LabelSelector.Read(_r, nss, FieldPath.Join(peersField, "[].namespaceSelector"))
                        : p["namespaceSelector"] is ScalarNode { IsNull: true } ? LabelSelector.Everything : null;
                    IpBlock? ipBlock = null;
                    var ib = _r.Map(p, "ipBlock", FieldPath.Join(peersField, "[].ipBlock"));
                    if (ib is not null)
                    {
                        var except = new List<(string, ScalarNode)>();
                        var exSeq = _r.Seq(ib, "except", FieldPath.Join(peersField, "[].ipBlock.except"));
                        if (exSeq is not null)
                            foreach (var e in exSeq.Items)
                            {
                                var es = e as ScalarNode;
                                if (es is null) _typeErrors.Add(new FieldTypeError(e, FieldPath.Join(peersField, "[].ipBlock.except[]"), "a string"));
                                else if (!es.IsNull) except.Add((es.Value, es));
                            }
                        ipBlock = new IpBlock(_r.String(ib, "cidr", FieldPath.Join(peersField, "[].ipBlock.cidr")), ib["cidr"] as ScalarNode, except, ib);
                    }
                    peers.Add(new PolicyPeer(podSel, nsSel, ipBlock, p));
                }
            }
            var portsNode = _r.Seq(rule, "ports", FieldPath.Join(field, "[].ports"));
            List<PolicyPort>? ports = null;
            if (portsNode is not null && portsNode.Items.Count > 0)
            {
                ports = [];
                foreach (var p in _r.MapItems(portsNode, FieldPath.Join(field, "[].ports")))
                    ports.Add(new PolicyPort(
                        _r.String(p, "protocol", FieldPath.Join(field, "[].ports[].protocol")) ?? Protocols.Tcp,
                        _r.IntOrString(p, "port", FieldPath.Join(field, "[].ports[].port")),
                        _r.Int(p, "endPort", FieldPath.Join(field, "[].ports[].endPort")),
                        p));
            }
            rules.Add(new PolicyRule(peers, ports, rule, peersNode, portsNode));
        }
        return rules;
    }
}
