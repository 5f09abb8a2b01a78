namespace KubeNetLint.Core.Rules.Services;

public sealed class NodePortOutOfRange : Rule
{
    public override RuleInfo Info { get; } = new("KNL107", "node-port-out-of-range", Level.Error,
        "A nodePort lies outside the cluster's NodePort range (30000-32767 unless configured).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        int min = context.Config.NodePortMin, max = context.Config.NodePortMax;
        foreach (var service in context.Model.Services)
        {
            // On other types KNL108 applies; numbers outside 1-65535 are KNL112.
            if (!NodePorts.AllocatesNodePorts(service)) continue;
            foreach (var port in service.Ports)
            {
                int nodePort = port.NodePort ?? 0;
                var node = port.NodePortNode;
                // An absent nodePort reads as 0, which is not a valid port number either (KNL112 reports the others).
                if (node is null || !KubernetesNames.IsValidPortNumber(nodePort) || nodePort >= min && nodePort <= max)
                    continue;
                yield return At(node,
                    $"nodePort {nodePort} is outside the NodePort range {min}-{max}; the API server rejects it " +
                    "(if the cluster uses another --service-node-port-range, set nodePortRange in .kubenetlint.yaml)",
                    service.Resource);
            }
        }
    }
}
