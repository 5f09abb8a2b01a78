using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class InvalidServicePort : Rule
{
    public override RuleInfo Info { get; } = new("KNL112", "invalid-service-port", Level.Error,
        "A Service port has a number outside 1-65535, an invalid name or an unsupported protocol.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
            foreach (var port in service.Ports)
                foreach (var finding in CheckPort(service, port))
                    yield return finding;
    }

    private IEnumerable<Finding> CheckPort(Model.Service service, ServicePort port)
    {
        var subject = service.Resource;
        if (port.PortNode is null && port.Node["port"] is null)
            yield return At(port.Node, $"a port of {Wiring.Describe(service)} has no 'port' number; the API server rejects it", subject);
        else if (port.Port is { } number && port.PortNode is { } portNode && !KubernetesNames.IsValidPortNumber(number))
            yield return At(portNode, $"port {number} is outside 1-65535", subject);

        // targetPort 0 (or "") is defaulted to port by the API server.
        if (port.TargetPort is { Number: { } target } numbered && target != 0 && !KubernetesNames.IsValidPortNumber(target))
            yield return At(numbered.Node, $"targetPort {numbered.Node.Value} is outside 1-65535", subject);
        else if (port.TargetPort is { Name: { Length: > 0 } targetName } named && KubernetesNames.IanaServiceNameProblem(targetName) is { } why)
            yield return At(named.Node, $"targetPort '{targetName}' is not a valid container port name: {why}", subject);

        // nodePort 0 means "allocate one".
        if (port.NodePort is { } nodePort && port.NodePortNode is { } nodePortNode && nodePort != 0 && !KubernetesNames.IsValidPortNumber(nodePort))
            yield return At(nodePortNode, $"nodePort {nodePort} is outside 1-65535", subject);

        // Service port names are DNS labels (up to 63 characters), unlike container port names.
        if (port.Name is { Length: > 0 } name && port.NameNode is { } nameNode && KubernetesNames.Dns1123LabelProblem(name) is { } nameProblem)
            yield return At(nameNode, $"port name '{name}' is not valid: {nameProblem}", subject);

        if (!Protocols.IsValid(port.Protocol) && port.ProtocolNode is { } protocolNode)
        {
            var hint = Protocols.IsValid(port.Protocol.ToUpperInvariant()) ? $" (write it in capitals: {port.Protocol.ToUpperInvariant()})" : "";
            yield return At(protocolNode, $"protocol '{port.Protocol}' is not supported; use TCP, UDP or SCTP{hint}", subject);
        }
    }
}
