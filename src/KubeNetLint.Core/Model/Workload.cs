using System.Globalization;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

public sealed record ContainerPort(string? Name, int? Number, string Protocol, MappingNode Node)
{
    public ScalarNode? NameNode => Node["name"] as ScalarNode;
    public ScalarNode? NumberNode => Node["containerPort"] as ScalarNode;
}

public sealed record Probe(string Kind, PortRef Port, MappingNode Node);

/// <summary>`valueFrom.configMapKeyRef` of an env var: a key of a ConfigMap in the pod's namespace.</summary>
public sealed record ConfigMapKeyRef(string Name, string Key, bool Optional, MappingNode Node);

/// <summary>One `env` entry: a literal <see cref="Value"/> (kubelet expands `$(VAR)` in it), or a value
/// read from a ConfigMap key. Other sources (fieldRef, secretKeyRef, …) leave both null.</summary>
public sealed record EnvVar(string Name, ScalarNode? Value, ConfigMapKeyRef? FromConfigMap, MappingNode Node);

/// <summary>One `envFrom` entry that reads a ConfigMap: every key becomes an env var named PREFIX+key.
/// (secretRef entries are not kept: Secret values never take part in any analysis output.)</summary>
public sealed record EnvFromConfigMap(string Name, string Prefix, bool Optional, MappingNode Node);

/// <summary>A `hostAliases` entry: lines the kubelet writes into the pod's /etc/hosts.</summary>
public sealed record HostAlias(string? Ip, ScalarNode? IpNode, IReadOnlyList<ScalarNode> Hostnames, MappingNode Node);

public sealed record Container(string Name, bool IsInit, IReadOnlyList<ContainerPort> Ports, IReadOnlyList<Probe> Probes, MappingNode Node)
{
    public SequenceNode? PortsNode => Node["ports"] as SequenceNode;
    /// <summary>Init containers with restartPolicy Always are sidecars: they keep running and serve ports.</summary>
    public bool ServesTraffic { get; init; } = true;
    /// <summary>`env`, in order (kubelet expands `$(VAR)` against the entries before each one).</summary>
    public IReadOnlyList<EnvVar> Env { get; init; } = [];
    /// <summary>`envFrom` entries that read a ConfigMap, in order.</summary>
    public IReadOnlyList<EnvFromConfigMap> EnvFrom { get; init; } = [];
    /// <summary>`command` and `args` items that are strings (kubelet expands `$(VAR)` in them).</summary>
    public IReadOnlyList<ScalarNode> Command { get; init; } = [];
    public IReadOnlyList<ScalarNode> Args { get; init; } = [];
}

/// <summary>The pod template of a workload: the labels its pods get and their containers.</summary>
public sealed class PodTemplate
{
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public MappingNode? LabelsNode { get; init; }
    public MappingNode? Spec { get; init; }
    public required IReadOnlyList<Container> Containers { get; init; }
    public bool HostNetwork { get; init; }
    /// <summary>`hostAliases`: names the pods resolve through /etc/hosts, before any DNS lookup.</summary>
    public IReadOnlyList<HostAlias> HostAliases { get; init; } = [];
    /// <summary>True when the pods may have ports the input does not show (an operator option KubeNetLint
    /// does not model). Checks of declared ports then stay silent rather than guess.</summary>
    public bool PortsIncomplete { get; init; }

    /// <summary>Ports of the containers that serve traffic (app containers and sidecars).</summary>
    public IEnumerable<ContainerPort> Ports => Containers.Where(c => c.ServesTraffic).SelectMany(c => c.Ports);

    public bool DeclaresPorts => Ports.Any();

    /// <summary>Resolves a named port the way the endpoints controller does: by name and protocol.</summary>
    public ContainerPort? FindNamedPort(string name, string protocol) =>
        Ports.FirstOrDefault(p => p.Name == name && p.Protocol == protocol);

    public ContainerPort? FindPortNumber(int number, string protocol) =>
        Ports.FirstOrDefault(p => p.Number == number && p.Protocol == protocol);
}

/// <summary>Pods that a StatefulSet runs: NAME-0 … NAME-(Replicas-1), each with the template's labels plus
/// <see cref="Labels"/> (an operator's per-shard labels).</summary>
public sealed record StatefulPodSet(string StatefulSetName, int Replicas, IReadOnlyDictionary<string, string> Labels);

/// <summary>The controller of Pods from a cluster dump that does not hold it, and why those Pods are
/// separate endpoints (null when they are one, named after it).</summary>
public sealed record ControllerRef(string Id, string? SplitReason);

