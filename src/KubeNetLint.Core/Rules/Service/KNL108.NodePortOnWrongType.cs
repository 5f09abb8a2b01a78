namespace KubeNetLint.Core.Rules.Services;

public sealed class NodePortOnWrongType : Rule
{
    public override RuleInfo Info { get; } = new("KNL108", "node-port-on-wrong-type", Level.Error,
        "A nodePort is set on a ClusterIP Service (rejected) or an ExternalName Service (ignored).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            if (!NodePorts.ForbidsNodePorts(service)) continue;
            foreach (var port in service.Ports)
            {
                // nodePort: 0 means "none" and is accepted everywhere.
                int nodePort = port.NodePort ?? 0;
                var node = port.NodePortNode;
                if (nodePort == 0 || node is null) continue;
                if (service.IsExternalName)
                {
                    // ValidateService forbids a nodePort only when the type is ClusterIP; on ExternalName it is stored and unused.
                    yield return At(node,
                        $"nodePort {nodePort} has no effect on an ExternalName Service: DNS answers with a CNAME and no port is opened on the nodes; remove it",
                        service.Resource) with { Level = Level.Warning };
                    continue;
                }
                var written = service.TypeNode is null ? "type defaults to ClusterIP" : $"type is {service.Type}";
                yield return At(node,
                    $"nodePort {nodePort} is only valid on NodePort and LoadBalancer Services, but the {written}; " +
                    "the API server rejects it",
                    service.Resource);
            }
        }
    }
}
