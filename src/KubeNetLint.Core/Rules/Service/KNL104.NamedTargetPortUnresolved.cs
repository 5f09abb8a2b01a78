using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class NamedTargetPortUnresolved : Rule
{
    public override RuleInfo Info { get; } = new("KNL104", "named-target-port-unresolved", Level.Error,
        "A Service's named targetPort matches no container port (by name and protocol) of any selected workload (error), or of some of them (warning).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var (service, port, selected) in RoutedPort.All(context))
        {
            var target = port.TargetPort;
            var name = target?.Name;
            if (target is null || name is null || KubernetesNames.IanaServiceNameProblem(name) is not null) continue;
            // The endpoints controller resolves the name on each pod, by name and protocol.
            var lacking = selected.Where(w => !w.Template.PortsIncomplete && w.Template.FindNamedPort(name, port.Protocol) is null).ToList();
            if (lacking.Count == 0) continue;
            var whose = Wiring.JoinAnd(lacking.Select(w => $"{Wiring.Describe(w)} ({Explain(w, name)})"));
            var servicePort = port.Port is not null ? $"port {port.Port}" : "this port";
            // Endpoints exist for the pods where the name resolves: with some of those, the Service still
            // works (a warning about the pods left out); with none, it has no endpoints for the port at all.
            var serving = selected.Where(w => !lacking.Contains(w)).ToList();
            var consequence = serving.Count == 0
                ? $"the Service has no endpoints for {servicePort}"
                : $"those pods get no endpoint for {servicePort}; the Service still has endpoints on {Names(serving)}";
            var finding = At(target.Node, $"targetPort '{name}' names no {port.Protocol} container port of {whose}; {consequence}",
                service.Resource, RoutedPort.PortsOf(lacking));
            yield return serving.Count == 0 ? finding : finding with { Level = Level.Warning };
        }
    }

    private const int MaxNamed = 3;

    private static string Names(IReadOnlyList<Workload> workloads) => workloads.Count <= MaxNamed
        ? Wiring.JoinAnd(workloads.Select(Wiring.Describe))
        : string.Join(", ", workloads.Take(MaxNamed).Select(Wiring.Describe)) + $" and {workloads.Count - MaxNamed} more";

    private static string Explain(Workload w, string name)
    {
        var other = w.Template.Ports.FirstOrDefault(p => p.Name == name);
        return other is not null
            ? $"'{name}' is declared for {other.Protocol} only"
            : $"it declares {Wiring.PortList(w)}";
    }
}
