using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class NamedTargetPortUnresolved : Rule
{
    public override RuleInfo Info { get; } = new("KNL104", "named-target-port-unresolved", Level.Error,
        "A Service's named targetPort matches no container port (by name and protocol) of a selected workload.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var (service, port, selected) in RoutedPort.All(context))
        {
            if (port.TargetPort is not { Name: { } name } target || KubernetesNames.IanaServiceNameProblem(name) is not null) continue;
            // The endpoints controller resolves the name on each pod, by name and protocol.
            var lacking = selected.Where(w => !w.Template.PortsIncomplete && w.Template.FindNamedPort(name, port.Protocol) is null).ToList();
            if (lacking.Count == 0) continue;
            var whose = Wiring.JoinAnd(lacking.Select(w => $"{Wiring.Describe(w)} ({Explain(w, name)})"));
            var servicePort = port.Port is { } p ? $"port {p}" : "this port";
            yield return At(target.Node,
                $"targetPort '{name}' names no {port.Protocol} container port of {whose}; " +
                $"those pods get no endpoint for {servicePort}",
                service.Resource, RoutedPort.PortsOf(lacking));
        }
    }

    private static string Explain(Workload w, string name)
    {
        var other = w.Template.Ports.FirstOrDefault(p => p.Name == name);
        return other is not null
            ? $"'{name}' is declared for {other.Protocol} only"
            : $"it declares {Wiring.PortList(w)}";
    }
}
