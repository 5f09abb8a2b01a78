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
        else if (port.Port is not null && port.PortNode is not null && !KubernetesNames.IsValidPortNumber(port.Port.Value))
            yield return At(port.PortNode, $"port {port.Port.Value} is outside 1-65535", subject);

        // targetPort 0 (or "") is defaulted to port by the API server.
        var target = port.TargetPort;
        int targetNumber = target?.Number ?? 0;
        var targetName = target?.Name;
        var why = string.IsNullOrEmpty(targetName) ? null : KubernetesNames.IanaServiceNameProblem(targetName);
        if (target is not null && targetNumber != 0 && !KubernetesNames.IsValidPortNumber(targetNumber))
            yield return At(target.Node, $"targetPort {target.Node.Value} is outside 1-65535", subject);
        else if (target is not null && why is not null)
            yield return At(target.Node, $"targetPort '{targetName}' is not a valid container port name: {why}", subject);

        // nodePort 0 means "allocate one".
        int nodePort = port.NodePort ?? 0;
        if (port.NodePortNode is not null && nodePort != 0 && !KubernetesNames.IsValidPortNumber(nodePort))
            yield return At(port.NodePortNode, $"nodePort {nodePort} is outside 1-65535", subject);

        // Service port names are DNS labels (up to 63 characters), unlike container port names.
        var name = port.Name;
        var nameProblem = string.IsNullOrEmpty(name) ? null : KubernetesNames.Dns1123LabelProblem(name);
        if (port.NameNode is not null && nameProblem is not null)
            yield return At(port.NameNode, $"port name '{name}' is not valid: {nameProblem}", subject);

        if (!Protocols.IsValid(port.Protocol) && port.ProtocolNode is not null)
        {
            var protocolNode = port.ProtocolNode;
            var hint = Protocols.IsValid(port.Protocol.ToUpperInvariant()) ? $" (write it in capitals: {port.Protocol.ToUpperInvariant()})" : "";
            yield return At(protocolNode, $"protocol '{port.Protocol}' is not supported; use TCP, UDP or SCTP{hint}", subject);
        }
    }
}
