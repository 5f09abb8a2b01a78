using System.Globalization;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>Workloads whose pods an operator creates from a custom resource (see <see cref="PodOperator"/>).
/// The pod labels and container ports below are the ones the operator itself writes into the StatefulSet
/// it generates, as read in prometheus-operator's source (the StatefulSet builders of pkg/prometheus/server and
/// pkg/alertmanager, and the config-reloader sidecar) and seen on the pods of running clusters.
/// Anything that varies between operator versions is an uncertain label (see
/// <see cref="Workload.UncertainLabels"/>); options that change the ports in ways not modelled here mark
/// the ports incomplete, so port checks stay silent instead of guessing.</summary>
public sealed partial class ModelBuilder
{
    private const string ManagedByLabel = "app.kubernetes.io/managed-by";
    private const string PrometheusShardLabel = "operator.prometheus.io/shard";

    private sealed record OperatorContainer(string Name, List<ContainerPort> Ports);

    private Workload ReadOperatorWorkload(Resource r, WorkloadKind kind)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var podMetadata = _r.Map(spec, "podMetadata", "spec.podMetadata");
        var labels = new Dictionary<string, string>(_r.StringMap(podMetadata, "labels", "spec.podMetadata.labels"), StringComparer.Ordinal);
        var portName = _r.String(spec, "portName", "spec.portName") ?? "web";
        bool listenLocal = _r.Bool(spec, "listenLocal", "spec.listenLocal") ?? false;
        // The operator runs one replica when none is given, and none for a negative count.
        int replicas = Math.Max(0, _r.Int(spec, "replicas", "spec.replicas") ?? 1);
        var portsNode = spec ?? r.Root;
        ContainerPort Port(string name, int number, string protocol = Protocols.Tcp) => new(name, number, protocol, portsNode);

        var containers = new List<OperatorContainer>();
        var podSets = new List<StatefulPodSet>();
        var uncertain = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Set by the operator to the version it deploys, which the input may not state.
            ["app.kubernetes.io/version"] = null,
            ["controller-revision-hash"] = null,
        };
        var noLabels = new Dictionary<string, string>();

        if (r.Kind == "Prometheus")
        {
            // podSelectorLabels in makeStatefulSetSpec: they override spec.podMetadata.labels.
            labels["app.kubernetes.io/name"] = "prometheus";
            labels[ManagedByLabel] = "prometheus-operator";
            labels["app.kubernetes.io/instance"] = r.Name;
            labels["prometheus"] = r.Name;
            labels["operator.prometheus.io/name"] = r.Name;
            labels[PrometheusShardLabel] = "0";
            uncertain["app"] = "prometheus"; // older operator versions labelled the pods app=prometheus
            int shards = Math.Max(1, _r.Int(spec, "shards", "spec.shards") ?? 1);
            for (int shard = 0; shard < Math.Min(shards, 100); shard++)
            {
                var shardText = shard.ToString(CultureInfo.InvariantCulture);
                podSets.Add(new StatefulPodSet(shard == 0 ? $"prometheus-{r.Name}" : $"prometheus-{r.Name}-shard-{shardText}", replicas,
                    new Dictionary<string, string> { [PrometheusShardLabel] = shardText }));
            }
            containers.Add(new("prometheus", listenLocal ? [] : [Port(portName, 9090)]));
            containers.Add(new("config-reloader", listenLocal ? [] : [Port("reloader-web", 8080)]));
            if (_r.Map(spec, "thanos", "spec.thanos") is not null)
                containers.Add(new("thanos-sidecar", [Port("http", 10902), Port("grpc", 10901)]));
        }
        else
        {
            labels["app.kubernetes.io/name"] = "alertmanager";
            labels[ManagedByLabel] = "prometheus-operator";
            labels["app.kubernetes.io/instance"] = r.Name;
            labels["alertmanager"] = r.Name;
            uncertain["app"] = "alertmanager"; // older operators labelled the pods app=alertmanager
            podSets.Add(new StatefulPodSet($"alertmanager-{r.Name}", replicas, noLabels));
            List<ContainerPort> ports = [Port("mesh-tcp", 9094), Port("mesh-udp", 9094, Protocols.Udp)];
            if (!listenLocal) ports.Insert(0, Port(portName, 9093));
            containers.Add(new("alertmanager", ports));
            containers.Add(new("config-reloader", listenLocal ? [] : [Port("reloader-web", 8080)]));
        }

        // spec.containers patches the operator's containers by name (strategic merge: ports by
        // containerPort) and adds new ones, such as a kube-rbac-proxy sidecar.
        var written = new List<Container>();
        ReadContainers(spec, "containers", isInit: false, "spec.containers", written);
        var result = containers.Select(c => new Container(c.Name, false, c.Ports, [], portsNode)).ToList();
        foreach (var patch in written)
        {
            int at = result.FindIndex(c => c.Name == patch.Name);
            if (at < 0) { result.Add(patch); continue; }
            var merged = new List<ContainerPort>(result[at].Ports);
            foreach (var p in patch.Ports)
            {
                int same = merged.FindIndex(m => m.Number == p.Number);
                if (same < 0) { merged.Add(p); continue; }
                var old = merged[same];
                merged[same] = p with { Name = p.Name ?? old.Name, Protocol = p.Node["protocol"] is null ? old.Protocol : p.Protocol };
            }
            result[at] = patch with { Ports = merged };
        }

        return new Workload
        {
            Resource = r,
            KindInfo = kind,
            Template = new PodTemplate
            {
                Labels = labels,
                LabelsNode = podMetadata?["labels"] as MappingNode,
                Containers = result,
                HostNetwork = _r.Bool(spec, "hostNetwork", "spec.hostNetwork") ?? false,
                PortsIncomplete = listenLocal,
            },
            Replicas = replicas,
            OperatorPodSets = podSets,
            UncertainLabels = uncertain,
        };
    }
}
