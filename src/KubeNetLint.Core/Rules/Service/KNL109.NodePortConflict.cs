using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class NodePortConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL109", "node-port-conflict", Level.Error,
        "Two Services (in any namespaces) ask for the same nodePort.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        // A nodePort is allocated cluster-wide, whatever the protocol; one Service may use it once per protocol.
        var taken = new Dictionary<int, List<(Model.Service Service, ServicePort Port)>>();
        foreach (var service in context.Model.Services.OrderBy(s => s.Resource.Order))
        {
            if (!NodePorts.AllocatesNodePorts(service)) continue;
            foreach (var port in service.Ports)
            {
                int nodePort = port.NodePort ?? 0;
                var node = port.NodePortNode;
                if (nodePort == 0 || !KubernetesNames.IsValidPortNumber(nodePort) || node is null) continue;
                if (!taken.TryGetValue(nodePort, out var holders)) taken[nodePort] = holders = [];
                var clash = holders.FirstOrDefault(h => ReferenceEquals(h.Service, service)
                    ? h.Port.Protocol == port.Protocol
                    // The same Service defined twice (KNL004) is one object, not a conflict.
                    : h.Service.Resource.Identity != service.Resource.Identity);
                holders.Add((service, port));
                if (clash.Service is null) continue;
                var message = ReferenceEquals(clash.Service, service)
                    ? $"nodePort {nodePort} is already used by an earlier {port.Protocol} port of this Service; the API server rejects the duplicate"
                    : $"nodePort {nodePort} is already used by {Wiring.Describe(clash.Service)} in {Wiring.InNamespace(clash.Service.Namespace)}; " +
                      "a nodePort is allocated once per cluster, so whichever Service is applied second is rejected";
                yield return At(node, message,
                    service.Resource,
                    Related(clash.Port.NodePortNode!, $"nodePort {nodePort} of {Wiring.Describe(clash.Service)}"));
            }
        }
    }
}