/// <summary>Anything that runs pods from a template (see <see cref="ObjectKinds"/>).</summary>
public sealed class Workload
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, string?> NoUncertainLabels = new Dictionary<string, string?>();

    public required Resource Resource { get; init; }
    public required WorkloadKind KindInfo { get; init; }
    public required PodTemplate Template { get; init; }
    /// <summary>The controller's own selector (`spec.selector`); null for Pods and when absent.</summary>
    public LabelSelector? Selector { get; init; }
    public Node? SelectorNode { get; init; }
    public int? Replicas { get; init; }
    /// <summary>For a controller that is not in the input but whose Pods are (a cluster dump): those Pods.
    /// The workload is named after the controller, and <see cref="Resource"/> points at the first Pod.</summary>
    public IReadOnlyList<Resource> PodsInInput { get; init; } = [];
    /// <summary>For Pods of a dump whose controller is not in the input: that controller ("ns/Kind/name"),
    /// and why the Pods were not grouped under it, when they were not.</summary>
    public ControllerRef? Controller { get; init; }
    /// <summary>A static Pod: made by the kubelet from a file on its node (mirror Pod), owned by the Node.</summary>
    public bool IsStaticPod => Kind == "Pod" && Resource.Annotations.ContainsKey("kubernetes.io/config.mirror");
    /// <summary>Pod IPs a cluster dump records (`status.podIP`, `status.podIPs`), for Pods and for the Pods
    /// grouped under a controller; empty for manifests.</summary>
    public IReadOnlyList<string> PodIPs { get; init; } = [];
    /// <summary>StatefulSet `serviceName`.</summary>
    public ScalarNode? ServiceNameNode { get; init; }
    /// <summary>For operator-managed kinds: the StatefulSets the operator creates (a StatefulSet's own
    /// pods are derived from its name and replicas).</summary>
    public IReadOnlyList<StatefulPodSet> OperatorPodSets { get; init; } = [];
    /// <summary>Labels the pods may or may not carry, depending on the version of the controller or
    /// operator, with the value they would have (null: a value the input cannot tell, such as a hash).</summary>
    public IReadOnlyDictionary<string, string?> UncertainLabels { get; init; } = NoUncertainLabels;

    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
    public string Kind => Resource.Kind;
    public string Id => Resource.Id;
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";
    public const string JobNameLabel = "job-name";
    public const string BatchJobNameLabel = "batch.kubernetes.io/job-name";

    /// <summary>Labels the StatefulSet and Job controllers add to each pod, with values derived from the
    /// workload (see <see cref="IsSelectedBy"/>).</summary>
    public static readonly IReadOnlySet<string> ControllerLabels =
        new HashSet<string>(StringComparer.Ordinal) { PodNameLabel, PodIndexLabel, JobNameLabel, BatchJobNameLabel };

    public const string HelmHookAnnotation = "helm.sh/hook";

    /// <summary>A Helm hook (`helm.sh/hook`: test, pre-install, post-upgrade, …) that runs to completion: a
    /// Pod or Job that Helm starts at one point of a release and waits to finish. Its pods exist briefly
    /// and never serve a Service. A hook of another kind (a Deployment, …) keeps running once created.</summary>
    public bool IsRunOnceHook => Kind is "Pod" or "Job" && Resource.Annotations.ContainsKey(HelmHookAnnotation);

    /// <summary>Do the pods serve Services (count as their backends, get endpoints)? Not for run-once hooks.
    /// They are still endpoints of the reachability matrix: while they run, policies apply to them.</summary>
    public bool ServesTraffic => !IsRunOnceHook;

    /// <summary>The pods are built by an operator from a custom resource, not from a written template.</summary>
    public bool IsOperatorManaged => KindInfo.IsOperatorManaged;
    private bool IsStatefulSet => Kind == "StatefulSet";

    /// <summary>Does a label selector select (some of) this workload's pods? Besides the template labels,
    /// controllers add labels of their own to each pod: a StatefulSet's pods carry
    /// statefulset.kubernetes.io/pod-name = NAME-i (and apps.kubernetes.io/pod-index = i) for i below
    /// replicas, a Job's pods carry job-name = NAME. Selectors on those are common (per-pod Services).
    /// A requirement on a label whose presence or value the input cannot tell (a hash, an operator's
    /// version label) counts as met: a linter must not claim a selector misses pods it may well select.</summary>
    public bool IsSelectedBy(LabelSelector selector)
    {
        if (selector.Problems.Count > 0) return false;
        selector = WithoutUncertainRequirements(selector);
        if (selector.Matches(Template.Labels)) return true;
        var controllerLabels = _controllerLabelKeys ??= ControllerLabelKeys();
        if (controllerLabels.Count == 0) return false;
        // Only worth trying when the selector mentions a controller label.
        if (!selector.MentionsAny(controllerLabels)) return false;
        foreach (var labels in PodLabelVariants())
            if (selector.Matches(labels)) return true;
        return false;
    }

    /// <summary>Is the label one the pods may carry with a value the input does not fix? The value is
    /// null when any value is possible.</summary>
    public bool IsUncertainLabel(string key, out string? value)
    {
        if (UncertainLabels.TryGetValue(key, out value)) return true;
        value = null;
        return (key, Kind) switch
        {
            ("pod-template-hash", "Deployment") => true,
            ("rollouts-pod-template-hash", "Rollout") => true,
            ("controller-revision-hash", "StatefulSet" or "DaemonSet") => true,
            ("pod-template-generation", "DaemonSet") => true,
            (JobNameLabel or BatchJobNameLabel, "CronJob") => true,
            _ => false,
        };
    }

    /// <summary>Label keys whose value on the pods the template labels do not fix: those the controllers
    /// add (<see cref="ControllerLabelKeys"/>) and the uncertain ones (<see cref="IsUncertainLabel"/>). A
    /// selector term on any other key matches exactly when the template labels match it, which is what lets
    /// a label index answer selectors without trying every workload.</summary>
    public IEnumerable<string> LabelKeysBeyondTemplate()
    {
        foreach (var key in _controllerLabelKeys ??= ControllerLabelKeys()) yield return key;
        foreach (var key in UncertainLabels.Keys) yield return key;
        foreach (var key in KindUncertainKeys) if (IsUncertainLabel(key, out _)) yield return key;
    }

    private static readonly string[] KindUncertainKeys =
        ["pod-template-hash", "rollouts-pod-template-hash", "controller-revision-hash", "pod-template-generation", JobNameLabel, BatchJobNameLabel];

    private LabelSelector WithoutUncertainRequirements(LabelSelector selector)
    {
        bool Met(string key, string wanted) => IsUncertainLabel(key, out var value) && (value is null || value == wanted);
        bool any = false;
        foreach (var (key, wanted) in selector.LabelPairs) any |= Met(key, wanted);
        for (int i = 0; i < selector.MatchExpressions.Count; i++) any |= IsUncertainLabel(selector.MatchExpressions[i].Key, out _);
        if (!any) return selector;
        var labels = selector.MatchLabels.Where(kv => !Met(kv.Key, kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var expressions = selector.MatchExpressions.Where(e => !IsUncertainLabel(e.Key, out _)).ToList();
        return new LabelSelector(labels, expressions, selector.Node);
    }

    private IEnumerable<StatefulPodSet> StatefulPodSets() =>
        IsStatefulSet ? [new StatefulPodSet(Name, Math.Clamp(Replicas ?? 1, 0, 1000), NoLabels)] : OperatorPodSets;

    private HashSet<string>? _controllerLabelKeys;

    private HashSet<string> ControllerLabelKeys()
    {
        if (Kind == "Job") return [JobNameLabel, BatchJobNameLabel];
        var sets = StatefulPodSets().ToList();
        if (sets.Count == 0) return [];
        return [PodNameLabel, PodIndexLabel, .. sets.SelectMany(s => s.Labels.Keys)];
    }

    private IEnumerable<IReadOnlyDictionary<string, string>> PodLabelVariants()
    {
        if (Kind == "Job")
        {
            yield return new Dictionary<string, string>(Template.Labels, StringComparer.Ordinal)
            {
                [JobNameLabel] = Name,
                [BatchJobNameLabel] = Name,
            };
            yield break;
        }
        foreach (var set in StatefulPodSets())
        {
            for (int i = 0; i < Math.Min(set.Replicas, 1000); i++)
            {
                var d = new Dictionary<string, string>(Template.Labels, StringComparer.Ordinal);
                foreach (var (k, v) in set.Labels) d[k] = v;
                d[PodNameLabel] = $"{set.StatefulSetName}-{i.ToString(CultureInfo.InvariantCulture)}";
                d[PodIndexLabel] = i.ToString(CultureInfo.InvariantCulture);
                yield return d;
            }
        }
    }

    public override string ToString() => Id;
}
