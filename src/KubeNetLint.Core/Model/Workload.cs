using System.Globalization;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

public sealed record ContainerPort(string? Name, int? Number, string Protocol, MappingNode Node)
{
    public ScalarNode? NameNode => Node["name"] as ScalarNode;
    public ScalarNode? NumberNode => Node["containerPort"] as ScalarNode;
}

public sealed record Probe(string Kind, PortRef Port, MappingNode Node);

public sealed record Container(string Name, bool IsInit, IReadOnlyList<ContainerPort> Ports, IReadOnlyList<Probe> Probes, MappingNode Node)
{
    public SequenceNode? PortsNode => Node["ports"] as SequenceNode;
    /// <summary>Init containers with restartPolicy Always are sidecars: they keep running and serve ports.</summary>
    public bool ServesTraffic { get; init; } = true;
}

/// <summary>The pod template of a workload: the labels its pods get and their containers.</summary>
public sealed class PodTemplate
{
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public MappingNode? LabelsNode { get; init; }
    public MappingNode? Spec { get; init; }
    public required IReadOnlyList<Container> Containers { get; init; }
    public bool HostNetwork { get; init; }

    /// <summary>Ports of the containers that serve traffic (app containers and sidecars).</summary>
    public IEnumerable<ContainerPort> Ports => Containers.Where(c => c.ServesTraffic).SelectMany(c => c.Ports);

    public bool DeclaresPorts => Ports.Any();

    /// <summary>Resolves a named port the way the endpoints controller does: by name and protocol.</summary>
    public ContainerPort? FindNamedPort(string name, string protocol) =>
        Ports.FirstOrDefault(p => p.Name == name && p.Protocol == protocol);

    public ContainerPort? FindPortNumber(int number, string protocol) =>
        Ports.FirstOrDefault(p => p.Number == number && p.Protocol == protocol);
}

/// <summary>Anything that runs pods from a template (see <see cref="ObjectKinds"/>).</summary>
public sealed class Workload
{
    public required Resource Resource { get; init; }
    public required WorkloadKind KindInfo { get; init; }
    public required PodTemplate Template { get; init; }
    /// <summary>The controller's own selector (`spec.selector`); null for Pods and when absent.</summary>
    public LabelSelector? Selector { get; init; }
    public Node? SelectorNode { get; init; }
    public int? Replicas { get; init; }
    /// <summary>StatefulSet `serviceName`.</summary>
    public ScalarNode? ServiceNameNode { get; init; }

    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
    public string Kind => Resource.Kind;
    public string Id => Resource.Id;

    /// <summary>Does a label selector select (some of) this workload's pods? Besides the template labels,
    /// controllers add labels of their own to each pod: a StatefulSet's pods carry
    /// statefulset.kubernetes.io/pod-name = NAME-i (and apps.kubernetes.io/pod-index = i) for i below
    /// replicas, a Job's pods carry job-name = NAME. Selectors on those are common (per-pod Services).</summary>
    public bool IsSelectedBy(LabelSelector selector)
    {
        if (selector.Matches(Template.Labels)) return true;
        var controllerLabels = ControllerLabelKeys();
        if (controllerLabels.Count == 0) return false;
        // Only worth trying when the selector mentions a controller label.
        bool mentions = selector.MatchLabels.Keys.Any(controllerLabels.Contains) || selector.MatchExpressions.Any(e => controllerLabels.Contains(e.Key));
        if (!mentions) return false;
        foreach (var labels in PodLabelVariants())
            if (selector.Matches(labels)) return true;
        return false;
    }

    private HashSet<string> ControllerLabelKeys() => Kind switch
    {
        "StatefulSet" => ["statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"],
        "Job" => ["job-name", "batch.kubernetes.io/job-name"],
        _ => [],
    };

    private IEnumerable<IReadOnlyDictionary<string, string>> PodLabelVariants()
    {
        if (Kind == "StatefulSet")
        {
            int count = Math.Clamp(Replicas ?? 1, 0, 1000);
            for (int i = 0; i < count; i++)
            {
                var d = new Dictionary<string, string>(Template.Labels, StringComparer.Ordinal)
                {
                    ["statefulset.kubernetes.io/pod-name"] = $"{Name}-{i.ToString(CultureInfo.InvariantCulture)}",
                    ["apps.kubernetes.io/pod-index"] = i.ToString(CultureInfo.InvariantCulture),
                };
                yield return d;
            }
        }
        else if (Kind == "Job")
        {
            yield return new Dictionary<string, string>(Template.Labels, StringComparer.Ordinal)
            {
                ["job-name"] = Name,
                ["batch.kubernetes.io/job-name"] = Name,
            };
        }
    }

    public override string ToString() => Id;
}
